package io.contactsync.crm;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * The step {@code mergeRecords}, before the push: when the store merged two contacts that both have a record in a
 * target, the CRM's records are merged too, the survivor's staying primary — HubSpot {@code contacts/merge} and
 * Salesforce {@code merge()} move the other record's activities, notes and deals onto it. Where the vendor has no
 * merge call (Zoho), the merged-away record is removed as the mapping's {@code delete:} says; the push that follows
 * writes the survivor's values, the merged ones included, onto the record that stays. A survivor without a record
 * there takes over the merged-away one's, or where records are keyed by the contact's own id (Salesforce) gets its
 * own from the push and the two are merged next run. A refused merge leaves the merged-away link failed with the CRM's words,
 * tried again next run.
 *
 * <p>One pair per call, each in its own transaction. Killed after the CRM merged but before the commit, the run
 * again finds the merged-away record gone ({@link PushResult#RECORD_MISSING}), which ends the pair as merged.
 * In a dry run, or without credentials, the requests go to the dry-run report and nothing changes.
 */
class MergeRecordsTasklet extends QueuedCrmTasklet<Map.Entry<CrmMapping, CrmMerge>> {

	private final MergedLinks links;

	MergeRecordsTasklet(List<CrmMapping> mappings, Map<CrmTarget, CrmConnector> connectors, MergedLinks links,
			CrmSenders senders, boolean dryRun, Path dryRunReport, PushPlan plan) {
		super("merge.counts", mappings, connectors, senders, dryRun, dryRunReport, plan);
		this.links = links;
	}

	@Override
	protected Deque<Map.Entry<CrmMapping, CrmMerge>> queue() {
		Deque<Map.Entry<CrmMapping, CrmMerge>> queue = new ArrayDeque<>();
		mappings.forEach(mapping -> links.pending(mapping).forEach(merge -> queue.add(Map.entry(mapping, merge))));
		return queue;
	}

	@Override
	protected void run(Map.Entry<CrmMapping, CrmMerge> item) {
		merge(item.getKey(), item.getValue());
	}

	private void merge(CrmMapping mapping, CrmMerge merge) {
		CrmConnector connector = connectors.get(mapping.target());
		boolean dry = dryRun || !connector.hasCredentials(mapping);
		if (merge.survivorCrmId() == null && !connector.updatesById(mapping)) {
			// The push after this step creates the survivor's record; the next run merges the two.
			return;
		}
		if (dry) {
			plan.other(mapping, merge.mergedId(), merge.mergedCrmId(), PushPlan.MERGE);
		}
		if (merge.survivorCrmId() == null || merge.survivorCrmId().equals(merge.mergedCrmId())) {
			settle(mapping, merge, dry);
		}
		else if (!connector.merges(mapping)) {
			remove(mapping, connector, merge, dry);
		}
		else if (dry) {
			counts.add("requests", 1);
			senders.writeDryRun(dryRunReport, mapping, "merge", connector.mergeRequestBody(mapping, merge));
			counts.add("would merge", 1);
		}
		else {
			counts.add("requests", 1);
			record(mapping, connector, merge, connector.merge(mapping, merge));
		}
	}

	/** No request: the survivor takes the other's record over, or the two contacts had one record already. */
	private void settle(CrmMapping mapping, CrmMerge merge, boolean dry) {
		if (!dry && merge.survivorCrmId() == null) {
			links.adopted(mapping, merge);
		}
		else if (!dry) {
			links.merged(mapping, merge, merge.survivorCrmId(), "one record already");
		}
		counts.add(dry ? "would merge" : "merged", 1);
	}

	private void record(CrmMapping mapping, CrmConnector connector, CrmMerge merge, CrmMerge.Result result) {
		if (CrmMerge.Result.SURVIVOR_MISSING.equals(result.errorCode())) {
			// Sales deleted the survivor's record: the merged-away one becomes the survivor's, as if it had none, or
			// where records are keyed by the contact's own id, the push recreates the survivor's for the next run.
			if (connector.updatesById(mapping)) {
				links.adopted(mapping, merge);
				counts.add("merged", 1);
			}
			else {
				links.recreate(mapping, merge);
				counts.add("waiting", 1);
			}
		}
		else if (result.merged() || PushResult.RECORD_MISSING.equals(result.errorCode())) {
			links.merged(mapping, merge, result.merged() ? result.crmId() : merge.survivorCrmId(), "merge");
			counts.add("merged", 1);
		}
		else {
			links.failed(mapping, merge, result.errorCode(), result.message());
			counts.add("failed", 1);
		}
	}

	/** No merge call: the merged-away record goes as delete: says (keep leaves it), the survivor's stays. */
	private void remove(CrmMapping mapping, CrmConnector connector, CrmMerge merge, boolean dry) {
		List<String> ids = List.of(merge.mergedCrmId());
		if (CrmRules.KEEP.equals(mapping.deleteMode())) {
			if (!dry) {
				links.merged(mapping, merge, merge.survivorCrmId(), "kept (delete: keep)");
			}
			counts.add(dry ? "would merge" : "merged", 1);
			return;
		}
		counts.add("requests", 1);
		if (dry) {
			senders.writeDryRun(dryRunReport, mapping, "delete", connector.deleteRequestBody(mapping, ids, false));
			counts.add("would merge", 1);
			return;
		}
		DeleteResult result = connector.delete(mapping, ids, false).stream().findFirst()
			.orElse(noResult(merge.mergedCrmId()));
		if (result.deleted()) {
			links.merged(mapping, merge, merge.survivorCrmId(), "deleted (delete: " + mapping.deleteMode() + ")");
			counts.add("merged", 1);
		}
		else {
			links.failed(mapping, merge, result.errorCode(), result.message());
			counts.add("failed", 1);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		if (counts.isEmpty()) {
			// Most nights merge nothing in the CRMs: the run's table is not the place to say so.
			return step.getExitStatus();
		}
		String said = counts.get("merged") + " merged in the CRM, " + counts.get("failed")
				+ " failed, in " + counts.get("requests") + " requests";
		if (counts.has("waiting")) {
			said += "; " + counts.get("waiting") + " waiting for the survivor's record, which this push recreates";
		}
		if (counts.has("would merge")) {
			said += "; dry run: " + counts.get("would merge") + " merges not made, their requests in " + dryRunReport;
		}
		return step.getExitStatus().addExitDescription(said);
	}

}
