package io.contactsync.demo;

import java.time.Instant;

import io.contactsync.jobs.StepProgress;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Hands out contact numbers 0 .. count-1. Its position and the anchor time are kept in the step's
 * execution context, so a restarted run goes on with the next number and the same dates. It knows exactly how many
 * it has left to hand out, which is the step's expected total.
 */
class ContactNumberReader implements ItemStreamReader<ContactSeed> {

	private static final String NEXT = "generate.next";

	private static final String ANCHOR = "generate.anchor";

	private final long count;

	private final long seed;

	private long next;

	private Instant anchor;

	ContactNumberReader(long count, long seed) {
		this.count = count;
		this.seed = seed;
	}

	@Override
	public void open(ExecutionContext context) {
		next = context.containsKey(NEXT) ? context.getLong(NEXT) : 0;
		anchor = context.containsKey(ANCHOR) ? Instant.ofEpochSecond(context.getLong(ANCHOR))
				: Instant.ofEpochSecond(Instant.now().getEpochSecond());
		// A resumed run's execution counts from nought again: what it expects is what is left.
		StepProgress.expect(context, count - next, false);
	}

	@Override
	public ContactSeed read() {
		return next < count ? new ContactSeed(next++, seed, anchor) : null;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(NEXT, next);
		context.putLong(ANCHOR, anchor.getEpochSecond());
	}
}
