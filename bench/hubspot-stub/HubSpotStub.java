import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HubSpot the crm-push benchmark pushes to: its contact and note properties, batch upsert and batch update, batch
 * create of notes associated to its contacts, and its ten-second rolling
 * rate limit enforced as HubSpot enforces it — a request past the limit is answered 429 TEN_SECONDLY_ROLLING with
 * the X-HubSpot-RateLimit-* headers — so that a benchmark which goes faster than the limit shows it in refusals
 * instead of a figure no real account would allow. Upserts answer after a fixed latency and keep one record per
 * email, counting how often each was written, so the benchmark can check every contact arrived once.
 * <p>
 * {@code GET /__stats} says what it saw since it was last reset (requests taken by path, refused, the most taken in
 * any window, records written and written more than once) and the records it holds; {@code POST /__reset} starts
 * counting again, {@code POST /__forget} forgets the records too. Run by bench/crm-push.sh:
 * {@code java -cp <jackson-databind, -core, -annotations> HubSpotStub.java PORT LIMIT WINDOW_MS LATENCY_MS PROPERTIES}
 */
public final class HubSpotStub {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final int limit;
	private final long windowNanos;
	private final long latencyMillis;
	private final byte[] properties;
	/** Arrival times of the requests taken in the current window, oldest first. */
	private final ArrayDeque<Long> window = new ArrayDeque<>();
	/** Records by email, and their emails by id. */
	private final Map<String, Record> records = new ConcurrentHashMap<>();
	private final Map<String, String> emails = new ConcurrentHashMap<>();
	private final AtomicLong ids = new AtomicLong(1000);
	private final Map<String, AtomicLong> byPath = new ConcurrentHashMap<>();
	/** Notes created per objectWriteTraceId (a conversation), and the note requests taken. */
	private final Map<String, Integer> notesByTrace = new ConcurrentHashMap<>();
	private final AtomicLong noteRequests = new AtomicLong();
	private long taken;
	private long refused;
	private int mostInWindow;

	private record Record(String id, int writes) {
	}

	private HubSpotStub(int limit, long windowMillis, long latencyMillis, byte[] properties) {
		this.limit = limit;
		this.windowNanos = windowMillis * 1_000_000;
		this.latencyMillis = latencyMillis;
		this.properties = properties;
	}

	public static void main(String[] args) throws IOException {
		HubSpotStub stub = new HubSpotStub(Integer.parseInt(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]),
				Files.readAllBytes(Path.of(args[4])));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
		// Each upsert holds a thread for the latency: enough threads for far more in flight than any client sends.
		server.setExecutor(Executors.newFixedThreadPool(256));
		server.createContext("/", stub::handle);
		server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/__stats")) {
				answer(exchange, 200, stats(), Map.of());
				return;
			}
			if ((path.equals("/__reset") || path.equals("/__forget")) && method.equals("POST")) {
				reset(path.equals("/__forget"));
				answer(exchange, 200, Map.of(), Map.of());
				return;
			}
			byte[] body = exchange.getRequestBody().readAllBytes();
			byPath.computeIfAbsent(method + " " + path.replaceAll("/[0-9]+(/|$)", "/{id}$1"), key -> new AtomicLong())
				.incrementAndGet();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				answer(exchange, 401, error("Authentication credentials not found.", "INVALID_AUTHENTICATION"), Map.of());
				return;
			}
			int remaining = take();
			Map<String, String> headers = Map.of("X-HubSpot-RateLimit-Max", String.valueOf(limit),
					"X-HubSpot-RateLimit-Remaining", String.valueOf(Math.max(remaining, 0)),
					"X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(windowNanos / 1_000_000));
			if (remaining < 0) {
				Map<String, Object> tooMany = error("You have reached your ten_secondly_rolling limit.", "RATE_LIMIT");
				tooMany.put("errorType", "RATE_LIMIT");
				tooMany.put("policyName", "TEN_SECONDLY_ROLLING");
				answer(exchange, 429, tooMany, headers);
			}
			else if (method.equals("GET") && path.equals("/crm/v3/properties/contacts")) {
				exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
				headers.forEach(exchange.getResponseHeaders()::add);
				exchange.sendResponseHeaders(200, properties.length);
				exchange.getResponseBody().write(properties);
			}
			else if (method.equals("GET") && path.equals("/crm/v3/properties/notes")) {
				answer(exchange, 200, Map.of("results", List.of(noteProperty("hs_timestamp", "datetime"),
						noteProperty("hs_note_body", "string"))), headers);
			}
			else if (method.equals("POST") && path.equals("/crm/v3/objects/contacts/batch/upsert")) {
				sleep();
				write(exchange, JSON.readTree(body), headers, false);
			}
			else if (method.equals("POST") && path.equals("/crm/v3/objects/contacts/batch/update")) {
				sleep();
				write(exchange, JSON.readTree(body), headers, true);
			}
			else if (method.equals("POST") && path.equals("/crm/v3/objects/notes/batch/create")) {
				sleep();
				notes(exchange, JSON.readTree(body), headers);
			}
			else {
				answer(exchange, 404, error("Unknown path " + path, "OBJECT_NOT_FOUND"), headers);
			}
		}
	}

	/** Takes one request from the rolling window: the requests left in it after this one, or -1 when refused. */
	private synchronized int take() {
		long now = System.nanoTime();
		while (!window.isEmpty() && now - window.peekFirst() >= windowNanos) {
			window.pollFirst();
		}
		if (window.size() >= limit) {
			refused++;
			return -1;
		}
		window.addLast(now);
		taken++;
		mostInWindow = Math.max(mostInWindow, window.size());
		return limit - window.size();
	}

	/** An upsert keyed by email, or ({@code byId}) an update of records by their ids, unknown ones refused. */
	private void write(HttpExchange exchange, JsonNode body, Map<String, String> headers, boolean byId)
			throws IOException {
		JsonNode inputs = body.path("inputs");
		if (!inputs.isArray() || inputs.size() > 100) {
			answer(exchange, 400, error("inputs must be an array of at most 100", "VALIDATION_ERROR"), headers);
			return;
		}
		List<Map<String, Object>> results = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (JsonNode input : inputs) {
			String email = byId ? emails.get(input.path("id").asText()) : input.path("id").asText();
			if (email == null) {
				errors.add(notFound(input.path("id").asText()));
				continue;
			}
			boolean created = !records.containsKey(email);
			Record record = records.compute(email, (key, held) -> held == null
					? new Record(String.valueOf(ids.incrementAndGet()), 1) : new Record(held.id(), held.writes() + 1));
			emails.putIfAbsent(record.id(), email);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("id", record.id());
			if (!byId) {
				result.put("new", created);
			}
			result.put("archived", false);
			result.put("createdAt", "2026-01-05T10:00:00.000Z");
			result.put("updatedAt", "2026-01-05T10:00:00.000Z");
			result.put("properties", Map.of("email", email, "hs_object_id", record.id()));
			results.add(result);
		}
		answer(exchange, errors.isEmpty() ? 200 : 207, batchAnswer(results, errors), headers);
	}

	/**
	 * A batch create of notes, each with its association to a contact this stub holds (type 202), counted per
	 * objectWriteTraceId (the conversation) so that a note created twice shows.
	 */
	private void notes(HttpExchange exchange, JsonNode body, Map<String, String> headers) throws IOException {
		JsonNode inputs = body.path("inputs");
		if (!inputs.isArray() || inputs.size() > 100) {
			answer(exchange, 400, error("inputs must be an array of at most 100", "VALIDATION_ERROR"), headers);
			return;
		}
		noteRequests.incrementAndGet();
		List<Map<String, Object>> results = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (JsonNode input : inputs) {
			JsonNode association = input.path("associations").path(0);
			String trace = input.path("objectWriteTraceId").asText();
			if (input.path("properties").path("hs_timestamp").asText().isEmpty()
					|| input.path("properties").path("hs_note_body").asText().isEmpty()
					|| association.path("types").path(0).path("associationTypeId").asInt() != 202
					|| !emails.containsKey(association.path("to").path("id").asText())) {
				Map<String, Object> invalid = error("a note needs hs_timestamp, hs_note_body and one association of"
						+ " type 202 to a contact", "VALIDATION_ERROR");
				invalid.put("context", Map.of("objectWriteTraceId", List.of(trace)));
				errors.add(invalid);
				continue;
			}
			notesByTrace.merge(trace, 1, Integer::sum);
			results.add(Map.of("id", String.valueOf(ids.incrementAndGet()), "archived", false,
					"createdAt", "2026-01-05T10:00:00.000Z", "updatedAt", "2026-01-05T10:00:00.000Z",
					"properties", Map.of("hs_timestamp", input.path("properties").path("hs_timestamp").asText())));
		}
		answer(exchange, errors.isEmpty() ? 201 : 207, batchAnswer(results, errors), headers);
	}

	/** A note property as the properties API lists it: what the app's online check reads. */
	private static Map<String, Object> noteProperty(String name, String type) {
		return Map.of("name", name, "label", name, "type", type, "groupName", "note_information", "options", List.of(),
				"hasUniqueValue", false, "calculated", false,
				"modificationMetadata", Map.of("readOnlyValue", false, "readOnlyDefinition", true, "archivable", false));
	}

	/** A batch call's answer as HubSpot shapes it. */
	private static Map<String, Object> batchAnswer(List<Map<String, Object>> results, List<Map<String, Object>> errors) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "COMPLETE");
		answer.put("results", results);
		if (!errors.isEmpty()) {
			answer.put("numErrors", errors.size());
			answer.put("errors", errors);
		}
		answer.put("startedAt", "2026-01-05T10:00:00.100Z");
		answer.put("completedAt", "2026-01-05T10:00:00.300Z");
		return answer;
	}

	private static Map<String, Object> notFound(String id) {
		Map<String, Object> error = error("Could not get some CONTACT objects, they may be deleted or not exist. "
				+ "Check that ids are valid.", "OBJECT_NOT_FOUND");
		error.put("context", Map.of("ids", List.of(id)));
		return error;
	}

	private synchronized Map<String, Object> stats() {
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("requests", taken);
		stats.put("refused", refused);
		stats.put("mostInWindow", mostInWindow);
		stats.put("records", records.size());
		stats.put("written", records.values().stream().filter(record -> record.writes() > 0).count());
		stats.put("writtenTwice", records.values().stream().filter(record -> record.writes() > 1).count());
		stats.put("noteRequests", noteRequests.get());
		stats.put("notes", notesByTrace.size());
		stats.put("notesTwice", notesByTrace.values().stream().filter(writes -> writes > 1).count());
		stats.put("byPath", byPath);
		return stats;
	}

	private synchronized void reset(boolean forget) {
		if (forget) {
			records.clear();
			emails.clear();
			notesByTrace.clear();
		}
		else {
			records.replaceAll((email, record) -> new Record(record.id(), 0));
		}
		window.clear();
		byPath.clear();
		noteRequests.set(0);
		taken = 0;
		refused = 0;
		mostInWindow = 0;
	}

	private void sleep() {
		try {
			Thread.sleep(latencyMillis);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, Object> error(String message, String category) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", "error");
		error.put("message", message);
		error.put("correlationId", UUID.randomUUID().toString());
		error.put("category", category);
		return error;
	}

	private static void answer(HttpExchange exchange, int status, Object body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
		headers.forEach(exchange.getResponseHeaders()::add);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}
}
