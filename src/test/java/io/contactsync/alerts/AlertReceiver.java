package io.contactsync.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A receiver of alerts on localhost, as an operator would put one up: {@code /slack} takes Slack's messages and
 * {@code /webhook} the signed ones, whose signature it checks the way the README tells receivers to (its own HMAC,
 * not the service's code). It records every request and answers as the test scripts it. For each test the
 * environment variables of the shipped jobs/alerts.yml point at it (as system properties, which Spring's
 * environment reads like variables), and are cleared after.
 */
class AlertReceiver implements BeforeEachCallback, AfterEachCallback {

	static final String SECRET = "test-alert-secret-0123456789";

	private static final List<String> VARIABLES = List.of("CONTACTSYNC_SLACK_WEBHOOK_URL",
			"CONTACTSYNC_ALERT_WEBHOOK_URL", "CONTACTSYNC_ALERT_WEBHOOK_SECRET");

	/** What reached the receiver. {@code signatureValid} is false for an unsigned or wrongly signed request. */
	record Request(String path, String event, String delivery, String timestamp, boolean signatureValid,
			String body) {
	}

	/** An answer the test scripted: an HTTP status, or {@link #HANG} for none until the test ends. */
	static final int HANG = 0;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Deque<Integer> webhookAnswers = new ArrayDeque<>();

	private CountDownLatch release;

	private HttpServer server;

	/** The webhook's next answers, in order; after them it answers 200. */
	synchronized void answerWebhook(int... statuses) {
		for (int status : statuses) {
			webhookAnswers.add(status);
		}
	}

	List<Request> requests() {
		return List.copyOf(requests);
	}

	/** The webhook's requests about one run. */
	Predicate<Request> webhook(long executionId) {
		return request -> request.path().equals("/webhook")
				&& json.readTree(request.body()).get("execution_id").asLong(-1) == executionId;
	}

	/** The webhook's missed-run alerts of one job. */
	Predicate<Request> missedRun(String job) {
		return request -> request.path().equals("/webhook") && "missed-run".equals(request.event())
				&& json.readTree(request.body()).get("job").asString().equals(job);
	}

	/** Waits until {@code count} requests match, then gives them; fails after ten seconds with what came. */
	List<Request> await(int count, Predicate<Request> which) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			List<Request> matching = requests.stream().filter(which).toList();
			if (matching.size() >= count) {
				return matching;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("expected " + count + " matching alert requests, got " + requests);
	}

	/** The requests that match after a pause long enough for a wrongly sent alert to have arrived. */
	List<Request> after(Duration pause, Predicate<Request> which) throws InterruptedException {
		Thread.sleep(pause.toMillis());
		return requests.stream().filter(which).toList();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		release = new CountDownLatch(1);
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", this::handle);
		// Several threads: a hanging request must not keep the next one out.
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
		String base = "http://localhost:" + server.getAddress().getPort();
		System.setProperty("CONTACTSYNC_SLACK_WEBHOOK_URL", base + "/slack");
		System.setProperty("CONTACTSYNC_ALERT_WEBHOOK_URL", base + "/webhook");
		System.setProperty("CONTACTSYNC_ALERT_WEBHOOK_SECRET", SECRET);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		VARIABLES.forEach(System::clearProperty);
		release.countDown();
		server.stop(0);
		((ExecutorService) server.getExecutor()).shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String path = exchange.getRequestURI().getPath();
		String timestamp = exchange.getRequestHeaders().getFirst("X-ContactSync-Timestamp");
		String signature = exchange.getRequestHeaders().getFirst("X-ContactSync-Signature");
		requests.add(new Request(path, exchange.getRequestHeaders().getFirst("X-ContactSync-Event"),
				exchange.getRequestHeaders().getFirst("X-ContactSync-Delivery"), timestamp,
				verified(timestamp, body, signature), body));
		int status = path.equals("/webhook") ? nextWebhookAnswer() : 200;
		if (status == HANG) {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			status = 200;
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private synchronized int nextWebhookAnswer() {
		Integer next = webhookAnswers.poll();
		return next == null ? 200 : next;
	}

	/** HMAC-SHA256 of "timestamp.body" with the shared secret, compared in constant time, as the README says. */
	private static boolean verified(String timestamp, String body, String signature) {
		if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String expected = "sha256=" + HexFormat.of()
				.formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
			return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
					signature.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
