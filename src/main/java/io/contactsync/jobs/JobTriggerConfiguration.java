package io.contactsync.jobs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.integration.launch.JobLaunchingGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.http.dsl.Http;
import org.springframework.integration.http.dsl.HttpRequestHandlerEndpointSpec;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Launching jobs through Spring Integration: every launch, from HTTP or the schedule, goes through the channel
 * {@value #LAUNCH_CHANNEL} into Spring Batch's {@code JobLaunchingGateway}, which starts the run in the background
 * and answers with its execution; the run lock is taken on the way in.
 * <p>
 * The HTTP trigger: {@code POST /api/v1/jobs/{name}/executions} with the parameters as a JSON object (or no
 * body), answered 202 with the execution and its {@code Location}; 404 for an unknown job, 400 for a bad
 * parameter, 409 while the job runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FileRootsProperties.class, DemoJobsProperties.class })
class JobTriggerConfiguration {

	static final String LAUNCH_CHANNEL = "jobLaunchRequests";

	static final String TRIGGER_PATH = "/api/v1/jobs/{name}/executions";

	private static final int MAX_PAGE_SIZE = 100;

	@Bean
	IntegrationFlow jobLaunchFlow(BackgroundJobOperator background, LaunchLocks locks) {
		return IntegrationFlow.from(LAUNCH_CHANNEL)
			.handle(new JobLaunchingGateway(background.operator()), endpoint -> endpoint.advice(new RunLockAdvice(locks)))
			.get();
	}

	@Bean(LAUNCH_CHANNEL)
	MessageChannel jobLaunchRequests() {
		return new DirectChannel();
	}

	@Bean
	@ConditionalOnWebApplication
	IntegrationFlow jobTriggerFlow(JobStarter starter, JsonMapper json) {
		return IntegrationFlow.from(inbound(HttpMethod.POST, json))
			.handle(Message.class, (message, headers) -> starter.newRun((String) headers.get("job"),
					TriggerParameters.of(message.getPayload(), json)))
			.gateway(LAUNCH_CHANNEL)
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
	@ConditionalOnWebApplication
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
			.errorChannel("jobTriggerErrors");
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
	@ConditionalOnWebApplication
	IntegrationFlow jobTriggerErrorFlow() {
		return IntegrationFlow.from("jobTriggerErrors")
			.handle(MessagingException.class, (failure, headers) -> problem(failure))
			.get();
	}

	private static ResponseEntity<Map<String, Object>> problem(MessagingException failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause instanceof MessagingException) {
			cause = cause.getCause();
		}
		HttpStatus status = statusOf(cause);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", status == HttpStatus.INTERNAL_SERVER_ERROR ? "The job could not be launched; the service log"
				+ " says why." : cause.getMessage());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

	private static HttpStatus statusOf(Throwable cause) {
		if (cause instanceof UnknownJobException) {
			return HttpStatus.NOT_FOUND;
		}
		if (cause instanceof JobUsageException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (cause instanceof JobAlreadyRunningException || cause instanceof JobInstanceAlreadyCompleteException) {
			return HttpStatus.CONFLICT;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}
}
