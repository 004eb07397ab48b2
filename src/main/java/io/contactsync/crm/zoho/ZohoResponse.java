package io.contactsync.crm.zoho;

import java.io.IOException;

import org.springframework.http.client.ClientHttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Zoho answer, read whatever its status, with what the retry decision needs. Zoho sends per-record
 * results in {@code data[]} (with 200, 201, 202, 207, and 400 when every record was refused) and a whole
 * request error as a top-level {@code {code, message, status:"error"}}; the accounts server answers
 * {@code {"error":"invalid_client"}}, reportedly with 200 (crm-api-notes.md 3.1, 3.3).
 */
record ZohoResponse(int status, JsonNode body, Throwable cause) {

	static ZohoResponse read(ClientHttpResponse answer, JsonMapper json) throws IOException {
		byte[] bytes = answer.getBody().readAllBytes();
		JsonNode body = bytes.length == 0 ? json.createObjectNode() : parse(json, bytes);
		return new ZohoResponse(answer.getStatusCode().value(), body, null);
	}

	static ZohoResponse unreachable(Throwable cause) {
		return new ZohoResponse(0, null, cause);
	}

	boolean isSuccess() {
		return status >= 200 && status < 300 && !body.has("error");
	}

	/**
	 * An answer of the kind asked for: per-record results ({@code data}) whatever the status, as the batch was
	 * read and each record has its own answer; or the fields metadata ({@code fields}).
	 */
	boolean answers(String field) {
		return status != 0 && body.path(field).isArray();
	}

	/**
	 * The access token is no longer good (INVALID_TOKEN, AUTHENTICATION_FAILURE): a new one may help. A
	 * missing scope (OAUTH_SCOPE_MISMATCH) is also a 401, but a new token has the same scopes.
	 */
	boolean isRejectedToken() {
		return status == 401 && !"OAUTH_SCOPE_MISMATCH".equals(code());
	}

	/**
	 * Worth sending again: unreachable, 429 TOO_MANY_REQUESTS (concurrency or credits: Zoho's body does not
	 * tell them apart, so the retries are bounded) and 5xx. Zoho documents no Retry-After.
	 */
	boolean isRetryable() {
		return status == 0 || status == 429 || status >= 500;
	}

	/** Zoho's code ({@code INVALID_TOKEN}, ...) or the accounts server's {@code error}. */
	String code() {
		return body == null ? "" : body.path("code").asString(body.path("error").asString(""));
	}

	/** Status and code only: Zoho's messages may echo what was sent. */
	String describe() {
		return status == 0 ? "unreachable (" + cause.getClass().getSimpleName() + ")" : status + " " + code();
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
