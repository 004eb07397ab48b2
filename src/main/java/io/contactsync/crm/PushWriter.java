package io.contactsync.crm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a chunk's records in full batches of each mapping's size, under its rate limit, and records every
 * answer in crm_link in the chunk's transaction. A contact pushed before is updated by its record's id; a new one
 * is created (upserted by key) unless another contact holds that key's record. A create without a key value fails
 * without being sent. An update whose record was deleted in the CRM is created again in the same chunk, or left, as
 * the mapping's {@code onMissing} says. In a dry run, or for a mapping whose credentials are not in the
 * environment, the exact request bodies go to the dry-run report instead and nothing leaves; each contact's
 * create, update (field by field) or refusal goes to the plan, and a dry run records nothing in crm_link.
 *
 * <p>Killed after the CRM took a batch but before the commit, the resumed run sends that batch again: an upsert by
 * key, or an update by id, leaves the CRM with one record all the same.
 */
class PushWriter implements ItemStreamWriter<PushItem> {

	static final String COUNTS = "push.counts";

	private final Map<CrmTarget, CrmConnector> connectors;

	/** Batches of a chunk go out side by side; the rate limiter, not the thread count, keeps the pace. */
	private final CrmSenders senders;

	private final boolean dryRun;

	private final Path dryRunReport;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	private final SharedRecords sharedRecords;

	private final LinkAnswers linkAnswers;

	private final PushPlan plan;

	PushWriter(Map<CrmTarget, CrmConnector> connectors, DataSource dataSource, JsonMapper json,
			CrmSenders senders, boolean dryRun, Path dryRunReport, PushPlan plan, SharedRecords sharedRecords) {
		this.connectors = connectors;
		this.sharedRecords = sharedRecords;
		this.linkAnswers = new LinkAnswers(dataSource, json);
		this.senders = senders;
		this.dryRun = dryRun;
		this.dryRunReport = dryRunReport;
		this.plan = plan;
	}

	@Override
	public void write(Chunk<? extends PushItem> chunk) throws Exception {
		// By identity: a mapping is one object for the whole run, and a record's hashCode walks every field.
		Map<CrmMapping, List<PushItem>> byMapping = new IdentityHashMap<>();
		for (PushItem item : chunk) {
			byMapping.computeIfAbsent(item.mapping(), mapping -> new ArrayList<>()).add(item);
		}
		List<LinkAnswers.Answer> answers = new ArrayList<>();
		List<PushItem> items = new ArrayList<>();
		for (Map.Entry<CrmMapping, List<PushItem>> entry : byMapping.entrySet()) {
			List<PushItem> creates = entry.getValue().stream().filter(item -> !item.record().isUpdate()).toList();
			items.addAll(entry.getValue().stream().filter(item -> item.record().isUpdate()).toList());
			items.addAll(sharedRecords.claim(entry.getKey(), creates, answers));
		}
		List<PushItem> recreate = new ArrayList<>();
		for (LinkAnswers.Answer answer : send(items, answers)) {
			if (answer.status() == null) {
				recreate.add(answer.item().recreated());
			}
			else {
				answers.add(answer);
			}
		}
		send(recreate, answers).forEach(answers::add);
		answers.forEach(answer -> count(answer.result().outcome().name().toLowerCase(), 1));
		if (dryRun) {
			answers.forEach(answer -> plan.refused(answer.item(), answer.result()));
		}
		else {
			linkAnswers.record(answers);
		}
	}

	/**
	 * Sends the items in full batches of each mapping's size, creates and updates apart (they are different calls),
	 * and answers each; an answer with a null status is an update whose record is gone, to be created again.
	 */
	private List<LinkAnswers.Answer> send(List<PushItem> items, List<LinkAnswers.Answer> refused) throws Exception {
		List<Future<List<PushResult>>> sent = new ArrayList<>();
		List<Batch> sentBatches = new ArrayList<>();
		Map<CrmMapping, List<PushItem>> byMapping = new IdentityHashMap<>();
		items.forEach(item -> byMapping.computeIfAbsent(item.mapping(), mapping -> new ArrayList<>()).add(item));
		for (Map.Entry<CrmMapping, List<PushItem>> entry : byMapping.entrySet()) {
			CrmMapping mapping = entry.getKey();
			for (List<PushItem> batch : batches(entry.getValue(), mapping.batchSize())) {
				Batch prepared = prepare(mapping, batch, refused);
				if (prepared != null) {
					sentBatches.add(prepared);
					sent.add(senders.submit(() -> prepared.connector().upsert(mapping, prepared.records())));
				}
			}
		}
		List<LinkAnswers.Answer> answers = new ArrayList<>();
		CrmUnavailableException unavailable = null;
		for (int i = 0; i < sent.size(); i++) {
			try {
				Batch batch = sentBatches.get(i);
				Map<Long, PushItem> byContact = new LinkedHashMap<>();
				batch.items().forEach(item -> byContact.put(item.record().contactId(), item));
				for (PushResult result : sent.get(i).get()) {
					PushItem item = byContact.get(result.contactId());
					answers.add(new LinkAnswers.Answer(item, result, status(item, result)));
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
		return answers;
	}

	/** The status an answer leaves the link in; null for an update to create again. */
	private static String status(PushItem item, PushResult result) {
		if (result.outcome() != PushResult.Outcome.FAILED) {
			return CrmLinkStatus.SYNCED;
		}
		if (PushResult.RECORD_MISSING.equals(result.errorCode()) && item.recreate() != null) {
			return MappingOptionsReader.RECREATE.equals(item.mapping().options().onMissing()) ? null
					: CrmLinkStatus.MISSING;
		}
		if (PushResult.CONVERTED_LEAD.equals(result.errorCode())) {
			return CrmLinkStatus.CONVERTED;
		}
		return CrmLinkStatus.FAILED;
	}

	/**
	 * Full batches, creates and updates apart. No key is twice among the creates (SharedRecords kept the second
	 * one back), which vendors refuse or mishandle in one call.
	 */
	private static List<List<PushItem>> batches(List<PushItem> items, int size) {
		List<List<PushItem>> batches = new ArrayList<>();
		for (boolean updates : new boolean[] { false, true }) {
			List<PushItem> group = items.stream().filter(item -> item.record().isUpdate() == updates).toList();
			for (int from = 0; from < group.size(); from += size) {
				batches.add(group.subList(from, Math.min(group.size(), from + size)));
			}
		}
		return batches;
	}

	/**
	 * The records of a batch that can go: one without a key value fails here. In a dry run the batch goes
	 * to the report instead; null when nothing is to send.
	 */
	private Batch prepare(CrmMapping mapping, List<PushItem> batch, List<LinkAnswers.Answer> refused) {
		List<PushItem> sendable = new ArrayList<>(batch.size());
		for (PushItem item : batch) {
			CrmRecord record = item.record();
			if (!record.isUpdate() && (record.key() == null || record.key().isBlank())) {
				refused.add(new LinkAnswers.Answer(item, PushResult.failed(record.contactId(), "MISSING_KEY",
						"the contact has no value for the match key " + mapping.matchKey()), CrmLinkStatus.FAILED));
			}
			else {
				sendable.add(item);
			}
		}
		if (sendable.isEmpty()) {
			return null;
		}
		CrmConnector connector = connectors.get(mapping.target());
		List<CrmRecord> records = sendable.stream().map(PushItem::record).toList();
		if (dryRun || !connector.hasCredentials(mapping)) {
			senders.writeDryRun(dryRunReport, mapping, "body", connector.requestBody(mapping, records));
			List<String> followUps = connector.followUpBodies(mapping, records);
			followUps.forEach(body -> senders.writeDryRun(dryRunReport, mapping, "followUp", body));
			sendable.forEach(plan::planned);
			count("would send", sendable.size());
			count("would request", 1 + followUps.size());
			return null;
		}
		count("requests", 1);
		return new Batch(connector, sendable, records);
	}

	private record Batch(CrmConnector connector, List<PushItem> items, List<CrmRecord> records) {
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
