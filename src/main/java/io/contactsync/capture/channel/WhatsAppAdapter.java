package io.contactsync.capture.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Skipped;
import io.contactsync.store.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * WhatsApp Cloud API webhooks ({@code object} = {@code whatsapp_business_account}): it walks
 * {@code entry[].changes[]} and hands each {@code messages} change to {@link WhatsAppChange}. Changes of any other
 * field (account updates, template status, ...) are skipped and counted as "whatsapp: &lt;field&gt;".
 */
@Component
class WhatsAppAdapter implements ChannelAdapter {

	static final String SOURCE = "whatsapp";

	@Override
	public Set<Channel> channels() {
		return Set.of(Channel.WHATSAPP);
	}

	@Override
	public String shape() {
		return "a WhatsApp Cloud API webhook (object whatsapp_business_account)";
	}

	@Override
	public boolean recognises(JsonNode payload) {
		return "whatsapp_business_account".equals(JsonFields.text(payload, "object"));
	}

	@Override
	public Adaptation adapt(JsonNode payload, String channelOverride) {
		List<CaptureEvent> events = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		List<JsonNode> entries = JsonFields.requiredElements(payload, "entry", SOURCE + ": entry");
		for (int e = 0; e < entries.size(); e++) {
			String entryPath = SOURCE + ": entry[" + e + "]";
			List<JsonNode> changes = JsonFields.requiredElements(entries.get(e), "changes", entryPath + ".changes");
			for (int c = 0; c < changes.size(); c++) {
				String path = entryPath + ".changes[" + c + "]";
				JsonNode change = changes.get(c);
				String field = JsonFields.text(change, "field");
				if (!"messages".equals(field)) {
					unknown.add(field == null ? SOURCE + ": change without field" : Skipped.part(SOURCE, field));
					continue;
				}
				Adaptation adapted = new WhatsAppChange(JsonFields.requiredObject(change, "value", path + ".value"),
						path + ".value").adapt();
				events.addAll(adapted.events());
				unknown.addAll(adapted.unknown());
			}
		}
		return new Adaptation(events, unknown);
	}
}
