package io.contactsync.retention;

import java.time.Duration;
import java.time.Instant;

import io.contactsync.capture.CaptureInbox;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The step {@code dropOldCaptures}: raw capture payloads imported longer ago than the policy keeps them. */
class OldCapturePayloads implements Tasklet {

	private final CaptureInbox inbox;

	private final Instant before;

	OldCapturePayloads(CaptureInbox inbox, RetentionPolicy policy, Instant asOf) {
		this.inbox = inbox;
		this.before = asOf.minus(Duration.ofDays(policy.inboxKeepProcessedDays()));
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int dropped = inbox.deleteProcessedBefore(before);
		contribution.incrementWriteCount(dropped);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(dropped + " imported capture payloads"
				+ " dropped"));
		return RepeatStatus.FINISHED;
	}
}
