package io.contactsync.crm;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Sends a chunk's records in full batches of each mapping's size, under its rate limit, and records every
 * answer in crm_link in the chunk's transaction. A record without a key value fails without being sent. In a dry run, or for a mapping whose credentials are not
 * in the environment, the exact request bodies go to the dry-run report instead and nothing leaves.
 *
 * <p>Killed after the CRM took a batch but before the commit, the resumed run sends that batch again: an
 * upsert by key leaves the CRM with one record all the same.
 */
class PushWriter implements ItemStreamWriter<PushItem> {

	static final String COUNTS = "push.counts";

	private final Map<CrmTarget, CrmConnector> connectors;

	private final DataSource dataSource;

	/** Batches of a chunk go out side by side; the rate limiter, not the thread count, keeps the pace. */
	private final CrmSenders senders;

	private final boolean dryRun;

	private final Path dryRunReport;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	PushWriter(Map<CrmTarget, CrmConnector> connectors, DataSource dataSource, CrmSenders senders,
			boolean dryRun, Path dryRunReport) {
		this.connectors = connectors;
		this.dataSource = dataSource;
		this.senders = senders;
		this.dryRun = dryRun;
		this.dryRunReport = dryRunReport;
	}

	@Override
	public void write(Chunk<? extends PushItem> chunk) throws Exception {
		// By identity: a mapping is one object for the whole run, and a record's hashCode walks every field.
		Map<CrmMapping, List<CrmRecord>> byMapping = new IdentityHashMap<>();
		for (PushItem item : chunk) {
			byMapping.computeIfAbsent(item.mapping(), mapping -> new ArrayList<>()).add(item.record());
		}
		List<Outcome> outcomes = new ArrayList<>();
		List<Future<List<PushResult>>> sent = new ArrayList<>();
		List<Batch> sentBatches = new ArrayList<>();
		for (Map.Entry<CrmMapping, List<CrmRecord>> entry : byMapping.entrySet()) {
			CrmMapping mapping = entry.getKey();
			for (List<CrmRecord> records : batches(entry.getValue(), mapping.batchSize())) {
				Batch batch = prepare(mapping, records, outcomes);
				if (batch != null) {
					sentBatches.add(batch);
					sent.add(senders.submit(mapping, () -> batch.connector().upsert(mapping, batch.records())));
				}
			}
		}
		CrmUnavailableException unavailable = null;
		for (int i = 0; i < sent.size(); i++) {
			try {
				Batch batch = sentBatches.get(i);
				Map<Long, CrmRecord> byContact = new LinkedHashMap<>();
				batch.records().forEach(record -> byContact.put(record.contactId(), record));
				for (PushResult result : sent.get(i).get()) {
					outcomes.add(new Outcome(batch.mapping(), byContact.get(result.contactId()), result));
				}
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof CrmUnavailableException cause) {
					unavailable = cause;
				}
				else {
					throw ex;
				}
			}
		}
		if (unavailable != null) {
			// Nothing of this chunk is recorded: the resumed run sends it again, which an upsert takes well.
			throw unavailable;
		}
		record(outcomes);
	}

	/**
	 * Full batches in which no key appears twice: vendors refuse or mishandle one key twice in a call, so
	 * a second contact with a key (a duplicate the dedup job has not merged yet) goes in a later batch,
	 * where the CRM updates the same record.
	 */
	private static List<List<CrmRecord>> batches(List<CrmRecord> records, int size) {
		List<List<CrmRecord>> batches = new ArrayList<>();
		List<Set<String>> keys = new ArrayList<>();
		for (CrmRecord record : records) {
			String key = record.key() == null ? null : record.key().toLowerCase();
			int target = 0;
			while (target < batches.size()
					&& (batches.get(target).size() >= size || (key != null && keys.get(target).contains(key)))) {
				target++;
			}
			if (target == batches.size()) {
				batches.add(new ArrayList<>(size));
				keys.add(new HashSet<>());
			}
			batches.get(target).add(record);
			if (key != null) {
				keys.get(target).add(key);
			}
		}
		return batches;
	}

	/**
	 * The records of a batch that can go: one without a key value fails here. In a dry run the batch goes
	 * to the report instead; null when nothing is to send.
	 */
	private Batch prepare(CrmMapping mapping, List<CrmRecord> batch, List<Outcome> outcomes) {
		List<CrmRecord> sendable = new ArrayList<>(batch.size());
		for (CrmRecord record : batch) {
			if (record.key() == null || record.key().isBlank()) {
				outcomes.add(new Outcome(mapping, record, PushResult.failed(record.contactId(), "MISSING_KEY",
						"the contact has no value for the match key " + mapping.matchKey())));
			}
			else {
				sendable.add(record);
			}
		}
		if (sendable.isEmpty()) {
			return null;
		}
		CrmConnector connector = connectors.get(mapping.target());
		count("requests", 1);
		if (dryRun || !connector.hasCredentials(mapping)) {
			senders.writeDryRun(dryRunReport, mapping, "body", connector.requestBody(mapping, sendable));
			count("would send", sendable.size());
			return null;
		}
		return new Batch(mapping, connector, sendable);
	}

	/**
	 * Every answer of the chunk into crm_link in the chunk's transaction, set-based: COPY into a staging
	 * table, then one upsert. A failure keeps the hash last pushed, so the contact goes again next run.
	 */
	private void record(List<Outcome> outcomes) throws SQLException, IOException {
		CopyRows rows = new CopyRows();
		for (Outcome outcome : outcomes) {
			boolean synced = outcome.result().outcome() != PushResult.Outcome.FAILED;
			count(outcome.result().outcome().name().toLowerCase(), 1);
			rows.add(outcome.record().contactId()).add(outcome.mapping().name()).add(outcome.result().crmId())
				.add(outcome.record().hash()).add(synced)
				.add(synced ? null : outcome.result().errorCode() + ": " + outcome.result().message());
			rows.endRow();
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try (Statement sql = connection.createStatement()) {
			sql.execute("""
					create temp table if not exists crm_link_answer (contact_id bigint, target text, crm_id text,
					    payload_hash text, synced boolean, error text) on commit delete rows""");
			rows.copyInto(connection, "crm_link_answer (contact_id, target, crm_id, payload_hash, synced, error)");
			sql.executeUpdate("""
					insert into crm_link (contact_id, target, crm_id, payload_hash, pushed_at, status, last_error, attempts)
					select contact_id, target, crm_id, payload_hash, case when synced then now() end,
					       case when synced then 'synced' else 'failed' end, error, case when synced then 0 else 1 end
					from crm_link_answer
					on conflict (contact_id, target) do update set
					    crm_id = coalesce(excluded.crm_id, crm_link.crm_id),
					    payload_hash = case when excluded.status = 'synced' then excluded.payload_hash
					                        else crm_link.payload_hash end,
					    pushed_at = coalesce(excluded.pushed_at, crm_link.pushed_at),
					    status = excluded.status,
					    last_error = excluded.last_error,
					    attempts = case when excluded.status = 'synced' then 0 else crm_link.attempts + 1 end""");
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private record Batch(CrmMapping mapping, CrmConnector connector, List<CrmRecord> records) {
	}

	private record Outcome(CrmMapping mapping, CrmRecord record, PushResult result) {
	}


	private synchronized void count(String what, long n) {
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
