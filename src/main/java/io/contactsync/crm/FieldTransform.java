package io.contactsync.crm;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.contactsync.store.PhoneNumbers;

/**
 * The transforms a mapping field passes its value through, by the names mapping files use. Each one holds both
 * the check of what a file may write for it and what it does to a value, so that the reader cannot accept a
 * transform the mapper does not know, nor the two disagree on its argument.
 */
public enum FieldTransform {

	/** All but the last word of a full name: "Jane Ann Doe" is Jane Ann; a single word has no first name. */
	FIRST_NAME {
		@Override
		String apply(String value, String argument, PhoneNumbers phoneNumbers) {
			String trimmed = value.strip();
			int space = lastSpace(trimmed);
			return space < 0 ? null : trimmed.substring(0, space).strip();
		}
	},

	/** The last word of a full name, or the whole of a single-word name. */
	LAST_NAME {
		@Override
		String apply(String value, String argument, PhoneNumbers phoneNumbers) {
			String trimmed = value.strip();
			return trimmed.substring(lastSpace(trimmed) + 1);
		}
	},

	/** A phone number in E.164; nothing when it is not a valid number, so that it is never sent as typed. */
	E164 {
		@Override
		String apply(String value, String argument, PhoneNumbers phoneNumbers) {
			return phoneNumbers.toE164(value).orElse(null);
		}
	},

	/** In the root locale: a Turkish default locale would otherwise turn I into a dotless ı. */
	LOWER_CASE {
		@Override
		String apply(String value, String argument, PhoneNumbers phoneNumbers) {
			return value.toLowerCase(Locale.ROOT);
		}
	},

	/** A time in UTC, as the argument's java.time pattern formats it, or as an ISO-8601 instant without one. */
	DATE_TIME {
		@Override
		Optional<String> problem(String argument, String source) {
			if (source != null && !SourceFields.TIMES.contains(source)) {
				return Optional.of("date_time formats a time; use it on created_at, last_activity_at or"
						+ " opted_out_at, not " + source);
			}
			if (argument == null) {
				return Optional.empty();
			}
			try {
				// Format a sample too: a pattern can parse yet ask for what a UTC time lacks (e.g. a zone name).
				DateTimeFormatter.ofPattern(argument).format(Instant.EPOCH.atZone(ZoneOffset.UTC));
				return Optional.empty();
			}
			catch (IllegalArgumentException | DateTimeException ex) {
				return Optional.of("date_time pattern '" + argument + "' is not a java.time pattern that formats a"
						+ " UTC time; use e.g. yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ssXXX");
			}
		}

		@Override
		String apply(String value, String argument, PhoneNumbers phoneNumbers) {
			return formatTime(Instant.parse(value), argument == null ? null : formatter(argument));
		}
	},

	/** At most the argument's number of characters, counted by code points so that no emoji is cut in half. */
	TRUNCATE {
		@Override
		Optional<String> problem(String argument, String source) {
			try {
				if (argument != null && Integer.parseInt(argument) > 0) {
					return Optional.empty();
				}
			}
			catch (NumberFormatException ex) {
				// the same advice as for a missing or non-positive length
			}
			return Optional.of("truncate needs the CRM field's length as a positive whole number, e.g."
					+ " {truncate: 255}");
		}

		@Override
		String apply(String value, String argument, PhoneNumbers phoneNumbers) {
			int length = Integer.parseInt(argument);
			return value.codePointCount(0, value.length()) <= length ? value
					: value.substring(0, value.offsetByCodePoints(0, length));
		}
	};

	/** What {@link #DATE_TIME} writes for a time, with the formatter of its pattern (null for ISO-8601). */
	static String formatTime(Instant instant, DateTimeFormatter formatter) {
		return formatter == null ? instant.toString() : formatter.format(instant);
	}

	/** The formatter of a date_time pattern that {@link #problem} accepted, in UTC. */
	static DateTimeFormatter formatter(String pattern) {
		return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
	}

	/** The name a mapping file writes, e.g. {@code first_name}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<FieldTransform> fromCode(String code) {
		return Arrays.stream(values()).filter(transform -> transform.code().equals(code)).findFirst();
	}

	/** Every name, in the order messages offer them. */
	public static List<String> codes() {
		return Arrays.stream(values()).map(FieldTransform::code).toList();
	}

	/**
	 * What is wrong with using this transform with {@code argument} (null when none is written) on a field read
	 * from {@code source} (null when the source is itself wrong), said the way a mapping file's problems are.
	 */
	Optional<String> problem(String argument, String source) {
		return argument == null ? Optional.empty()
				: Optional.of(code() + " takes no argument; write it as " + code());
	}

	/**
	 * The transformed value, or null when nothing is left of it.
	 * @param argument what {@link #problem} accepted
	 */
	abstract String apply(String value, String argument, PhoneNumbers phoneNumbers);

	private static int lastSpace(String name) {
		for (int index = name.length() - 1; index >= 0; index--) {
			if (Character.isWhitespace(name.charAt(index))) {
				return index;
			}
		}
		return -1;
	}
}
