package io.contactsync.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job parameters as a person writes them, {@code name=value} each: after {@code run <job>}, or one a line on the
 * dashboard's launch form.
 */
public final class JobParameterWords {

	private JobParameterWords() {
	}

	public static Map<String, String> parse(List<String> words) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String word : words) {
			int equals = word.indexOf('=');
			if (equals < 1) {
				throw new JobUsageException("'" + word + "' is not name=value; write each parameter as name=value,"
						+ " e.g. contacts=1000.");
			}
			if (parameters.put(word.substring(0, equals), word.substring(equals + 1)) != null) {
				throw new JobUsageException("Parameter '" + word.substring(0, equals) + "' is given twice.");
			}
		}
		return parameters;
	}
}
