package io.contactsync.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * CSV injection: whatever a visitor typed into any field, opening the export in a spreadsheet runs nothing. Every
 * character of OWASP's list starts a value in every text column a visitor or an operator can fill.
 */
class ExportInjectionTests extends ApplicationTest {

	private static final List<String> TRIGGERS = List.of("=", "+", "-", "@", "\t", "\r");

	@BeforeEach
	void aContactPerTrigger() {
		store.clear();
		for (String trigger : TRIGGERS) {
			long id = store.contact()
				.name(trigger + "HYPERLINK(\"http://x.io\",\"Jane\")")
				.email(trigger + "cmd@example.com")
				.phone(trigger + "HYPERLINK(\"http://x.io\",\"+12015550123\")")
				.insert();
			store.jdbc().sql("update contact set tags = array[:tag] where id = :id")
				.param("tag", trigger + "SUM(1+1)")
				.param("id", id)
				.update();
		}
	}

	@Test
	void noCellOfTheCsvStartsAFormula() throws Exception {
		List<CSVRecord> rows = csv();

		assertThat(rows).hasSize(TRIGGERS.size());
		List<String> cells = new ArrayList<>();
		rows.forEach(row -> row.forEach(cells::add));
		assertThat(cells).allSatisfy(cell -> assertThat(cell).doesNotStartWith("=")
			.doesNotStartWith("+")
			.doesNotStartWith("-")
			.doesNotStartWith("@")
			.doesNotStartWith("\t")
			.doesNotStartWith("\r"));
		for (String column : List.of("name", "email", "phone", "tags")) {
			assertThat(rows).extracting(row -> row.get(column))
				.as(column)
				.allSatisfy(cell -> assertThat(cell).startsWith("'"))
				.extracting(cell -> cell.substring(1, 2))
				.containsExactlyInAnyOrderElementsOf(TRIGGERS);
		}
	}

	@Test
	void anE164NumberIsKeptWholeBehindTheApostrophe() throws Exception {
		store.clear();
		store.contact().name("Lukas").phone("+49 30 901820").insert();

		CSVRecord row = csv().get(0);

		assertThat(row.get("phone")).isEqualTo("'+49 30 901820");
		assertThat(row.get("phone_e164")).isEqualTo("'+4930901820");
	}

	private List<CSVRecord> csv() throws Exception {
		MvcResult started = mvc.perform(get("/api/v1/contacts/export?format=csv").with(Tokens.OPERATOR.bearer()))
			.andExpect(request().asyncStarted())
			.andReturn();
		byte[] body = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		try (InputStreamReader reader = new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3),
				StandardCharsets.UTF_8)) {
			return CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}
}
