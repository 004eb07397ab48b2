package io.contactsync.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.contactsync.store.ContactExportRow;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as the API writes it (snake_case, ISO-8601 instants): one array, or with {@code lines} one object per line
 * (JSON Lines), each written as it comes.
 */
class JsonExportWriter implements ContactExportWriter {

	private final JsonGenerator json;

	private final OutputStream out;

	private final boolean lines;

	JsonExportWriter(OutputStream out, JsonMapper mapper, boolean lines) {
		this.out = out;
		this.lines = lines;
		this.json = mapper.createGenerator(new BufferedOutputStream(out, 1 << 16));
		if (!lines) {
			json.writeStartArray();
		}
	}

	@Override
	public void write(ContactExportRow row) throws IOException {
		json.writePOJO(row);
		if (lines) {
			json.writeRaw('\n');
		}
	}

	@Override
	public void finish() throws IOException {
		if (!lines) {
			json.writeEndArray();
		}
		json.flush();
		out.flush();
	}
}
