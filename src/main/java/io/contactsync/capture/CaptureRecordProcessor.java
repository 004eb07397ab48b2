package io.contactsync.capture;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.contactsync.store.EmailSyntax;
import io.contactsync.store.PhoneNumbers;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Understands a record: parses it, lets the channel's adapter turn it into canonical events, and checks
 * what the store relies on. A record it cannot take is rejected with a reason (and skipped by the step).
 * Parts of a payload that no adapter imports (a Telegram callback query, a WhatsApp delivery receipt) are
 * counted by kind in the step's execution context and otherwise passed over.
 */
class CaptureRecordProcessor implements ItemProcessor<CaptureRecord, StagedCapture>, ItemStream {

	static final String UNKNOWN = "capture.unknown";

	private final ChannelPayloads payloads;

	private final JsonMapper json;

	private final PhoneNumbers phoneNumbers;

	private final ZoneId zone;

	private final Map<String, Integer> unknown = new TreeMap<>();

	CaptureRecordProcessor(ChannelPayloads payloads, JsonMapper json, PhoneNumbers phoneNumbers, ZoneId zone) {
		this.payloads = payloads;
		this.json = json;
		this.phoneNumbers = phoneNumbers;
		this.zone = zone;
	}

	@Override
	public StagedCapture process(CaptureRecord record) {
		List<CaptureEvent> events = record.format() == CaptureRecord.Format.CONTACT_ROW
				? ContactTableRow.events(record.fields(), zone) : adapt(parse(record), record.channel());
		List<StagedCapture.StagedEvent> staged = new ArrayList<>(events.size());
		for (CaptureEvent event : events) {
			staged.add(check(event));
		}
		return new StagedCapture(record, staged);
	}

	private JsonNode parse(CaptureRecord record) {
		try {
			return json.readTree(record.text());
		}
		catch (JacksonException ex) {
			// Jackson's message quotes the text around the error; the report has the record itself anyway.
			String where = ex.getLocation() == null ? "" : " at column " + ex.getLocation().getColumnNr();
			throw new CaptureRejectedException("not valid JSON" + where + "; a truncated file or line?");
		}
	}

	private List<CaptureEvent> adapt(JsonNode payload, String channel) {
		List<CaptureEvent> events = new ArrayList<>();
		Iterable<JsonNode> items = payload.isArray() ? payload : List.of(payload);
		for (JsonNode item : items) {
			try {
				Adaptation adaptation = payloads.adapt(item, channel);
				events.addAll(adaptation.events());
				adaptation.unknown().forEach(kind -> unknown.merge(kind, 1, Integer::sum));
			}
			catch (CaptureFormatException ex) {
				throw new CaptureRejectedException(ex.getMessage(), ex);
			}
		}
		return events;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void open(ExecutionContext context) {
		if (context.containsKey(UNKNOWN)) {
			unknown.putAll((Map<String, Integer>) context.get(UNKNOWN));
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.put(UNKNOWN, new TreeMap<>(unknown));
	}

	/** Checks the email (kept trimmed) and adds the phone's E.164 form when the phone is valid. */
	private StagedCapture.StagedEvent check(CaptureEvent event) {
		String email = event.email() == null || event.email().isBlank() ? null : event.email().strip();
		if (email != null && !EmailSyntax.isValid(email)) {
			throw new CaptureRejectedException("email is not an address like jane@example.com");
		}
		CaptureEvent checked = new CaptureEvent(event.type(), event.channel(), event.bot(), event.visitor(),
				event.conversation(), event.at(), event.id(), event.sender(), event.kind(), event.text(), event.name(),
				event.username(), email, event.phone(), event.newVisitor());
		return new StagedCapture.StagedEvent(checked, phoneNumbers.toE164(event.phone()).orElse(null));
	}
}
