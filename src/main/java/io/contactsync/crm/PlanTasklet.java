package io.contactsync.crm;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
 * The last step of a dry run: each target's plan as one line — contacts to create, to update, left unchanged,
 * refused, to delete, and leaving scope, and where there are any the merged-away ones whose records merge — beside the plan report that holds every contact's line. Leaving scope
 * are, for a mapping with {@code onLeaveScope: keep}, the contacts the CRM holds that the scope no longer takes
 * (archived, opted out, without an email now): the push neither updates nor deletes them, and the plan names them
 * so nobody is surprised. With {@code update} they are read and planned as any other contact; with {@code delete}
 * the deleteRemoved step plans their removal.
 */
class PlanTasklet implements Tasklet, StepExecutionListener {

	private final List<CrmMapping> mappings;

	private final JdbcClient jdbc;

	private final PushPlan plan;

	private final boolean failedOnly;

	private final List<String> said = new ArrayList<>();

	/**
	 * @param mappings the run's mappings that are pushed as a dry run: by the run's dryRun, or for want of credentials
	 * @param failedOnly the run pushes only the contacts whose last push failed: they are its scope, and no synced
	 * contact leaves it
	 */
	PlanTasklet(List<CrmMapping> mappings, JdbcClient jdbc, PushPlan plan, boolean failedOnly) {
		this.mappings = mappings;
		this.jdbc = jdbc;
		this.plan = plan;
		this.failedOnly = failedOnly;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		if (mappings.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		Map<CrmMapping, Long> inScope = new IdentityHashMap<>();
		for (CrmMapping mapping : mappings) {
			inScope.put(mapping, inScope(mapping));
			if (!failedOnly && CrmMapping.Options.KEEP.equals(mapping.options().onLeaveScope())) {
				leavingScope(mapping);
			}
		}
		Map<String, Map<String, Long>> counts = plan.counts();
		for (CrmMapping mapping : mappings) {
			Map<String, Long> planned = counts.getOrDefault(mapping.name(), Map.of());
			long create = planned.getOrDefault(PushPlan.CREATE, 0L);
			long update = planned.getOrDefault(PushPlan.UPDATE, 0L);
			long refuse = planned.getOrDefault(PushPlan.REFUSE, 0L);
			long merge = planned.getOrDefault(PushPlan.MERGE, 0L);
			said.add("%s plan: %d to create, %d to update, %d unchanged, %d refused, %d to delete, %d leaving scope%s"
				.formatted(mapping.name(), create, update, Math.max(0, inScope.get(mapping) - create - update - refuse),
						refuse, planned.getOrDefault(PushPlan.DELETE, 0L), planned.getOrDefault(PushPlan.LEAVE_SCOPE, 0L),
						merge == 0 ? "" : ", " + merge + " to merge into the survivor's record"));
		}
		said.add(Files.exists(plan.file())
				? "every contact's line, with the fields each update changes, in " + plan.file()
				: "nothing to create, update, delete or leave, so no plan report");
		return RepeatStatus.FINISHED;
	}

	private long inScope(CrmMapping mapping) {
		return jdbc.sql(PushCandidateReader.countInScope(mapping, failedOnly))
			.param("target", mapping.name())
			.param("channels", PushCandidateReader.channels(mapping))
			.query(Long.class).single();
	}

	private void leavingScope(CrmMapping mapping) {
		jdbc.sql("""
				select l.contact_id, l.crm_id from crm_link l join live_contact c on c.id = l.contact_id
				where l.target = :target and l.crm_id is not null and l.status = 'synced' and not (%s)
				order by l.contact_id""".formatted(PushCandidateReader.scope(mapping.scope())))
			.param("target", mapping.name())
			.param("channels", PushCandidateReader.channels(mapping))
			.query((rs, row) -> {
				plan.other(mapping, rs.getLong(1), rs.getString(2), PushPlan.LEAVE_SCOPE);
				return null;
			})
			.list();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		return said.isEmpty() ? stepExecution.getExitStatus()
				: stepExecution.getExitStatus().addExitDescription(String.join("\n", said));
	}
}
