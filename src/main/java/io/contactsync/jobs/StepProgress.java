package io.contactsync.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.LongSupplier;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How far a running step has got: what the run page's bar and the command line's progress line both show, so that
 * the two never disagree. The total is what the step expected when it started ({@link #TOTAL} in its execution
 * context); a step that did not say has none, and then only the count and the rate are known.
 *
 * @param done      items read so far (skipped reads included: they were worked through too)
 * @param total     the items the step expects in all, or null when it does not know
 * @param estimated whether the total is a guess (say "about") rather than a count
 * @param elapsed   how long the step has been running
 * @param rate      items a second since the step started; 0 until it has run for a moment
 * @param left      how long the rest will take at that rate, or null when that cannot be told yet
 */
public record StepProgress(long done, Long total, boolean estimated, Duration elapsed, double rate, Duration left) {

	/** The execution-context key of the total a step expects: a long. */
	public static final String TOTAL = "progress.total";

	/** The execution-context key saying the total is an estimate: a boolean, absent for an exact count. */
	public static final String ESTIMATED = "progress.estimated";

	/** What a step puts in its context when it starts, for the page and the command line to read. */
	public static void expect(ExecutionContext context, long total, boolean estimated) {
		context.putLong(TOTAL, Math.max(0, total));
		if (estimated) {
			context.put(ESTIMATED, Boolean.TRUE);
		}
		else {
			context.remove(ESTIMATED);
		}
	}

	/**
	 * A listener that, as the step starts, asks how many items it will work through: for a step whose reader does not
	 * know, from a count the database answers cheaply (a count of the scope, not a second read of it).
	 */
	public static StepExecutionListener expecting(LongSupplier total, boolean estimated) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution step) {
				expect(step.getExecutionContext(), total.getAsLong(), estimated);
			}
		};
	}

	/** The progress a step has made by {@code now}, as its counts and its context say. */
	public static StepProgress of(StepExecution step, Instant now) {
		ExecutionContext context = step.getExecutionContext();
		Long total = context.containsKey(TOTAL) ? context.getLong(TOTAL) : null;
		return of(done(step), total, context.containsKey(ESTIMATED), elapsed(step.getStartTime(), now));
	}

	/** Items read so far, the way {@link #done()} counts them. */
	static long done(StepExecution step) {
		return step.getReadCount() + step.getReadSkipCount();
	}

	/** How long since a step started; Spring Batch stamps its times in the JVM's local time. */
	static Duration elapsed(LocalDateTime start, Instant now) {
		if (start == null) {
			return Duration.ZERO;
		}
		Duration elapsed = Duration.between(start.atZone(ZoneId.systemDefault()).toInstant(), now);
		// A clock set back (or a start stamped by another host) must not make a negative rate.
		return elapsed.isNegative() ? Duration.ZERO : elapsed;
	}

	public static StepProgress of(long done, Long total, boolean estimated, Duration elapsed) {
		double seconds = elapsed.toMillis() / 1000.0;
		double rate = seconds > 0 ? done / seconds : 0;
		Duration left = null;
		// Before the first items are in, any rate is a guess about nothing; past the total there is nothing to tell.
		if (total != null && done > 0 && rate > 0 && done < total) {
			left = Duration.ofSeconds((long) Math.ceil((total - done) / rate));
		}
		return new StepProgress(done, total, estimated, elapsed, rate, left);
	}

	/** Whole percent done, at most 100 (an estimate can be passed), or null without a total. */
	public Integer percent() {
		if (total == null) {
			return null;
		}
		if (total == 0) {
			return 100;
		}
		return (int) Math.min(100, done * 100 / total);
	}

	/** The bar's value: the count, but never past the bar's end. */
	public long barValue() {
		return total == null ? done : Math.min(done, total);
	}

	/** e.g. {@code 600000 of about 1000000 read (60 %)}, or {@code 600000 read} without a total. */
	public String counted() {
		if (total == null) {
			return done + " read";
		}
		return done + " of " + (estimated ? "about " : "") + total + " read (" + percent() + " %)";
	}

	/** e.g. {@code 21000/s}, or empty before anything was read. */
	public String rateText() {
		if (done == 0 || rate <= 0) {
			return "";
		}
		return (rate >= 10 ? String.valueOf(Math.round(rate)) : String.format("%.1f", rate)) + "/s";
	}

	/** e.g. {@code about 27 s left}, or empty when that cannot be told. */
	public String leftText() {
		return left == null ? "" : "about " + duration(left) + " left";
	}

	/** The whole line: {@code 600000 of 1000000 read (60 %), 21000/s, about 27 s left}. */
	public String describe() {
		StringBuilder line = new StringBuilder(counted());
		if (!rateText().isEmpty()) {
			line.append(", ").append(rateText());
		}
		if (!leftText().isEmpty()) {
			line.append(", ").append(leftText());
		}
		return line.toString();
	}

	/** {@code 27 s}, {@code 4 min 5 s}, {@code 2 h 10 min}: as precise as a person reading it needs. */
	public static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 7200) {
			return seconds / 60 + " min " + seconds % 60 + " s";
		}
		return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
	}
}
