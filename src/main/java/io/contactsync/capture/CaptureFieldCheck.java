package io.contactsync.capture;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.store.EmailSyntax;
import io.contactsync.store.PhoneNumbers;
import io.contactsync.store.StorableText;

/**
 * Makes one canonical event safe to store, field by field, with the limits the API's PATCH has: text PostgreSQL
 * cannot keep is cleaned, message text longer than 64 KiB is cut with the truncation mark, and an optional field
 * that is malformed or too long is dropped, the event going in without it. A dropped name, username, email or
 * phone is kept as given in the attribute {@code <field>_as_given}, which the profile shows so that a person can
 * fix it and which nothing matches on or pushes. Each of these is a {@link FieldWarning}. Only an event that
 * cannot be placed at all (an id the store cannot index, a time it cannot hold) is rejected.
 */
final class CaptureFieldCheck {

	static final int MAX_NAME = 200;

	static final int MAX_EMAIL = 254;

	static final int MAX_PHONE = 50;

	static final int MAX_USERNAME = 200;

	static final int MAX_TEXT = 64 * 1024;

	/** Ids are keys of unique indexes, whose entries PostgreSQL caps at about 2.7 kB. */
	static final int MAX_ID = 255;

	static final int MAX_KIND = 100;

	static final String AS_GIVEN = "_as_given";

	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private final PhoneNumbers phoneNumbers;

	CaptureFieldCheck(PhoneNumbers phoneNumbers) {
		this.phoneNumbers = phoneNumbers;
	}

	/**
	 * @param warnings gets one entry per field cleaned, cut or dropped
	 * @throws CaptureRejectedException when the event cannot be placed
	 */
	StagedCapture.StagedEvent check(CaptureEvent event, List<FieldWarning> warnings) {
		Fields fields = new Fields(warnings);
		String visitor = fields.requiredId("visitor", event.visitor());
		String conversation = fields.requiredId("conversation", event.conversation());
		String newVisitor = fields.requiredId("new_visitor", event.newVisitor());
		if (event.at() == null || event.at().isBefore(EARLIEST) || event.at().isAfter(LATEST)) {
			throw new CaptureRejectedException("at is not a time between the years 1 and 9999");
		}
		String text = fields.clean("text", event.text());
		if (text != null && text.length() > MAX_TEXT) {
			text = StorableText.truncate(text, MAX_TEXT);
			warnings.add(new FieldWarning("text", "longer than " + MAX_TEXT + " characters; cut, ending in "
					+ StorableText.TRUNCATION_MARK.strip()));
		}
		String email = fields.email(event.email());
		String phone = fields.optional("phone", event.phone(), MAX_PHONE, true);
		String e164 = phone == null ? null : phoneNumbers.toE164(phone).orElse(null);
		if (phone != null && e164 == null) {
			fields.keepAsGiven("phone", phone, "not a valid phone number with its country code");
			phone = null;
		}
		CaptureEvent checked = new CaptureEvent(event.type(), event.channel(),
				fields.optional("bot", event.bot(), MAX_ID, false), visitor, conversation, event.at(),
				fields.optional("id", event.id(), MAX_ID, false), event.sender(),
				fields.optional("kind", event.kind(), MAX_KIND, false), text,
				fields.optional("name", event.name(), MAX_NAME, true),
				fields.optional("username", event.username(), MAX_USERNAME, true), email, phone, newVisitor,
				fields.attributes(event.attributes()));
		return new StagedCapture.StagedEvent(checked, e164);
	}

	/** The checks of one event, which gather what they dropped as given. */
	private static final class Fields {

		private final List<FieldWarning> warnings;

		private final Map<String, String> asGiven = new LinkedHashMap<>();

		Fields(List<FieldWarning> warnings) {
			this.warnings = warnings;
		}

		String clean(String field, String value) {
			if (value == null) {
				return null;
			}
			return StorableText.problem(value).map(problem -> {
				warnings.add(new FieldWarning(field, problem + "; removed, the rest kept"));
				return StorableText.clean(value);
			}).orElse(value);
		}

		String requiredId(String field, String value) {
			String id = clean(field, value);
			if (id != null && id.length() > MAX_ID) {
				throw new CaptureRejectedException(field + " is longer than " + MAX_ID + " characters: not an id");
			}
			return id;
		}

		/** The value cleaned, or null when it is longer than {@code max} (kept as given when {@code keep}). */
		String optional(String field, String value, int max, boolean keep) {
			String text = clean(field, value);
			if (text != null && text.strip().length() > max) {
				if (keep) {
					keepAsGiven(field, text, "longer than " + max + " characters");
				}
				else {
					warnings.add(new FieldWarning(field, "longer than " + max + " characters; dropped"));
				}
				return null;
			}
			return text;
		}

		String email(String value) {
			String email = optional("email", value == null || value.isBlank() ? null : value.strip(), MAX_EMAIL, true);
			if (email != null && !EmailSyntax.isValid(email)) {
				keepAsGiven("email", email, "not an address like jane@example.com");
				return null;
			}
			return email;
		}

		void keepAsGiven(String field, String value, String why) {
			asGiven.put(field + AS_GIVEN, StorableText.truncate(value.strip(), CaptureAttributes.MAX_VALUE));
			warnings.add(new FieldWarning(field, why + "; dropped, kept as attributes." + field + AS_GIVEN));
		}

		Map<String, String> attributes(Map<String, String> given) {
			Map<String, String> checked = CaptureAttributes.checked(given, warnings);
			if (asGiven.isEmpty()) {
				return checked;
			}
			Map<String, String> all = new LinkedHashMap<>(checked);
			all.putAll(asGiven);
			return all;
		}
	}
}
