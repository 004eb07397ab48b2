package io.contactsync.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The filter fields of the contacts page and Contact Insights as the API's parameters: only those filled in (a form
 * sends its empty fields too), and the date filter's "custom range" left to the from and to fields alone.
 */
record FilterForm(MultiValueMap<String, String> parameters) {

	/** The date filter's "custom range": the from and to fields alone decide. */
	private static final String CUSTOM_RANGE = "range";

	static FilterForm of(MultiValueMap<String, String> request) {
		MultiValueMap<String, String> given = new LinkedMultiValueMap<>();
		request.forEach((name, values) -> values.stream().filter(value -> !value.isBlank())
			.forEach(value -> given.add(name, value.strip())));
		if (CUSTOM_RANGE.equals(given.getFirst("created"))) {
			given.remove("created");
		}
		else if (given.containsKey("created")) {
			// A preset wins over dates left in the custom range's fields.
			given.remove("from");
			given.remove("to");
		}
		return new FilterForm(given);
	}

	/** The date filter's choice: a preset, {@code range} when dates are given, or empty for any time. */
	public String created() {
		return parameters.containsKey("from") || parameters.containsKey("to") ? CUSTOM_RANGE : first("created", "");
	}

	public String first(String name, String absent) {
		String value = parameters.getFirst(name);
		return value == null ? absent : value;
	}

	/** Every value of a parameter, comma-separated lists split, as the API reads them. */
	public List<String> values(String name) {
		return parameters.getOrDefault(name, List.of()).stream()
			.flatMap(values -> Arrays.stream(values.split(",")))
			.map(String::strip)
			.toList();
	}
}
