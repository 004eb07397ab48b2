package io.contactsync.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The configured tokens, held as SHA-256 digests. Looking a token up compares its digest with every
 * configured one in constant time, so neither timing nor an early exit tells how close a guess was.
 */
public final class ApiTokens {

	/** Shorter tokens are refused at start-up: they can be guessed. */
	static final int MIN_LENGTH = 16;

	private final Map<Role, byte[]> digests = new EnumMap<>(Role.class);

	/**
	 * The tokens of the configuration, checked: at least one, each long enough, no two roles alike.
	 * @throws IllegalStateException naming the variable to fix
	 */
	static ApiTokens of(ApiTokenProperties properties) {
		Map<Role, String> tokens = new EnumMap<>(Role.class);
		tokens.put(Role.VIEWER, properties.viewer());
		tokens.put(Role.OPERATOR, properties.operator());
		tokens.put(Role.ADMIN, properties.admin());
		tokens.forEach((role, token) -> {
			if (token != null && !token.isBlank() && token.length() < MIN_LENGTH) {
				throw new IllegalStateException(variable(role) + " is shorter than " + MIN_LENGTH
						+ " characters; use a long random value, e.g. `openssl rand -hex 32`");
			}
		});
		ApiTokens apiTokens = new ApiTokens(tokens);
		if (apiTokens.isEmpty()) {
			throw new IllegalStateException("No API token is configured. Set CONTACTSYNC_ADMIN_TOKEN (and, as needed, "
					+ "CONTACTSYNC_OPERATOR_TOKEN and CONTACTSYNC_VIEWER_TOKEN) to long random values, "
					+ "or start with --spring.profiles.active=dev to get a generated admin token.");
		}
		if (apiTokens.digests.values().stream().map(HexFormat.of()::formatHex).distinct().count()
				< apiTokens.digests.size()) {
			throw new IllegalStateException("Two roles share one token; give each of CONTACTSYNC_VIEWER_TOKEN, "
					+ "CONTACTSYNC_OPERATOR_TOKEN and CONTACTSYNC_ADMIN_TOKEN its own value.");
		}
		return apiTokens;
	}

	static String variable(Role role) {
		return "CONTACTSYNC_" + role.name() + "_TOKEN";
	}

	ApiTokens(Map<Role, String> tokens) {
		tokens.forEach((role, token) -> {
			if (token != null && !token.isBlank()) {
				digests.put(role, digest(token));
			}
		});
	}

	boolean isEmpty() {
		return digests.isEmpty();
	}

	Optional<Role> roleOf(String presented) {
		byte[] candidate = digest(presented);
		Role match = null;
		for (Map.Entry<Role, byte[]> entry : digests.entrySet()) {
			if (MessageDigest.isEqual(entry.getValue(), candidate)) {
				match = entry.getKey();
			}
		}
		return Optional.ofNullable(match);
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}
}
