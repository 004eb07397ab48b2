package io.contactsync.capture.channel;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

import io.contactsync.capture.CaptureFormatException;
import io.contactsync.capture.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * The ways channels write time: unix seconds (Telegram, WhatsApp, Chatwoot's numbers), unix milliseconds (Messenger)
 * and ISO-8601 or Rails strings (Chatwoot). Numbers may come as JSON numbers or as digit strings.
 */
final class PayloadTimes {

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	// Rails writes UTC times as "2020-03-03 13:05:57 UTC" in some Chatwoot payloads
	private static final Pattern RAILS_UTC = Pattern
		.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?) UTC");

	private PayloadTimes() {
	}

	static Instant epochSeconds(JsonNode node, String field, String path) {
		return fromSeconds(requiredNumber(node, field, path), path);
	}

	static Instant epochMillis(JsonNode node, String field, String path) {
		BigDecimal millis = requiredNumber(node, field, path);
		try {
			return Instant.ofEpochMilli(millis.longValue());
		}
		catch (DateTimeException | ArithmeticException ex) {
			throw notATime(path);
		}
	}

	/** The number in a time field, however it is written; required. */
	static BigDecimal requiredNumber(JsonNode node, String field, String path) {
		JsonNode value = JsonFields.child(node, field);
		if (value == null) {
			throw JsonFields.missing(path);
		}
		BigDecimal number = number(value);
		if (number == null) {
			throw new CaptureFormatException(path + " is not a unix time");
		}
		return number;
	}

	/**
	 * A time written any of the ways Chatwoot writes it: unix seconds (a number or digits) or an ISO-8601 or Rails UTC
	 * string. Null when the field is missing.
	 */
	static Instant anyTime(JsonNode node, String field, String path) {
		JsonNode value = JsonFields.child(node, field);
		if (value == null) {
			return null;
		}
		BigDecimal number = number(value);
		if (number != null) {
			return fromSeconds(number, path);
		}
		if (value.isString()) {
			Instant parsed = parseText(value.stringValue().strip());
			if (parsed != null) {
				return parsed;
			}
		}
		throw notATime(path);
	}

	static Instant requiredAnyTime(JsonNode node, String field, String path) {
		Instant time = anyTime(node, field, path);
		if (time == null) {
			throw JsonFields.missing(path);
		}
		return time;
	}

	private static Instant parseText(String text) {
		var rails = RAILS_UTC.matcher(text);
		String iso = rails.matches() ? rails.group(1) + "T" + rails.group(2) + "Z" : text;
		try {
			return Instant.parse(iso);
		}
		catch (DateTimeException ex) {
			// not an instant in UTC; an offset time is the other ISO form channels use
		}
		try {
			return OffsetDateTime.parse(iso).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static BigDecimal number(JsonNode value) {
		if (value.isNumber()) {
			return value.decimalValue();
		}
		if (value.isString() && NUMBER.matcher(value.stringValue().strip()).matches()) {
			return new BigDecimal(value.stringValue().strip());
		}
		return null;
	}

	private static Instant fromSeconds(BigDecimal seconds, String path) {
		try {
			BigDecimal whole = new BigDecimal(seconds.toBigInteger());
			long nanos = seconds.subtract(whole).movePointRight(9).longValue();
			return Instant.ofEpochSecond(whole.longValueExact(), nanos);
		}
		catch (DateTimeException | ArithmeticException ex) {
			throw notATime(path);
		}
	}

	private static CaptureFormatException notATime(String path) {
		return new CaptureFormatException(path + " is not a time");
	}
}
