package io.contactsync.crm;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.Test;

class MappingValidationApiTests extends ApplicationTest {

	@Test
	void acceptsAValidMappingAndSaysWhatItMaps() throws Exception {
		mvc.perform(post("/api/v1/mappings/validate?name=hubspot.yml").with(Tokens.OPERATOR.bearer())
			.contentType("application/yaml")
			.content(Files.readString(Path.of("mappings/hubspot.yml"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(true))
			.andExpect(jsonPath("$.target").value("hubspot"))
			.andExpect(jsonPath("$.match_key").value("email"));
	}

	@Test
	void answers422WithEveryProblemAndItsLine() throws Exception {
		String yaml = Files.readString(Path.of("mappings/hubspot.yml"))
			.replace("{target: email, source: email", "{target: email, source: emial")
			.replace("target: hubspot", "target: hubspt");

		mvc.perform(post("/api/v1/mappings/validate?name=hubspot.yml").with(Tokens.OPERATOR.bearer())
			.contentType("application/yaml")
			.content(yaml))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.errors[0].line").isNumber())
			.andExpect(jsonPath("$.errors[*].message").value(org.hamcrest.Matchers.hasItem(
					org.hamcrest.Matchers.containsString("hubspt"))));
	}

	@Test
	void isForOperators() throws Exception {
		mvc.perform(post("/api/v1/mappings/validate").with(Tokens.VIEWER.bearer())
			.contentType("application/yaml").content("target: hubspot"))
			.andExpect(status().isForbidden());
	}
}
