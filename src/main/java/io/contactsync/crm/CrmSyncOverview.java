package io.contactsync.crm;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.contactsync.jobs.IdRangePartitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync as the dashboard shows it, read from crm_link (which this module owns): each target's links by status,
 * the contacts whose last push failed with the CRM's own words, one contact's links, and the exact request a push
 * would send for one contact.
 */
@Component
public class CrmSyncOverview {

	private final CrmMappings mappings;

	private final Map<CrmTarget, CrmConnector> connectors;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final PushProcessor processor;

	CrmSyncOverview(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors, JdbcClient jdbc, JsonMapper json,
			CrmRecordMapper mapper) {
		this.mappings = mappings;
		this.connectors = crmConnectors;
		this.jdbc = jdbc;
		this.json = json;
		this.processor = new PushProcessor(mapper, json);
	}

	/** One contact's link to one target. */
	public record Link(long contactId, String target, String crmId, String status, OffsetDateTime pushedAt,
			String lastError, int attempts) {
	}

	/**
	 * What a push would send for one contact now.
	 *
	 * @param action  {@code create}, {@code update}, or {@code unchanged} (the push leaves it out; shown is what an
	 *                update would send), or {@code left alone} (converted, or deleted in the CRM and skipped)
	 * @param request the request body exactly as the connector writes it (for Salesforce the call's arguments)
	 * @param changes for an update, each field from what the last push left to what this one writes
	 */
	public record Preview(String action, String request, Map<String, Map<String, String>> changes) {
	}

	/** The number of links in each status, for the target. */
	public Map<String, Long> statusCounts(String target) {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql("select status, count(*) from crm_link where target = :target group by status order by status")
			.param("target", target)
			.query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/** The contacts whose last push to the target failed or was kept back (a shared record), by contact id. */
	public List<Link> failed(String target, int limit) {
		return jdbc.sql(LINKS + " where target = :target and status in ('failed', 'shared') order by contact_id limit :limit")
			.param("target", target)
			.param("limit", limit)
			.query(this::link)
			.list();
	}

	/** Every link of the contact, by target. */
	public List<Link> links(long contactId) {
		return jdbc.sql(LINKS + " where contact_id = :id order by target").param("id", contactId).query(this::link).list();
	}

	/** The push's request for the contact; empty when the contact is not in the mapping's scope. */
	public Optional<Preview> preview(String mappingName, long contactId) {
		CrmMapping mapping = mappings.byName(mappingName).orElseThrow();
		PushCandidateReader reader = new PushCandidateReader(List.of(mapping), jdbc, json,
				new IdRangePartitioner.Range(contactId, contactId), false);
		reader.open(new ExecutionContext());
		PushCandidate candidate = reader.read();
		if (candidate == null) {
			return Optional.empty();
		}
		PushItem item = processor.planned(candidate);
		String action = CrmLinkStatus.isLeftAlone(candidate.linkStatus()) ? "left alone"
				: processor.process(candidate) == null ? "unchanged" : item.record().isUpdate() ? "update" : "create";
		String request = connectors.get(mapping.target()).requestBody(mapping, List.of(item.record()));
		return Optional.of(new Preview(action, request,
				item.record().isUpdate() ? PushPlan.changes(item.before(), item.pushed()) : Map.of()));
	}

	private static final String LINKS = """
			select contact_id, target, crm_id, status, pushed_at, last_error, attempts from crm_link""";

	private Link link(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Link(rs.getLong("contact_id"), rs.getString("target"), rs.getString("crm_id"), rs.getString("status"),
				rs.getObject("pushed_at", OffsetDateTime.class), rs.getString("last_error"), rs.getInt("attempts"));
	}
}
