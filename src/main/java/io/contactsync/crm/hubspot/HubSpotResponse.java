package io.contactsync.crm.hubspot;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.crm.CrmMapping;
import org.springframework.http.client.ClientHttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HubSpot answer, read whatever its status, with what the retry decision needs: whether it is worth
 * trying again (429 but DAILY, 423, 5xx, unreachable), how long HubSpot said to wait, and the limit its
 * X-HubSpot-RateLimit-Max and -Interval-Milliseconds headers state (null when absent, as on search answers).
 */
record HubSpotResponse(int status, JsonNode body, Duration retryAfter, CrmMapping.RateLimit limit, Throwable cause) {

	/** HubSpot puts per-property errors as JSON inside the message text: {@code "error":"INVALID_EMAIL"}. */
	private static final Pattern PROPERTY_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([A-Z_]+)\"");

	static HubSpotResponse read(ClientHttpResponse answer, JsonMapper json) throws IOException {
		byte[] bytes = answer.getBody().readAllBytes();
		JsonNode body = bytes.length == 0 ? json.createObjectNode() : parse(json, bytes);
		return new HubSpotResponse(answer.getStatusCode().value(), body, waitFrom(answer), limitFrom(answer), null);
	}

	static HubSpotResponse unreachable(Throwable cause) {
		return new HubSpotResponse(0, null, null, null, cause);
	}

	boolean isSuccess() {
		return status >= 200 && status < 300;
	}

	boolean isRetryable() {
		if (status == 429) {
			return !"DAILY".equals(body.path("policyName").asString(""));
		}
		return status == 0 || status == 423 || status == 477 || status >= 500;
	}

	String errorCode() {
		return errorCode(body);
	}

	String message() {
		return body == null ? "" : body.path("message").asString("");
	}

	String describe() {
		return status == 0 ? "unreachable (" + cause.getClass().getSimpleName() + ")"
				: status + " " + body.path("category").asString(body.path("policyName").asString(""));
	}

	static String errorCode(JsonNode error) {
		Matcher property = PROPERTY_ERROR.matcher(error.path("message").asString(""));
		return property.find() ? property.group(1) : error.path("category").asString("ERROR");
	}

	/** Retry-After in seconds when sent (HubSpot documents it for 477); a 423 lock lasts 2 s. */
	private static Duration waitFrom(ClientHttpResponse answer) throws IOException {
		String retryAfter = answer.getHeaders().getFirst("Retry-After");
		if (retryAfter != null && retryAfter.matches("\\d+")) {
			long value = Long.parseLong(retryAfter);
			return value > 1000 ? Duration.ofMillis(value) : Duration.ofSeconds(value);
		}
		if (answer.getStatusCode().value() == 423) {
			return Duration.ofSeconds(2);
		}
		return null;
	}

	private static CrmMapping.RateLimit limitFrom(ClientHttpResponse answer) {
		String max = answer.getHeaders().getFirst("X-HubSpot-RateLimit-Max");
		String interval = answer.getHeaders().getFirst("X-HubSpot-RateLimit-Interval-Milliseconds");
		// Bounded (windows of 100 ms to 100 s), so that a mangled header cannot stall a push for days.
		if (max == null || interval == null || !max.matches("[1-9]\\d{0,6}") || !interval.matches("[1-9]\\d{2,4}")) {
			return null;
		}
		return new CrmMapping.RateLimit(Integer.parseInt(max), Duration.ofMillis(Long.parseLong(interval)));
	}

	private static JsonNode parse(JsonMapper json, byte[] bytes) {
		try {
			return json.readTree(bytes);
		}
		catch (RuntimeException notJson) {
			return json.createObjectNode();
		}
	}
}
