package io.contactsync.api;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.export.ContactExportFormat;
import io.contactsync.export.ContactExporter;
import io.contactsync.store.ContactSearch;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/v1/contacts/export?format=csv|xlsx|json|jsonl} with the contact list's filters and order: every
 * matching contact, streamed as it is read, so that a million rows take no more memory than ten. The dashboard's
 * export buttons use the same download at {@code /contacts/export}, authorised by the signed-in session.
 */
@RestController
class ContactExportController {

	private final ContactExporter exporter;

	private final Clock clock;

	private final ZoneId zone;

	ContactExportController(ContactExporter exporter, Clock clock, ZoneId zone) {
		this.exporter = exporter;
		this.clock = clock;
		this.zone = zone;
	}

	@GetMapping({ "/api/v1/contacts/export", "/contacts/export" })
	ResponseEntity<StreamingResponseBody> export(@RequestParam MultiValueMap<String, String> parameters,
			Principal principal) {
		MultiValueMap<String, String> filters = new LinkedMultiValueMap<>(parameters);
		List<String> formats = filters.remove("format");
		ContactExportFormat format = format(formats);
		ContactSearch search = new ContactListParameters(filters, clock, zone, ContactListParameters.FILTERS, "the export").toSearch();
		Map<String, String> filter = new LinkedHashMap<>();
		filters.forEach((name, values) -> filter.put(name, String.join(",", values)));
		String actor = principal.getName();
		StreamingResponseBody body = out -> exporter.export(search, format, out, actor, filter);
		String file = "contacts-" + LocalDate.now(clock.withZone(zone)) + "." + format.code();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, format.contentType())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
			.body(body);
	}

	private static ContactExportFormat format(List<String> formats) {
		if (formats == null || formats.isEmpty() || formats.get(0).isBlank()) {
			throw new BadRequestException("Say which format: format=" + ContactExportFormat.codes().replace(", ", "|") + ".");
		}
		if (formats.size() > 1) {
			throw new BadRequestException("format may be given only once.");
		}
		return ContactExportFormat.fromCode(formats.get(0).strip()).orElseThrow(() -> new BadRequestException(
				"Unknown format '" + formats.get(0).strip() + "'; use one of " + ContactExportFormat.codes() + "."));
	}
}
