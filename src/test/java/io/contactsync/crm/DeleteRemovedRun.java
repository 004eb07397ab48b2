package io.contactsync.crm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deleteRemoved step's tasklet run to its end on one mapping, for a test whose mapping differs from the shipped
 * file the shared test context reads (another delete: or onLeaveScope).
 */
record DeleteRemovedRun(Map<CrmTarget, CrmConnector> connectors, RemovedLinks links, CrmSenders senders,
		JsonMapper json) {

	/** What the step says at its end. */
	String run(CrmMapping mapping) throws Exception {
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		DeleteRemovedTasklet tasklet = new DeleteRemovedTasklet(List.of(mapping), connectors, links, senders, false,
				Path.of("target/test-reports/delete-removed-dry-run.jsonl"),
				new PushPlan(Path.of("target/test-reports/delete-removed-plan.jsonl"), json, senders));
		tasklet.beforeStep(step);
		ChunkContext chunk = new ChunkContext(new StepContext(step));
		while (tasklet.execute(step.createStepContribution(), chunk) == RepeatStatus.CONTINUABLE) {
			// one batch a call, as the step makes them
		}
		return tasklet.afterStep(step).getExitDescription();
	}

	/** The mapping with another {@code delete:} and {@code onLeaveScope}. */
	static CrmMapping with(CrmMapping mapping, String deleteMode, String onLeaveScope) {
		CrmMapping.Options options = mapping.options();
		return new CrmMapping(mapping.name(), mapping.file(), mapping.target(), mapping.object(), mapping.matchKey(),
				mapping.scope(), mapping.fields(), mapping.batchSize(), mapping.rateLimit(), mapping.credentials(),
				deleteMode, new CrmMapping.Options(options.apiVersion(), options.onMissing(), options.convertedLeads(),
						onLeaveScope, options.subscriptions()));
	}
}
