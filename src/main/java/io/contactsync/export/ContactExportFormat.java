package io.contactsync.export;

import java.util.Arrays;
import java.util.Optional;

/** The formats contacts are exported in, with what a download says about itself. */
public enum ContactExportFormat {

	CSV("text/csv;charset=UTF-8"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
	JSON("application/json"), JSONL("application/x-ndjson");

	private final String contentType;

	ContactExportFormat(String contentType) {
		this.contentType = contentType;
	}

	public String code() {
		return name().toLowerCase();
	}

	public String contentType() {
		return contentType;
	}

	public static Optional<ContactExportFormat> fromCode(String code) {
		return Arrays.stream(values()).filter(format -> format.code().equalsIgnoreCase(code)).findFirst();
	}

	public static String codes() {
		return String.join(", ", Arrays.stream(values()).map(ContactExportFormat::code).toList());
	}
}
