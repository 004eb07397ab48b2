package io.contactsync.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies each kind of destination gets for an alert: Slack's {@code {"text": ..., "blocks": [...]}} and the
 * webhook's flat JSON document (its fields are the README's <em>Alerts</em> table). Both are made from the alert's
 * fields only, so that nothing but names, ids, statuses, times and counts can reach a receiver.
 */
class AlertMessages {

	private final JsonMapper json;

	AlertMessages(JsonMapper json) {
		this.json = json;
	}

	String webhook(Alert alert) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("event", alert.type().code());
		body.put("job", alert.job());
		body.put("execution_id", alert.executionId());
		body.put("status", alert.status());
		body.put("started_at", text(alert.startedAt()));
		body.put("ended_at", text(alert.endedAt()));
		body.put("duration_seconds", alert.duration() == null ? null : alert.duration().toMillis() / 1000.0);
		body.put("expected_at", text(alert.expectedAt()));
		// Sorted, so that two alerts of one job list their counts alike.
		body.put("counts", new TreeMap<>(alert.counts()));
		body.put("link", alert.link());
		body.put("reason", alert.reason());
		return json.writeValueAsString(body);
	}

	String slack(Alert alert) {
		String headline = ":rotating_light: *" + alert.job() + "* — " + alert.reason();
		Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", headline));
		Map<String, Object> context = Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
				"text", "<" + alert.link() + "|" + (alert.executionId() == null ? "Open the job" : "Open run "
						+ alert.executionId()) + "> · " + alert.type().code())));
		Map<String, Object> body = new LinkedHashMap<>();
		// text is what notifications and clients without blocks show.
		body.put("text", alert.job() + ": " + alert.reason());
		body.put("blocks", List.of(section, context));
		return json.writeValueAsString(body);
	}

	private static String text(Instant time) {
		return time == null ? null : time.toString();
	}
}
