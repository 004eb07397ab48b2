package io.contactsync.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of an HTTP launch: a JSON object of names to plain values, or no body at all. */
final class TriggerParameters {

	private TriggerParameters() {
	}

	static Map<String, String> of(Object body) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (body instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				Object value = entry.getValue();
				if (value instanceof Map || value instanceof Iterable || value == null) {
					throw new JobUsageException("Parameter '" + entry.getKey() + "' needs a plain value (text, number"
							+ " or true/false), not " + (value == null ? "null" : "a list or an object") + ".");
				}
				parameters.put(String.valueOf(entry.getKey()), String.valueOf(value));
			}
			return parameters;
		}
		if (body instanceof String text && !text.isBlank() || body instanceof byte[] bytes && bytes.length > 0) {
			throw new JobUsageException("Send the parameters as a JSON object, e.g. {\"target\": \"hubspot\"}, with"
					+ " Content-Type: application/json; or send no body.");
		}
		return parameters;
	}
}
