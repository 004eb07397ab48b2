package io.contactsync.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.jobs.JobUsageException;
import io.contactsync.store.StorableText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The parameters of an HTTP launch: a JSON object of names to plain values, or no body at all. */
final class TriggerParameters {

	private static final String SHAPE = "Send the parameters as a JSON object of plain values, e.g."
			+ " {\"target\": \"hubspot\", \"dryRun\": true}, or send no body.";

	private TriggerParameters() {
	}

	/** @param body what the HTTP inbound gateway made of the request: its bytes, its text, or its query parameters */
	static Map<String, String> of(Object body, JsonMapper json) {
		String text = body instanceof byte[] bytes ? utf8(bytes) : body instanceof String string ? string : "";
		Map<String, String> parameters = new LinkedHashMap<>();
		if (text.isBlank()) {
			return parameters;
		}
		JsonNode object = parse(text, json);
		for (String name : object.propertyNames()) {
			JsonNode value = object.get(name);
			if (!value.isValueNode() || value.isNull()) {
				throw new JobUsageException("Parameter '" + name + "' needs a plain value (text, number or true/false). "
						+ SHAPE);
			}
			StorableText.problem(name).ifPresent(problem -> {
				throw new JobUsageException("A parameter's name " + problem + "; send text without it.");
			});
			StorableText.problem(value.asString()).ifPresent(problem -> {
				throw new JobUsageException(name + " " + problem + "; send text without it.");
			});
			parameters.put(name, value.asString());
		}
		return parameters;
	}

	private static String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new JobUsageException("The body is not UTF-8 text. " + SHAPE);
		}
	}

	private static JsonNode parse(String text, JsonMapper json) {
		try {
			JsonNode node = json.readTree(text);
			if (node != null && node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// said below
		}
		throw new JobUsageException("The body is not a JSON object. " + SHAPE);
	}
}
