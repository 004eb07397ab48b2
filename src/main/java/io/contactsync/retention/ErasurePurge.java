package io.contactsync.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The step {@code purgeErasures}: every contact whose erasure request is due is purged with every trace of it,
 * in one transaction, so that a killed run leaves all of them for the next one.
 */
class ErasurePurge implements Tasklet {

	private final ContactPurge purge;

	private final Instant asOf;

	ErasurePurge(ContactPurge purge, Instant asOf) {
		this.purge = purge;
		this.asOf = asOf;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int erased = purge.purge("""
				select id from live_contact where erasure_due_at <= :asOf""",
				Map.of("asOf", asOf.atOffset(ZoneOffset.UTC)), ContactPurge.Purpose.ERASURE, null);
		contribution.incrementWriteCount(erased);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(erased + " contacts erased"));
		return RepeatStatus.FINISHED;
	}
}
