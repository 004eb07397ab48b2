package io.contactsync.crm;

/**
 * How a CRM takes an activity's body.
 *
 * @param html      whether it shows the body as rich text (HTML), else as plain text
 * @param maxLength its most characters
 * @param vendor    the CRM's name, for the line that says a transcript was cut
 */
public record ActivityFormat(boolean html, int maxLength, String vendor) {
}
