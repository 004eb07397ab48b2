package io.contactsync.api;

import tools.jackson.databind.JsonNode;

/** Checks shared by the dedup endpoints: page and size, and an id in a JSON body. */
final class PageParameters {

	private PageParameters() {
	}

	static void check(int page, int size) {
		if (page < 1 || size < 1 || size > 500) {
			throw new BadRequestException("page starts at 1 and size is 1 to 500.");
		}
	}

	static long requiredId(JsonNode body, String field) {
		JsonNode value = body == null ? null : body.get(field);
		if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
			throw new BadRequestException("Send {\"" + field + "\": <contact id>} as the JSON body.");
		}
		return value.asLong();
	}
}
