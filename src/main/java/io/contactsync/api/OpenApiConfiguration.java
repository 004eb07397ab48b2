package io.contactsync.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
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
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.path("/api/v1/jobs/{name}/executions", jobExecutions());
	}

	/**
	 * The HTTP trigger is a Spring Integration inbound gateway, not a controller, so springdoc cannot see it;
	 * described here so that integrators find it beside the rest.
	 */
	private static PathItem jobExecutions() {
		Parameter name = new Parameter().in("path").name("name").required(true)
			.description("The job, e.g. nightly-sync or crm-push (GET /api/v1/jobs lists them)")
			.schema(new StringSchema());
		return new PathItem().addParametersItem(name)
			.post(new Operation().addTagsItem("jobs").summary("Launch a new run of the job (operator)")
				.description("The job's parameters as a JSON object of plain values, e.g. {\"target\": \"hubspot\"},"
						+ " or no body. The run goes on in the background.")
				.requestBody(new RequestBody().required(false).content(new Content().addMediaType("application/json",
						new MediaType().schema(new ObjectSchema()))))
				.responses(new ApiResponses()
					.addApiResponse("202", new ApiResponse().description("Launched; Location is the execution"))
					.addApiResponse("400",
							new ApiResponse().description("A parameter the job does not take, or a bad value"))
					.addApiResponse("404", new ApiResponse().description("No such job"))
					.addApiResponse("409", new ApiResponse().description("A run of the job is in progress"))))
			.get(new Operation().addTagsItem("jobs").summary("The job's runs, newest first (viewer)")
				.addParametersItem(new Parameter().in("query").name("page").schema(new IntegerSchema()))
				.addParametersItem(new Parameter().in("query").name("size").description("1 to 100, default 20")
					.schema(new IntegerSchema()))
				.responses(new ApiResponses()
					.addApiResponse("200", new ApiResponse().description("A page of executions"))
					.addApiResponse("404", new ApiResponse().description("No such job"))));
	}
}
