package io.contactsync.api;

/**
 * A person's answer on marketing as a caller sends it, checked: {@code marketing} is {@code given} or
 * {@code opted_out}, {@code source} (where they said it) at most 200 characters; a blank source is
 * {@code defaultSource}. The API and the dashboard read it alike.
 */
public record ConsentAnswer(boolean given, String source) {

	private static final int MAX_SOURCE = 200;

	public static ConsentAnswer of(String marketing, String source, String defaultSource) {
		if (!"given".equals(marketing) && !"opted_out".equals(marketing)) {
			throw new BadRequestException("marketing must be \"given\" or \"opted_out\", not \"" + marketing + "\".");
		}
		String where = source == null || source.isBlank() ? defaultSource : source.strip();
		if (where.length() > MAX_SOURCE) {
			throw new BadRequestException("source is longer than " + MAX_SOURCE + " characters.");
		}
		return new ConsentAnswer(marketing.equals("given"), where);
	}
}
