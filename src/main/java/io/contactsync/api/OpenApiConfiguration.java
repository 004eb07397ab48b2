package io.contactsync.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at /v3/api-docs and its UI at /swagger-ui.html, where a token can be entered. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI contactSyncApi() {
		return new OpenAPI()
			.info(new Info().title("Contact Sync API")
				.version("v1")
				.description("Contacts captured by chatbots, their conversations, and the jobs that keep them in sync "
						+ "with CRMs. Every endpoint needs 'Authorization: Bearer <token>': viewer tokens read, "
						+ "operator tokens also run jobs and export, admin tokens also edit and delete."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}
}
