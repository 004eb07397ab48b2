package io.contactsync.store;

/**
 * Text bound for a CSV file that someone will open in a spreadsheet. A cell that starts with {@code =}, {@code +},
 * {@code -} or {@code @} is read as a formula, and one that starts with a TAB or CR can be turned into one (OWASP's
 * CSV injection list); such a cell is written with a leading apostrophe, which spreadsheets show as text and hide.
 */
public final class SpreadsheetText {

	private static final String TRIGGERS = "=+-@\t\r";

	private SpreadsheetText() {
	}

	public static String inert(String text) {
		return text != null && !text.isEmpty() && TRIGGERS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}
}
