package io.contactsync.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.contactsync.alerts.AlertDestinations.Ready;
import io.contactsync.alerts.AlertRules.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Sends alerts on threads of its own, so that a slow or dead receiver never holds up a job: each alert goes to each
 * destination as its own task, tried again with exponential backoff on a network error or a 5xx, 408 or 429 answer,
 * up to the configured attempts, and then given up with a warning that names the alert and the destination only.
 */
class AlertSender {

	private static final Logger log = LoggerFactory.getLogger(AlertSender.class);

	static final String EVENT_HEADER = "X-ContactSync-Event";

	/** The same on every attempt of one delivery, so that a receiver can tell a retry from a new alert. */
	static final String DELIVERY_HEADER = "X-ContactSync-Delivery";

	private final AlertDestinations destinations;

	private final AlertMessages messages;

	private final Clock clock;

	private final Duration timeout;

	private final RetryTemplate retry;

	private final int attempts;

	private final HttpClient http;

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	AlertSender(AlertDestinations destinations, AlertMessages messages, AlertsProperties properties, Clock clock) {
		this.destinations = destinations;
		this.messages = messages;
		this.clock = clock;
		this.timeout = properties.timeout();
		this.attempts = properties.retry().maxAttempts();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(attempts - 1)
			.delay(properties.retry().baseDelay())
			.multiplier(2)
			.maxDelay(properties.retry().maxDelay())
			.predicate(failure -> failure instanceof NotDelivered notDelivered && notDelivered.worthRetrying)
			.build());
		// HTTP/1.1: the JDK client's h2c upgrade on plain http trips up simple receivers.
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
		executor.setThreadNamePrefix("alerts-");
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setQueueCapacity(properties.queueCapacity());
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationMillis(properties.shutdownWait().toMillis());
		executor.initialize();
	}

	/**
	 * Works out the alerts on a sending thread (that may read run history) and sends each one to every destination
	 * that is on. Returns at once.
	 */
	void sendLater(String what, Supplier<List<Alert>> alerts) {
		later(what, () -> alerts.get().forEach(this::send));
	}

	void send(Alert alert) {
		for (Ready destination : destinations.ready()) {
			later(alert.describe(), () -> deliver(alert, destination));
		}
	}

	void stop() {
		executor.shutdown();
	}

	private void later(String what, Runnable task) {
		try {
			executor.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.warn("Alerts for {} could not be worked out ({})", what, ex.getClass().getSimpleName());
				}
			});
		}
		catch (TaskRejectedException ex) {
			log.warn("Alert {} dropped: the alert queue is full or the service is stopping", what);
		}
	}

	private void deliver(Alert alert, Ready destination) {
		String body = destination.destination().kind() == Kind.SLACK ? messages.slack(alert) : messages.webhook(alert);
		String delivery = UUID.randomUUID().toString();
		try {
			retry.execute(() -> attempt(alert, destination, body, delivery));
			log.info("Alert {} sent to {}", alert.describe(), destination.destination().name());
		}
		catch (RetryException ex) {
			String last = ex.getLastException() instanceof NotDelivered notDelivered ? notDelivered.getMessage()
					: ex.getLastException().getClass().getSimpleName();
			log.warn("Alert {} was not delivered to {} after {} attempt(s), last {}; giving up", alert.describe(),
					destination.destination().name(), Math.min(ex.getRetryCount() + 1, attempts), last);
		}
	}

	private Void attempt(Alert alert, Ready destination, String body, String delivery) throws InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(destination.url()).timeout(timeout)
			.header("Content-Type", "application/json")
			.header(EVENT_HEADER, alert.type().code())
			.header(DELIVERY_HEADER, delivery)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (destination.secret() != null) {
			// Signed afresh at each attempt: a retry minutes later must still pass the receiver's age check.
			long timestamp = clock.instant().getEpochSecond();
			request.header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
				.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(destination.secret(), timestamp, body));
		}
		int status;
		try {
			status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			// The exception's message can carry the URL: only its type is kept.
			throw new NotDelivered(ex.getClass().getSimpleName(), true);
		}
		if (status / 100 == 2) {
			return null;
		}
		throw new NotDelivered("HTTP " + status, status >= 500 || status == 408 || status == 429);
	}

	/** One attempt's failure, described without the URL; a 4xx other than 408 and 429 will not get better. */
	private static final class NotDelivered extends RuntimeException {

		private final boolean worthRetrying;

		NotDelivered(String message, boolean worthRetrying) {
			super(message, null, false, false);
			this.worthRetrying = worthRetrying;
		}
	}
}
