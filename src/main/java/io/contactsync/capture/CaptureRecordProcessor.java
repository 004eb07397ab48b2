package io.contactsync.capture;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.contactsync.capture.channel.ChannelPayloads;
import io.contactsync.store.PhoneNumbers;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Understands a record: parses it, lets the channel's adapter turn it into canonical events, and makes each event
 * storable ({@link CaptureFieldCheck}). A record that cannot be read or placed is rejected with a reason (and
 * skipped by the step); a field that is wrong costs only that field, with a warning. A record holding an array of
 * payloads (a line or an inbox entry) is taken payload by payload: a bad one is rejected on its own. Parts of a
 * payload that no adapter imports (a Telegram callback query, a WhatsApp delivery receipt) are counted by kind in
 * the step's execution context and otherwise passed over.
 */
class CaptureRecordProcessor implements ItemProcessor<CaptureRecord, StagedCapture>, ItemStream {

	static final String UNKNOWN = "capture.unknown";

	private final ChannelPayloads payloads;

	private final JsonMapper json;

	private final CaptureFieldCheck fieldCheck;

	private final ZoneId zone;

	private final Map<String, Integer> unknown = new TreeMap<>();

	CaptureRecordProcessor(ChannelPayloads payloads, JsonMapper json, PhoneNumbers phoneNumbers, ZoneId zone) {
		this.payloads = payloads;
		this.json = json;
		this.fieldCheck = new CaptureFieldCheck(phoneNumbers);
		this.zone = zone;
	}

	@Override
	public StagedCapture process(CaptureRecord record) {
		if (record.problem() != null) {
			throw new CaptureRejectedException(record.problem());
		}
		if (record.format() == CaptureRecord.Format.CONTACT_ROW) {
			Set<FieldWarning> warnings = new LinkedHashSet<>();
			List<StagedCapture.StagedEvent> events = checked(ContactTableRow.events(record.fields(), zone), warnings);
			return new StagedCapture(record, events, List.copyOf(warnings), List.of());
		}
		JsonNode payload = parse(record);
		if (payload.isArray() && record.format() != CaptureRecord.Format.JSON_ELEMENT) {
			return items(record, payload);
		}
		Set<FieldWarning> warnings = new LinkedHashSet<>();
		List<StagedCapture.StagedEvent> events = checked(adapt(payload, record.channel(), warnings), warnings);
		return new StagedCapture(record, events, List.copyOf(warnings), List.of());
	}

	/** Each payload of an array on its own: taken, or rejected while the others go in. */
	private StagedCapture items(CaptureRecord record, JsonNode array) {
		List<StagedCapture.StagedEvent> events = new ArrayList<>();
		List<FieldWarning> warnings = new ArrayList<>();
		List<StagedCapture.ItemReject> rejects = new ArrayList<>();
		for (int i = 0; i < array.size(); i++) {
			JsonNode item = array.get(i);
			Set<FieldWarning> itemWarnings = new LinkedHashSet<>();
			try {
				events.addAll(checked(adapt(item, record.channel(), itemWarnings), itemWarnings));
				int index = i;
				itemWarnings.forEach(warning -> warnings.add(warning.at(index)));
			}
			catch (CaptureRejectedException ex) {
				rejects.add(new StagedCapture.ItemReject(i, ex.getMessage(), RawText.escaped(item.toString())));
			}
		}
		return new StagedCapture(record, events, warnings, rejects);
	}

	private JsonNode parse(CaptureRecord record) {
		try {
			return json.readTree(record.text());
		}
		catch (JacksonException ex) {
			// Jackson's message quotes the text around the error; the report has the record itself anyway.
			String where = ex.getLocation() == null ? "" : " at line " + ex.getLocation().getLineNr() + " column "
					+ ex.getLocation().getColumnNr();
			throw new CaptureRejectedException("not valid JSON" + where + "; cut off, or a byte such as NUL unescaped?");
		}
	}

	private List<CaptureEvent> adapt(JsonNode item, String channel, Set<FieldWarning> warnings) {
		try {
			Adaptation adaptation = payloads.adapt(item, channel);
			adaptation.unknown().forEach(kind -> unknown.merge(kind, 1, Integer::sum));
			warnings.addAll(adaptation.warnings());
			return adaptation.events();
		}
		catch (CaptureFormatException ex) {
			throw new CaptureRejectedException(ex.getMessage(), ex);
		}
	}

	private List<StagedCapture.StagedEvent> checked(List<CaptureEvent> events, Set<FieldWarning> warnings) {
		List<StagedCapture.StagedEvent> staged = new ArrayList<>(events.size());
		List<FieldWarning> found = new ArrayList<>();
		for (CaptureEvent event : events) {
			staged.add(fieldCheck.check(event, found));
		}
		warnings.addAll(found);
		return staged;
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
}
