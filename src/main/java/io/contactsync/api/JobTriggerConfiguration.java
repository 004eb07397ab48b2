package io.contactsync.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.jobs.ExecutionView;
import io.contactsync.jobs.JobLaunches;
import io.contactsync.jobs.JobRuns;
import io.contactsync.jobs.JobStarter;
import io.contactsync.jobs.JobUsageException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.http.dsl.Http;
import org.springframework.integration.http.dsl.HttpRequestHandlerEndpointSpec;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP trigger, on Spring Integration HTTP: {@code POST /api/v1/jobs/{name}/executions} with the parameters as
 * a JSON object (or no body) goes into the job-launch channel ({@code jobs/JobLaunchConfiguration}) and is
 * answered 202 with the execution and its {@code Location}; {@code GET} lists the job's runs. Failures are
 * answered by {@link ApiProblems}, the table {@link ApiExceptionHandler} answers the rest of the API by: 404 for
 * an unknown job, 400 for a bad parameter, 409 while the job runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class JobTriggerConfiguration {

	private static final String TRIGGER_PATH = "/api/v1/jobs/{name}/executions";

	private static final String TRIGGER_ERRORS = "jobTriggerErrors";

	private static final int MAX_PAGE_SIZE = 100;

	@Bean
	IntegrationFlow jobTriggerFlow(JobStarter starter, JsonMapper json) {
		return IntegrationFlow.from(inbound(HttpMethod.POST, json))
			.handle(Message.class, (message, headers) -> starter.newRun((String) headers.get("job"),
					TriggerParameters.of(message.getPayload(), json)))
			.gateway(JobLaunches.CHANNEL)
			.handle(JobExecution.class, (execution, headers) -> ResponseEntity.status(HttpStatus.ACCEPTED)
				.location(URI.create("/api/v1/executions/" + execution.getId()))
				.contentType(MediaType.APPLICATION_JSON)
				.body(ExecutionView.of(execution)))
			.get();
	}

	/**
	 * {@code GET} of the same path, the job's runs newest first ({@code page}, {@code size}): served here and not
	 * by a controller, as one path's methods must live in one handler mapping.
	 */
	@Bean
	IntegrationFlow jobHistoryFlow(JobRuns runs, JsonMapper json) {
		return IntegrationFlow.from(inbound(HttpMethod.GET, json)
			.headerExpression("page", "#requestParams.getFirst('page')")
			.headerExpression("size", "#requestParams.getFirst('size')"))
			.handle(Message.class, (message, headers) -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(runs.executions((String) headers.get("job"), number(headers.get("page"), "page", 0, 0,
						Integer.MAX_VALUE), number(headers.get("size"), "size", 20, 1, MAX_PAGE_SIZE))))
			.get();
	}

	private static HttpRequestHandlerEndpointSpec inbound(HttpMethod method, JsonMapper json) {
		return Http.inboundGateway(TRIGGER_PATH)
			.requestMapping(mapping -> mapping.methods(method))
			.headerExpression("job", "#pathVariables.name")
			// The body comes in as bytes (TriggerParameters reads it, saying what is wrong); answers go out as JSON.
			.messageConverters(new ByteArrayHttpMessageConverter(), new JacksonJsonHttpMessageConverter(json))
			.errorChannel(TRIGGER_ERRORS);
	}

	private static int number(Object value, String name, int absent, int min, int max) {
		if (value == null) {
			return absent;
		}
		String text = value.toString();
		if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
			throw new JobUsageException(name + " must be a whole number from " + min + " to " + max + ", not '" + text
					+ "'.");
		}
		return Integer.parseInt(text);
	}

	@Bean
	IntegrationFlow jobTriggerErrorFlow() {
		return IntegrationFlow.from(TRIGGER_ERRORS)
			.handle(MessagingException.class, (failure, headers) -> problem(failure))
			.get();
	}

	/**
	 * The problem as the trigger has always written it: with its type, which Spring MVC leaves out when it is
	 * {@code about:blank} (the default, as none is set), and no instance.
	 */
	private static ResponseEntity<Map<String, Object>> problem(MessagingException failure) {
		ProblemDetail problem = ApiProblems.of(failure, "The job could not be launched; the service log says why.");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}
}
