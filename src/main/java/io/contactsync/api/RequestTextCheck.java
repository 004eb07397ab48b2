package io.contactsync.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.contactsync.store.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every query parameter and form field of every request, API and dashboard alike, is text that PostgreSQL can
 * store, or the request is a 400 that names the field. The query string is decoded here, strictly, from its raw
 * form: the container drops a parameter it cannot decode without a word (and logs its value), so a search for
 * {@code %FF%FE} would otherwise run as a search for nothing.
 */
class RequestTextCheck implements HandlerInterceptor {

	/** Set by Tomcat when it could not decode a form body's fields. */
	private static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		checkQuery(request.getQueryString());
		Map<String, String[]> parameters = request.getParameterMap();
		if (request.getAttribute(PARSE_FAILED) != null) {
			throw new BadRequestException("A form field or query parameter is not valid UTF-8 text; send it encoded as"
					+ " UTF-8.");
		}
		parameters.forEach((name, values) -> {
			check("parameter name", name);
			for (String value : values) {
				check(name, value);
			}
		});
		return true;
	}

	private static void checkQuery(String query) {
		if (query == null || query.isEmpty()) {
			return;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals), "a query parameter's name");
			if (equals >= 0) {
				check(name, decode(pair.substring(equals + 1), name));
			}
		}
	}

	private static void check(String field, String value) {
		StorableText.problem(value).ifPresent(problem -> {
			throw new BadRequestException(field + " " + problem + "; send text without it.");
		});
	}

	/** Percent-decoding as a browser encodes a form, but refusing bytes that are not UTF-8. */
	private static String decode(String encoded, String field) {
		ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 3);
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%' && hex(encoded, i + 1) >= 0) {
				bytes.put((byte) hex(encoded, i + 1));
				i += 2;
			}
			else if (c < 0x80) {
				bytes.put((byte) (c == '+' ? ' ' : c));
			}
			else {
				bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		bytes.flip();
		try {
			CharBuffer text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes);
			return text.toString();
		}
		catch (CharacterCodingException ex) {
			throw new BadRequestException(field + " is not valid UTF-8 text once percent-decoded; send it encoded as"
					+ " UTF-8.");
		}
	}

	/** The byte of the two hex digits at {@code at}, or -1. */
	private static int hex(String text, int at) {
		if (at + 1 >= text.length()) {
			return -1;
		}
		int high = Character.digit(text.charAt(at), 16);
		int low = Character.digit(text.charAt(at + 1), 16);
		return high < 0 || low < 0 ? -1 : high * 16 + low;
	}
}
