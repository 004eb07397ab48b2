package io.contactsync.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature: {@code sha256=} and the lower-case hex HMAC-SHA256, keyed with the shared secret, of
 * the timestamp, a dot and the body exactly as sent. The timestamp is inside what is signed so that a receiver
 * that refuses old timestamps also refuses a recorded request played again.
 */
final class WebhookSignature {

	static final String SIGNATURE_HEADER = "X-ContactSync-Signature";

	static final String TIMESTAMP_HEADER = "X-ContactSync-Timestamp";

	private WebhookSignature() {
	}

	static String sign(String secret, long epochSeconds, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			// Every Java runtime has HmacSHA256; without it nothing could be signed at all.
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}
}
