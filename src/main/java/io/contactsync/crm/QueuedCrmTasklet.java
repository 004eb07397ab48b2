package io.contactsync.crm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A crm-push step that works through a queue of CRM requests, one item per call (or {@link #itemsPerCall()}) and so
 * per transaction, with its counts kept in the step's context so that a resumed execution reports the whole step: the queue is read at the
 * first call and holds only what is still to do.
 *
 * @param <W> one item of work: a merge, a batch of removals
 */
abstract class QueuedCrmTasklet<W> implements Tasklet, StepExecutionListener {

	protected final List<CrmMapping> mappings;

	protected final Map<CrmTarget, CrmConnector> connectors;

	protected final CrmSenders senders;

	protected final boolean dryRun;

	protected final Path dryRunReport;

	protected final PushPlan plan;

	protected final StepCounts counts;

	private Deque<W> work;

	QueuedCrmTasklet(String countsKey, List<CrmMapping> mappings, Map<CrmTarget, CrmConnector> connectors,
			CrmSenders senders, boolean dryRun, Path dryRunReport, PushPlan plan) {
		this.counts = new StepCounts(countsKey);
		this.mappings = mappings;
		this.connectors = connectors;
		this.senders = senders;
		this.dryRun = dryRun;
		this.dryRunReport = dryRunReport;
		this.plan = plan;
	}

	/** What is still to do, in order. */
	protected abstract Deque<W> queue();

	protected abstract void run(W item) throws Exception;

	/** How many items one call takes, and so one transaction: more than one where {@link #run(List)} sends them at once. */
	protected int itemsPerCall() {
		return 1;
	}

	/** The call's items, one after the other unless overridden. */
	protected void run(List<W> items) throws Exception {
		for (W item : items) {
			run(item);
		}
	}

	@Override
	public void beforeStep(StepExecution step) {
		counts.restore(step);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
		if (work == null) {
			work = queue();
		}
		List<W> next = new ArrayList<>();
		while (next.size() < itemsPerCall() && !work.isEmpty()) {
			next.add(work.poll());
		}
		if (!next.isEmpty()) {
			run(next);
		}
		counts.save(chunk);
		return work.isEmpty() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
	}

	/** What stands for a record the CRM's answer left out. */
	static DeleteResult noResult(String crmId) {
		return DeleteResult.failed(crmId, "NO_RESULT", "the CRM returned no result for this record");
	}
}
