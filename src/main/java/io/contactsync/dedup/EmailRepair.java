package io.contactsync.dedup;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Repairs the slips people make typing an address into a chat: a dropped {@code @} or dot before the top-level
 * domain ({@code jane.doegmail.com}, {@code jane@gmailcom}) and one-letter typos in the big mail providers'
 * domains ({@code gmial.com}, {@code hotmial.com}, {@code yahoo.con}). Capture keeps an address it could not
 * read as {@code attributes.email_as_given}; dedup reads it from there. What cannot be repaired safely is left
 * as it is, and its {@link #compact compact form} still meets the address it was meant to be.
 */
final class EmailRepair {

	/** The providers most visitors use, where a one-letter slip is far likelier than a real domain. */
	private static final Set<String> PROVIDERS = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com",
			"outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "protonmail.com", "proton.me",
			"gmx.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru", "ya.ru", "rambler.ru", "bk.ru",
			"inbox.ru", "list.ru", "ukr.net", "yahoo.co.uk", "hotmail.co.uk", "btinternet.com", "comcast.net",
			"verizon.net", "att.net", "qq.com", "163.com", "naver.com", "orange.fr", "free.fr", "libero.it",
			"t-online.de", "seznam.cz", "wp.pl", "o2.pl");

	/** The providers longest first, so that a scan finds the most specific; deterministic, unlike a set's order. */
	private static final List<String> LONGEST_FIRST = PROVIDERS.stream()
		.sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
		.toList();

	/** Top-level domains after which a dropped dot is put back: {@code examplecom} → {@code example.com}. */
	private static final List<String> TOP_LEVEL = List.of("com", "net", "org", "info", "biz", "edu", "gov", "io",
			"co", "ru", "ua", "by", "kz", "de", "fr", "it", "es", "nl", "pl", "cz", "uk", "us", "ca", "au", "in");

	private static final int MIN_TYPO_LENGTH = 8;

	private EmailRepair() {
	}

	/** The address lower-cased and repaired where that is safe; null for a blank. */
	static String repair(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String email = text.strip().toLowerCase(Locale.ROOT);
		int at = email.lastIndexOf('@');
		if (at < 0) {
			return withProvider(email);
		}
		String domain = domain(email.substring(at + 1));
		return email.substring(0, at + 1) + domain;
	}

	/** Letters and digits only: what a dropped {@code @} or dot cannot change. */
	static String compact(String email) {
		StringBuilder compact = new StringBuilder(email.length());
		for (int i = 0; i < email.length(); i++) {
			char c = email.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				compact.append(c);
			}
		}
		return compact.toString();
	}

	/**
	 * {@code jane.doegmail.com} or {@code jane.doegmailcom}: the @ goes back before a provider's domain; not before
	 * a short one, which ends too many other domains ({@code home.com} is not {@code ho@me.com}).
	 */
	private static String withProvider(String email) {
		for (String provider : LONGEST_FIRST) {
			if (provider.length() < MIN_TYPO_LENGTH) {
				break;
			}
			for (String written : List.of(provider, provider.replace(".", ""))) {
				if (email.length() > written.length() && email.endsWith(written)) {
					return email.substring(0, email.length() - written.length()) + "@" + provider;
				}
			}
		}
		return email;
	}

	private static String domain(String domain) {
		if (PROVIDERS.contains(domain)) {
			return domain;
		}
		if (domain.indexOf('.') < 0) {
			for (String provider : LONGEST_FIRST) {
				if (provider.replace(".", "").equals(domain)) {
					return provider;
				}
			}
			for (String tld : TOP_LEVEL) {
				if (domain.length() > tld.length() + 1 && domain.endsWith(tld)) {
					return domain.substring(0, domain.length() - tld.length()) + "." + tld;
				}
			}
			return domain;
		}
		String near = null;
		for (String provider : LONGEST_FIRST) {
			// Short domains are one letter apart from real ones too often (me.com, mc.com).
			if (provider.length() >= MIN_TYPO_LENGTH && Math.abs(provider.length() - domain.length()) <= 1
					&& StringSimilarity.editDistance(domain, provider) == 1) {
				if (near != null) {
					return domain;
				}
				near = provider;
			}
		}
		return near == null ? domain : near;
	}
}
