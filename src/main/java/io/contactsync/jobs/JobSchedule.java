package io.contactsync.jobs;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a job runs on its own: a Spring cron expression (second minute hour day month weekday) in a time zone.
 *
 * @param job  the job's name, which is also its file's name under jobs/
 * @param file the file that set it, or null for the built-in nightly default
 * @param cron the expression as written, for people
 */
public record JobSchedule(String job, String file, String cron, ZoneId zone) {

	/** nightly-sync runs at 02:00 unless its file says otherwise. */
	static final String NIGHTLY_CRON = "0 0 2 * * *";

	private static final List<Duration> LOOK_BACK = List.of(Duration.ofMinutes(1), Duration.ofHours(1),
			Duration.ofDays(1), Duration.ofDays(8), Duration.ofDays(32), Duration.ofDays(400));

	public ZonedDateTime next(ZonedDateTime after) {
		return CronExpression.parse(cron).next(after.withZoneSameInstant(zone));
	}

	/**
	 * The latest fire time at or before {@code now}, looking back at most 400 days (a yearly schedule's
	 * last fire time is within that).
	 */
	public Optional<ZonedDateTime> previous(ZonedDateTime now) {
		CronExpression expression = CronExpression.parse(cron);
		ZonedDateTime local = now.withZoneSameInstant(zone);
		ZonedDateTime last = null;
		// Walk forward from a little back, then widen: few steps for frequent and rare schedules alike.
		for (Duration back : LOOK_BACK) {
			ZonedDateTime fire = expression.next(local.minus(back));
			while (fire != null && !fire.isAfter(local)) {
				last = fire;
				fire = expression.next(fire);
			}
			if (last != null) {
				return Optional.of(last);
			}
		}
		return Optional.empty();
	}
}
