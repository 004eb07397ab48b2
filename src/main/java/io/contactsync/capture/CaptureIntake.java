package io.contactsync.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.contactsync.capture.channel.ChannelPayloads;
import io.contactsync.store.PhoneNumbers;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Captures sent over HTTP, taken element by element: each payload of a batch is decoded, parsed and read through
 * its channel's adapter on its own, and goes into the inbox as an entry of its own (cleaned of what PostgreSQL
 * cannot store), so a bad payload never costs the good ones beside it. One that cannot be taken is refused, with
 * its index and reason, and kept in the inbox as failed, so that nothing a visitor sent is lost without trace.
 */
@Component
@NamedInterface("inbox")
public class CaptureIntake {

	private final CaptureInbox inbox;

	private final ChannelPayloads payloads;

	private final CaptureFieldCheck fieldCheck;

	private final JsonMapper json;

	CaptureIntake(CaptureInbox inbox, ChannelPayloads payloads, PhoneNumbers phoneNumbers, JsonMapper json) {
		this.inbox = inbox;
		this.payloads = payloads;
		this.fieldCheck = new CaptureFieldCheck(phoneNumbers);
		this.json = json;
	}

	/** The body is no JSON value at all, or a lone payload that cannot even be parsed: nothing to take. */
	@NamedInterface("inbox")
	public static class NotJsonException extends RuntimeException {

		NotJsonException(String message) {
			super(message);
		}
	}

	/** A payload of the body that was not taken: its index in the array (0 for a lone payload) and why. */
	@NamedInterface("inbox")
	public record Refusal(int index, String reason) {
	}

	/** A field of a taken payload that was cleaned, cut or will be dropped: see {@link CaptureFieldCheck}. */
	@NamedInterface("inbox")
	public record Warning(int index, String field, String reason) {
	}

	/**
	 * @param batch    whether the body was an array
	 * @param inboxIds the entries of the payloads taken, in the order sent
	 */
	@NamedInterface("inbox")
	public record Answer(boolean batch, List<Long> inboxIds, List<Refusal> refused, List<Warning> warnings) {
	}

	/** Takes what it can of the body: a payload, or an array of them. */
	@Transactional
	public Answer accept(byte[] body, String channel) {
		JsonArrayElements elements = new JsonArrayElements(new ByteSource(new ByteArrayInputStream(body)));
		RecordBytes element = new RecordBytes();
		List<Long> ids = new ArrayList<>();
		List<Refusal> refused = new ArrayList<>();
		List<Warning> warnings = new ArrayList<>();
		boolean batch = false;
		try {
			while (elements.next(element)) {
				batch |= elements.index() >= 0;
				int index = Math.max(0, elements.index());
				take(element, elements, index, channel, ids, refused, warnings);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (ids.isEmpty() && refused.isEmpty()) {
			throw new NotJsonException("The body is empty or an empty array.");
		}
		return new Answer(batch, ids, refused, warnings);
	}

	private void take(RecordBytes element, JsonArrayElements elements, int index, String channel, List<Long> ids,
			List<Refusal> refused, List<Warning> warnings) {
		String problem = elements.trailing() ? "text after the array's closing ]"
				: elements.truncated() ? "the body ends inside this element: it was cut off"
						: element.isEmpty() ? "an empty element (two commas in a row?)" : null;
		String text = problem == null ? element.text() : null;
		problem = text == null && problem == null ? element.problem() : problem;
		JsonNode payload = null;
		if (problem == null) {
			try {
				payload = json.readTree(text);
			}
			catch (JacksonException ex) {
				problem = "not valid JSON" + (ex.getLocation() == null ? ""
						: " at line " + ex.getLocation().getLineNr() + " column " + ex.getLocation().getColumnNr());
			}
		}
		if (problem != null && elements.index() < 0 && !elements.trailing()) {
			throw new NotJsonException("The body is not JSON: " + problem + ". Send a JSON object or an array of them.");
		}
		if (problem == null) {
			problem = placed(payload, channel, index, warnings);
		}
		if (problem == null) {
			ids.add(inbox.accept(StoredJson.cleaned(payload, json), channel));
			return;
		}
		refused.add(new Refusal(index, problem));
		inbox.keepRefused(payload != null ? StoredJson.cleaned(payload, json) : StoredJson.string(element.escaped(), json),
				channel, problem);
	}

	/** Why the payload cannot be placed, or null; its field warnings are added. */
	private String placed(JsonNode payload, String channel, int index, List<Warning> warnings) {
		try {
			Adaptation adaptation = payloads.adapt(payload, channel);
			List<FieldWarning> found = new ArrayList<>(adaptation.warnings());
			for (CaptureEvent event : adaptation.events()) {
				fieldCheck.check(event, found);
			}
			found.stream().distinct().forEach(w -> warnings.add(new Warning(index, w.field(), w.reason())));
			return null;
		}
		catch (CaptureFormatException | CaptureRejectedException ex) {
			return ex.getMessage();
		}
	}
}
