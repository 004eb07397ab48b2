package io.contactsync.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends a chunk's records in full batches of each mapping's size, under its rate limit, and records every
 * answer in crm_link in the chunk's transaction. A record without a key value, or with the key of one
 * already in the batch, fails without being sent. In a dry run, or for a mapping whose credentials are not
 * in the environment, the exact request bodies go to the dry-run report instead and nothing leaves.
 *
 * <p>Killed after the CRM took a batch but before the commit, the resumed run sends that batch again: an
 * upsert by key leaves the CRM with one record all the same.
 */
class PushWriter implements ItemStreamWriter<PushItem> {

	static final String COUNTS = "push.counts";

	private final Map<CrmTarget, CrmConnector> connectors;

	private final Map<String, RateLimiter> limiters = new LinkedHashMap<>();

	private final JdbcClient jdbc;

	private final boolean dryRun;

	private final Path dryRunReport;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	PushWriter(Map<CrmTarget, CrmConnector> connectors, JdbcClient jdbc, boolean dryRun, Path dryRunReport) {
		this.connectors = connectors;
		this.jdbc = jdbc;
		this.dryRun = dryRun;
		this.dryRunReport = dryRunReport;
	}

	@Override
	public void write(Chunk<? extends PushItem> chunk) throws Exception {
		Map<CrmMapping, List<CrmRecord>> byMapping = new LinkedHashMap<>();
		for (PushItem item : chunk) {
			byMapping.computeIfAbsent(item.mapping(), mapping -> new ArrayList<>()).add(item.record());
		}
		for (Map.Entry<CrmMapping, List<CrmRecord>> entry : byMapping.entrySet()) {
			CrmMapping mapping = entry.getKey();
			List<CrmRecord> records = entry.getValue();
			for (int from = 0; from < records.size(); from += mapping.batchSize()) {
				send(mapping, records.subList(from, Math.min(records.size(), from + mapping.batchSize())));
			}
		}
	}

	private void send(CrmMapping mapping, List<CrmRecord> batch) throws InterruptedException {
		List<CrmRecord> sendable = new ArrayList<>(batch.size());
		Set<String> keys = new HashSet<>();
		for (CrmRecord record : batch) {
			if (record.key() == null || record.key().isBlank()) {
				record(mapping, record, PushResult.failed(record.contactId(), "MISSING_KEY",
						"the contact has no value for the match key " + mapping.matchKey()));
			}
			else if (!keys.add(record.key().toLowerCase())) {
				record(mapping, record, PushResult.failed(record.contactId(), "DUPLICATE_KEY", "another contact "
						+ "in this push has the same " + mapping.matchKey() + "; merge the duplicates first"));
			}
			else {
				sendable.add(record);
			}
		}
		if (sendable.isEmpty()) {
			return;
		}
		CrmConnector connector = connectors.get(mapping.target());
		if (dryRun || !connector.hasCredentials(mapping)) {
			appendDryRun(mapping, connector.requestBody(mapping, sendable));
			count("would send", sendable.size());
			count("requests", 1);
			return;
		}
		limiters.computeIfAbsent(mapping.name(), name -> new RateLimiter(mapping.rateLimit().requests(),
				mapping.rateLimit().per())).acquire();
		count("requests", 1);
		Map<Long, CrmRecord> byContact = new LinkedHashMap<>();
		sendable.forEach(record -> byContact.put(record.contactId(), record));
		for (PushResult result : connector.upsert(mapping, sendable)) {
			record(mapping, byContact.get(result.contactId()), result);
		}
	}

	private void record(CrmMapping mapping, CrmRecord record, PushResult result) {
		boolean synced = result.outcome() != PushResult.Outcome.FAILED;
		count(result.outcome().name().toLowerCase(), 1);
		jdbc.sql("""
				insert into crm_link (contact_id, target, crm_id, payload_hash, pushed_at, status, last_error, attempts)
				values (:contactId, :target, :crmId, :hash, case when :synced then now() end,
				        case when :synced then 'synced' else 'failed' end, :error, case when :synced then 0 else 1 end)
				on conflict (contact_id, target) do update set
				    crm_id = coalesce(excluded.crm_id, crm_link.crm_id),
				    payload_hash = case when :synced then excluded.payload_hash else crm_link.payload_hash end,
				    pushed_at = coalesce(excluded.pushed_at, crm_link.pushed_at),
				    status = excluded.status,
				    last_error = excluded.last_error,
				    attempts = case when :synced then 0 else crm_link.attempts + 1 end""")
			.param("contactId", record.contactId())
			.param("target", mapping.name())
			.param("crmId", result.crmId())
			.param("hash", record.hash())
			.param("synced", synced)
			.param("error", synced ? null : result.errorCode() + ": " + result.message())
			.update();
	}

	private void appendDryRun(CrmMapping mapping, String body) {
		try {
			Files.createDirectories(dryRunReport.toAbsolutePath().getParent());
			Files.writeString(dryRunReport, "{\"target\":\"" + mapping.name() + "\",\"body\":" + body + "}\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the dry-run report " + dryRunReport, ex);
		}
	}

	private void count(String what, long n) {
		counts.merge(what, n, Long::sum);
	}

	@Override
	@SuppressWarnings("unchecked")
	public void open(ExecutionContext context) {
		if (context.containsKey(COUNTS)) {
			counts.putAll((Map<String, Long>) context.get(COUNTS));
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.put(COUNTS, new LinkedHashMap<>(counts));
	}
}
