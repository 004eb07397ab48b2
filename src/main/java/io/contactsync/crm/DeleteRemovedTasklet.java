package io.contactsync.crm;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The step {@code deleteRemoved}: a contact deleted from the store is deleted in every CRM it reached, as
 * each mapping's {@code deletion} says. Its work is the crm_link rows of the run's mappings whose contact no
 * longer exists and whose status is not yet 'deleted' (crm_link has no foreign key so that the link outlives
 * the contact). One batch per call, each in its own transaction: a deleted record's link becomes 'deleted'
 * (its crm_id kept for the audit); a refused one becomes 'failed' with the vendor's code and is tried again
 * next run; a link that never got a crm_id is simply closed.
 *
 * <p>Restartable: a resumed run reads the links still to do. Killed after the CRM deleted a batch but before
 * the commit, the resumed run deletes it again, which the CRM answers as already gone: deleted.
 *
 * <p>In a dry run, or for a mapping whose credentials are not in the environment, the delete requests go
 * to the dry-run report and nothing changes.
 */
class DeleteRemovedTasklet implements Tasklet, StepExecutionListener {

	static final String COUNTS = "delete.counts";

	private final List<CrmMapping> mappings;

	private final Map<CrmTarget, CrmConnector> connectors;

	private final JdbcClient jdbc;

	private final CrmSenders senders;

	private final boolean dryRun;

	private final Path dryRunReport;

	private final PushPlan plan;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	/** The batches still to send in this execution; read once, at the first call. */
	private Deque<Work> work;

	DeleteRemovedTasklet(List<CrmMapping> mappings, Map<CrmTarget, CrmConnector> connectors, JdbcClient jdbc,
			CrmSenders senders, boolean dryRun, Path dryRunReport, PushPlan plan) {
		this.plan = plan;
		this.mappings = mappings;
		this.connectors = connectors;
		this.jdbc = jdbc;
		this.senders = senders;
		this.dryRun = dryRun;
		this.dryRunReport = dryRunReport;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void beforeStep(StepExecution step) {
		Object saved = step.getExecutionContext().get(COUNTS);
		if (saved instanceof Map<?, ?> map) {
			counts.putAll((Map<String, Long>) map);
		}
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
		if (work == null) {
			work = plan();
		}
		Work next = work.poll();
		if (next != null) {
			run(next);
		}
		chunk.getStepContext().getStepExecution().getExecutionContext().put(COUNTS, new LinkedHashMap<>(counts));
		return work.isEmpty() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
	}

	/** Each mapping's links to close, in batches of its connector's delete size; links without crm_id first. */
	private Deque<Work> plan() {
		Deque<Work> plan = new ArrayDeque<>();
		for (CrmMapping mapping : mappings) {
			CrmConnector connector = connectors.get(mapping.target());
			// A record another contact still holds is not deleted with this one: the link is closed, the record stays.
			List<Link> links = jdbc.sql("""
					select l.contact_id,
					       case when exists (select 1 from crm_link o join contact c on c.id = o.contact_id
					                         where o.target = l.target and o.crm_id = l.crm_id
					                           and o.status not in ('deleted', 'delete_pending'))
					            then null else l.crm_id end
					from crm_link l
					where l.target = :target and l.status <> 'deleted'
					  and not exists (select 1 from contact c where c.id = l.contact_id)
					order by l.contact_id""")
				.param("target", mapping.name())
				.query((rs, row) -> new Link(rs.getLong(1), rs.getString(2)))
				.list();
			List<Link> withoutId = links.stream().filter(link -> link.crmId() == null).toList();
			if (!withoutId.isEmpty()) {
				plan.add(new Work(mapping, connector, withoutId));
			}
			List<Link> withId = links.stream().filter(link -> link.crmId() != null).toList();
			int size = Math.max(1, connector.deleteBatchSize(mapping));
			for (int from = 0; from < withId.size(); from += size) {
				plan.add(new Work(mapping, connector, withId.subList(from, Math.min(withId.size(), from + size))));
			}
		}
		return plan;
	}

	private void run(Work work) throws InterruptedException {
		CrmMapping mapping = work.mapping();
		if (work.links().get(0).crmId() == null) {
			if (!dryRun) {
				work.links().forEach(link -> close(mapping, link));
			}
			return;
		}
		List<String> ids = work.links().stream().map(Link::crmId).toList();
		count("requests", 1);
		if (dryRun || !work.connector().hasCredentials(mapping)) {
			senders.writeDryRun(dryRunReport, mapping, "delete", work.connector().deleteRequestBody(mapping, ids));
			work.links().forEach(link -> plan.other(mapping, link.contactId(), link.crmId(), PushPlan.DELETE));
			count("would delete", ids.size());
			return;
		}
		List<DeleteResult> results = work.connector().delete(mapping, ids);
		for (int i = 0; i < work.links().size(); i++) {
			Link link = work.links().get(i);
			DeleteResult result = i < results.size() && link.crmId().equals(results.get(i).crmId()) ? results.get(i)
					: DeleteResult.failed(link.crmId(), "NO_RESULT", "the CRM returned no result for this record");
			if (result.deleted()) {
				close(mapping, link);
				count("deleted", 1);
			}
			else {
				jdbc.sql("""
						update crm_link set status = 'failed', last_error = :error, attempts = attempts + 1
						where contact_id = :contactId and target = :target""")
					.param("error", result.errorCode() + ": " + result.message())
					.param("contactId", link.contactId())
					.param("target", mapping.name())
					.update();
				count("failed", 1);
			}
		}
	}

	private void close(CrmMapping mapping, Link link) {
		jdbc.sql("""
				update crm_link set status = 'deleted', last_error = null, attempts = 0
				where contact_id = :contactId and target = :target""")
			.param("contactId", link.contactId())
			.param("target", mapping.name())
			.update();
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		StringBuilder said = new StringBuilder();
		said.append(counts.getOrDefault("deleted", 0L)).append(" deleted in the CRM, ")
			.append(counts.getOrDefault("failed", 0L)).append(" failed, in ")
			.append(counts.getOrDefault("requests", 0L)).append(" requests");
		if (counts.containsKey("would delete")) {
			said.append("; dry run: ").append(counts.get("would delete"))
				.append(" records not deleted, their requests in ").append(dryRunReport);
		}
		return step.getExitStatus().addExitDescription(said.toString());
	}

	private synchronized void count(String what, long n) {
		counts.merge(what, n, Long::sum);
	}


	private record Link(long contactId, String crmId) {
	}

	private record Work(CrmMapping mapping, CrmConnector connector, List<Link> links) {
	}
}
