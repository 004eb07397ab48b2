package io.contactsync.dedup;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The parts of a run's merge plan that are still to apply: one partition each, named by the plan, so that a
 * resumed run restarts the parts that did not commit and only those. The grid size is ignored: the clustering
 * step already cut the plan into its parts.
 */
class MergePlanPartitioner implements Partitioner {

	/** The key of a merge part's plan name in its step execution context. */
	static final String PLAN = "dedup.plan";

	private final JdbcClient jdbc;

	private final long runId;

	MergePlanPartitioner(JdbcClient jdbc, long runId) {
		this.jdbc = jdbc;
		this.runId = runId;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> parts = new LinkedHashMap<>();
		jdbc.sql("select distinct plan from merge_plan where plan like :parts order by plan")
			.param("parts", MergeExecutor.runPlanParts(runId))
			.query(String.class)
			.list()
			.forEach(plan -> {
				ExecutionContext context = new ExecutionContext();
				context.putString(PLAN, plan);
				parts.put(plan, context);
			});
		return parts;
	}
}
