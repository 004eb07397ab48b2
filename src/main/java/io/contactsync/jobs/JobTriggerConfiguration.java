package io.contactsync.jobs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.integration.launch.JobLaunchingGateway;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.http.dsl.Http;
import org.springframework.messaging.Message;
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
class JobTriggerConfiguration {

	static final String LAUNCH_CHANNEL = "jobLaunchRequests";

	static final String TRIGGER_PATH = "/api/v1/jobs/{name}/executions";

	@Bean
	IntegrationFlow jobLaunchFlow(BackgroundJobOperator background, LaunchLocks locks) {
		return IntegrationFlow.from(LAUNCH_CHANNEL)
			.handle(new JobLaunchingGateway(background.operator()), endpoint -> endpoint.advice(new RunLockAdvice(locks)))
			.get();
	}

	@Bean
	IntegrationFlow jobLaunchesGateway() {
		return IntegrationFlow.from(JobLaunches.class).channel(LAUNCH_CHANNEL).get();
	}

	@Bean
	@ConditionalOnWebApplication
	IntegrationFlow jobTriggerFlow(JobStarter starter, JsonMapper json) {
		return IntegrationFlow
			.from(Http.inboundGateway(TRIGGER_PATH)
				.requestMapping(mapping -> mapping.methods(HttpMethod.POST))
				.requestPayloadType(Object.class)
				.headerExpression("job", "#pathVariables.name")
				.messageConverters(new JacksonJsonHttpMessageConverter(json))
				.errorChannel("jobTriggerErrors"))
			.handle(Message.class, (message, headers) -> starter.newRun((String) headers.get("job"),
					TriggerParameters.of(message.getPayload())))
			.gateway(LAUNCH_CHANNEL)
			.handle(JobExecution.class, (execution, headers) -> ResponseEntity.status(HttpStatus.ACCEPTED)
				.location(URI.create("/api/v1/executions/" + execution.getId()))
				.contentType(MediaType.APPLICATION_JSON)
				.body(ExecutionView.of(execution)))
			.get();
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
