package io.contactsync.capture;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.store.Channel;

/**
 * A row of the platform's contact table ({@code ID,Name,Email,Phone,Channel,Created At}, dates like
 * {@code 22.8.2025 05:02:29} in the service's time zone) as canonical events: the profile it shows and
 * the email it holds, at the time the contact was created. The table's ID is the visitor's id on the
 * channel.
 */
final class ContactTableRow {

	static final List<String> COLUMNS = List.of("ID", "Name", "Email", "Phone", "Channel", "Created At");

	private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("d.M.yyyy H:mm:ss");

	private ContactTableRow() {
	}

	static List<CaptureEvent> events(Map<String, String> row, ZoneId zone) {
		if (row == null) {
			throw new CaptureRejectedException("not a row of the contact table: it does not have the header's "
					+ COLUMNS.size() + " columns, or a quote in it is never closed");
		}
		for (String column : COLUMNS) {
			if (!row.containsKey(column)) {
				throw new CaptureRejectedException("the file has no '" + column + "' column; the contact table's "
						+ "header is " + String.join(",", COLUMNS));
			}
		}
		String visitor = required(row, "ID");
		String channel = Channel.fromCode(required(row, "Channel")).map(Channel::code)
			.orElseThrow(() -> new CaptureRejectedException("unknown channel '" + row.get("Channel") + "'; use one of "
					+ Channel.codes()));
		java.time.Instant at = createdAt(required(row, "Created At"), zone);
		List<CaptureEvent> events = new ArrayList<>(2);
		events.add(new CaptureEvent(CaptureEventType.PROFILE_SEEN, channel, null, visitor, null, at, null, null, null,
				null, blankToNull(row.get("Name")), null, null, blankToNull(row.get("Phone")), null));
		String email = blankToNull(row.get("Email"));
		if (email != null) {
			events.add(new CaptureEvent(CaptureEventType.EMAIL_COLLECTED, channel, null, visitor, null, at, null, null,
					null, null, null, null, email, null, null));
		}
		return events;
	}

	private static java.time.Instant createdAt(String value, ZoneId zone) {
		try {
			return LocalDateTime.parse(value, CREATED_AT).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new CaptureRejectedException("Created At '" + value + "' is not a date like 22.8.2025 05:02:29");
		}
	}

	private static String required(Map<String, String> row, String column) {
		String value = blankToNull(row.get(column));
		if (value == null) {
			throw new CaptureRejectedException(column + " is empty");
		}
		return value;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
