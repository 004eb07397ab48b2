package io.contactsync.store;

import java.util.regex.Pattern;

/**
 * Whether a string is shaped like an email address. Deliberately plain: one @, no spaces, a dot in the
 * domain. Whether the mailbox exists cannot be known here.
 */
public final class EmailSyntax {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	private EmailSyntax() {
	}

	public static boolean isValid(String email) {
		return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
	}
}
