package io.contactsync.crm;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The first step of a push that sends: each mapping of the run held against its CRM's live schema. A mapping with
 * problems sends nothing this run (its names go in the job's context, where the push step's reader and report read
 * them), and the step's summary lists every problem with its file and line; the other targets are pushed as usual.
 * A dry run, or a mapping without credentials, sends nothing anyway and is not checked. A schema that cannot be read
 * (credentials refused, a token without the schema scope, the CRM down) stops the run before anything is sent, as
 * a refusal of the push itself would: it was not shown that the mapping fits, and the next run checks again.
 */
class SchemaCheckTasklet implements Tasklet, StepExecutionListener {

	/** The names of the mappings that may not send this run, comma-separated. */
	static final String INVALID = "crm.invalidMappings";

	private final List<CrmMapping> mappings;

	private final MappingSchemaCheck check;

	private final boolean dryRun;

	private final List<String> said = new ArrayList<>();

	private final List<String> invalid = new ArrayList<>();

	SchemaCheckTasklet(List<CrmMapping> mappings, MappingSchemaCheck check, boolean dryRun) {
		this.mappings = mappings;
		this.check = check;
		this.dryRun = dryRun;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		if (dryRun) {
			return RepeatStatus.FINISHED;
		}
		for (CrmMapping mapping : mappings) {
			MappingSchemaCheck.Verdict verdict = check.check(mapping);
			switch (verdict.outcome()) {
				case INVALID -> {
					invalid.add(mapping.name());
					said.add(mapping.name() + ": nothing sent — " + verdict.line() + ": " + String.join("; ",
							verdict.problems().stream().map(Object::toString).toList()));
				}
				case UNREADABLE -> throw new CrmUnavailableException(verdict.line(), null);
				default -> {
				}
			}
		}
		chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
			.putString(INVALID, String.join(",", invalid));
		return RepeatStatus.FINISHED;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (said.isEmpty()) {
			return stepExecution.getExitStatus();
		}
		return stepExecution.getExitStatus().addExitDescription(String.join("\n", said));
	}

	/** The run's mappings less those the check kept back. */
	static List<CrmMapping> sending(List<CrmMapping> mappings, String invalid) {
		List<String> names = invalid == null || invalid.isBlank() ? List.of() : List.of(invalid.split(","));
		return mappings.stream().filter(mapping -> !names.contains(mapping.name())).toList();
	}
}
