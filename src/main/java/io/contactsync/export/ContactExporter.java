package io.contactsync.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.store.AuditLog;
import io.contactsync.store.ContactExportRepository;
import io.contactsync.store.ContactSearch;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the contacts a search selects to an output in one format, for the API's download and the export job
 * alike, and writes the export to the audit trail: who, the filter (without the search text, which may be part of
 * a name or email) and how many rows, also when the export broke off.
 */
@Component
public class ContactExporter {

	private final ContactExportRepository contacts;

	private final AuditLog audit;

	private final JsonMapper json;

	private final ZoneId zone;

	public ContactExporter(ContactExportRepository contacts, AuditLog audit, JsonMapper json,
			ZoneId zone) {
		this.contacts = contacts;
		this.audit = audit;
		this.json = json;
		this.zone = zone;
	}

	/**
	 * @param filter the filter as the caller gave it (name to value), for the audit trail
	 * @return the rows written
	 */
	public long export(ContactSearch search, ContactExportFormat format, OutputStream out, String actor,
			Map<String, String> filter) throws IOException {
		ContactExportWriter writer = writer(format, out);
		long rows = 0;
		boolean completed = false;
		try {
			rows = contacts.forEach(search, writer::write);
			writer.finish();
			completed = true;
			return rows;
		}
		finally {
			audit.record(actor, "export", "contact", null, Map.of("format", format.code(), "filter", audited(filter),
					"rows", rows, "completed", completed));
		}
	}

	/** The search text only as given: it may be a piece of a name or an email, which the trail never holds. */
	private static Map<String, String> audited(Map<String, String> filter) {
		Map<String, String> audited = new LinkedHashMap<>(filter);
		audited.computeIfPresent("q", (name, text) -> "(given)");
		return audited;
	}

	private ContactExportWriter writer(ContactExportFormat format, OutputStream out) throws IOException {
		return switch (format) {
			case CSV -> new CsvExportWriter(out, zone);
			case XLSX -> new XlsxExportWriter(out, zone);
			case JSON -> new JsonExportWriter(out, json, false);
			case JSONL -> new JsonExportWriter(out, json, true);
		};
	}
}
