package io.contactsync.crm;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.RemovedLinks.Link;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * The step {@code deleteRemoved}: a contact gone from the store is removed from every CRM it reached. An erased
 * contact's records are deleted for good, as far as each vendor allows (the connector's {@code erase}); a contact
 * removed otherwise (retention's quiet-contact delete, an admin's delete) has its records removed as the mapping's
 * {@code delete:} says, restorably, or released ({@code keep}: left in the CRM, no request). Its work is the
 * crm_link rows of the run's mappings whose contact no longer exists and which are not yet closed (crm_link has no
 * foreign key so that the link outlives the contact). One batch per call, each in its own transaction: a removed
 * record's link becomes 'deleted' (its crm_id kept for the audit); a refused one becomes 'failed' with the vendor's
 * code and is tried again next run; a link that never got a crm_id is simply closed.
 *
 * <p>Restartable: a resumed run reads the links still to do. Killed after the CRM removed a batch but before
 * the commit, the resumed run removes it again, which the CRM answers as already gone: deleted.
 *
 * <p>In a dry run, or for a mapping whose credentials are not in the environment, the requests go to the
 * dry-run report and nothing changes.
 */
class DeleteRemovedTasklet extends QueuedCrmTasklet<DeleteRemovedTasklet.Work> {

	static final String COUNTS = "delete.counts";

	private final RemovedLinks links;

	DeleteRemovedTasklet(List<CrmMapping> mappings, Map<CrmTarget, CrmConnector> connectors, RemovedLinks links,
			CrmSenders senders, boolean dryRun, Path dryRunReport, PushPlan plan) {
		super(COUNTS, mappings, connectors, senders, dryRun, dryRunReport, plan);
		this.links = links;
	}

	/**
	 * Each mapping's links to close, in batches of its connector's delete size, erasures apart: links without a
	 * crm_id first, then those the mapping keeps, then the removals.
	 */
	@Override
	protected Deque<Work> queue() {
		Deque<Work> plan = new ArrayDeque<>();
		for (CrmMapping mapping : mappings) {
			CrmConnector connector = connectors.get(mapping.target());
			List<Link> removed = links.of(mapping);
			add(plan, new Work(mapping, connector, Action.CLOSE, removed.stream().filter(link -> link.crmId() == null).toList()));
			boolean keep = CrmRules.KEEP.equals(mapping.deleteMode());
			List<Link> withId = removed.stream().filter(link -> link.crmId() != null).toList();
			add(plan, new Work(mapping, connector, Action.RELEASE,
					withId.stream().filter(link -> !link.erase() && keep).toList()));
			for (boolean erase : new boolean[] { false, true }) {
				int size = Math.max(1, connector.deleteBatchSize(mapping, erase));
				List<Link> batch = withId.stream().filter(link -> link.erase() == erase && (erase || !keep)).toList();
				for (int from = 0; from < batch.size(); from += size) {
					add(plan, new Work(mapping, connector, erase ? Action.ERASE : Action.REMOVE,
							batch.subList(from, Math.min(batch.size(), from + size))));
				}
			}
		}
		return plan;
	}

	private static void add(Deque<Work> plan, Work work) {
		if (!work.links().isEmpty()) {
			plan.add(work);
		}
	}

	@Override
	protected void run(Work work) throws InterruptedException {
		CrmMapping mapping = work.mapping();
		if (work.action() == Action.CLOSE || work.action() == Action.RELEASE) {
			if (!dryRun) {
				work.links().forEach(link -> close(work, link));
			}
			if (work.action() == Action.RELEASE) {
				counts.add("kept", work.links().size());
			}
			return;
		}
		boolean erase = work.action() == Action.ERASE;
		List<String> ids = work.links().stream().map(Link::crmId).toList();
		counts.add("requests", 1);
		if (dryRun || !work.connector().hasCredentials(mapping)) {
			senders.writeDryRun(dryRunReport, mapping, erase ? "erase" : "delete",
					work.connector().deleteRequestBody(mapping, ids, erase));
			work.links().forEach(link -> plan.other(mapping, link.contactId(), link.crmId(), PushPlan.DELETE));
			counts.add("would delete", ids.size());
			return;
		}
		List<DeleteResult> results = work.connector().delete(mapping, ids, erase);
		for (int i = 0; i < work.links().size(); i++) {
			Link link = work.links().get(i);
			DeleteResult result = i < results.size() && link.crmId().equals(results.get(i).crmId()) ? results.get(i)
					: noResult(link.crmId());
			if (result.deleted()) {
				links.deleted(mapping, link);
				counts.add(erase ? "erased" : "deleted", 1);
			}
			else {
				links.failed(mapping, link, result);
				counts.add("failed", 1);
			}
		}
	}

	private void close(Work work, Link link) {
		if (work.action() == Action.RELEASE) {
			links.released(work.mapping(), link);
		}
		else {
			links.deleted(work.mapping(), link);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		StringBuilder said = new StringBuilder();
		said.append(counts.get("erased")).append(" erased and ")
			.append(counts.get("deleted")).append(" deleted in the CRM, ")
			.append(counts.get("failed")).append(" failed, in ")
			.append(counts.get("requests")).append(" requests");
		if (counts.has("kept")) {
			said.append("; ").append(counts.get("kept")).append(" left in the CRM (delete: keep)");
		}
		if (counts.has("would delete")) {
			said.append("; dry run: ").append(counts.get("would delete"))
				.append(" records not deleted, their requests in ").append(dryRunReport);
		}
		return step.getExitStatus().addExitDescription(said.toString());
	}


	/** What a batch of links asks of the CRM. */
	private enum Action {
		/** No CRM record to remove (never created, or another contact holds it). */
		CLOSE,
		/** The mapping keeps the record. */
		RELEASE,
		/** The mapping's {@code delete:}. */
		REMOVE,
		/** For good. */
		ERASE
	}

	record Work(CrmMapping mapping, CrmConnector connector, Action action, List<Link> links) {
	}
}
