package io.contactsync.capture;

import java.util.regex.Pattern;

/**
 * Names the parts of a payload that produce no event, e.g. "telegram: callback_query". The key comes from the
 * payload, so anything that does not look like a field or type name becomes "other": a skipped part must never carry
 * a value into the job's report.
 */
public final class Skipped {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");

	private Skipped() {
	}

	public static String part(String source, String key) {
		return source + ": " + key(key);
	}

	public static String part(String source, String what, String key) {
		return source + ": " + what + " " + key(key);
	}

	/** The key itself when it looks like a name, else "other". */
	public static String key(String key) {
		return key != null && KEY.matcher(key).matches() ? key : "other";
	}
}
