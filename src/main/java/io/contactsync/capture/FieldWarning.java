package io.contactsync.capture;

/**
 * A field of an imported event that was cleaned, cut or dropped: the event went in, this is what a person may want
 * to look at. The reason never quotes the value (it may be personal data); where the value was dropped it says
 * which attribute keeps it as given.
 *
 * @param item  the index of the payload within a record holding an array of them, or null
 * @param field the field, e.g. {@code email} or {@code attributes.city}
 */
public record FieldWarning(Integer item, String field, String reason) {

	FieldWarning(String field, String reason) {
		this(null, field, reason);
	}

	FieldWarning at(int index) {
		return new FieldWarning(index, field, reason);
	}
}
