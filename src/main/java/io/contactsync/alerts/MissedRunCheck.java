package io.contactsync.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.contactsync.alerts.Alert.Type;
import io.contactsync.jobs.JobRuns;
import io.contactsync.jobs.JobSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The missed-run rule of jobs/alerts.yml, checked every {@code contactsync.alerts.missed-run-check}: a schedule's
 * latest fire time passed more than the grace period ago and no run of its job was launched since. Each fire time
 * alerts once, however many checks see it. A job that never ran is expected only at fire times after this service
 * started: before then nobody had asked it to run here.
 */
class MissedRunCheck {

	private static final Logger log = LoggerFactory.getLogger(MissedRunCheck.class);

	private final List<JobSchedule> schedules;

	private final JobRuns runs;

	private final AlertRules.MissedRun rule;

	private final AlertSender sender;

	private final Clock clock;

	private final Duration interval;

	private final String dashboard;

	private final Instant started;

	/** The last fire time alerted for, by job. */
	private final Map<String, Instant> alerted = new ConcurrentHashMap<>();

	private ThreadPoolTaskScheduler scheduler;

	MissedRunCheck(List<JobSchedule> schedules, JobRuns runs, AlertRules rules, AlertSender sender, Clock clock,
			AlertsProperties properties) {
		this.schedules = List.copyOf(schedules);
		this.runs = runs;
		this.rule = rules.missedRun();
		this.sender = sender;
		this.clock = clock;
		this.interval = properties.missedRunCheck();
		this.dashboard = properties.dashboardUrl().toString().replaceAll("/+$", "");
		this.started = clock.instant();
	}

	synchronized void start() {
		if (!rule.enabled() || schedules.isEmpty()) {
			return;
		}
		scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("alerts-missed-run-");
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::checkQuietly, Instant.now().plus(interval), interval);
	}

	synchronized void stop() {
		if (scheduler != null) {
			scheduler.shutdown();
			scheduler = null;
		}
	}

	/** One check of every schedule; returns the alerts it sent, for the log and the tests. */
	List<Alert> check() {
		if (!rule.enabled()) {
			return List.of();
		}
		Instant now = clock.instant();
		List<Alert> missed = schedules.stream().flatMap(schedule -> missed(schedule, now).stream()).toList();
		missed.forEach(sender::send);
		return missed;
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			log.warn("The missed-run check failed ({}); the next one is in {}", ex.getClass().getSimpleName(),
					interval);
		}
	}

	private Optional<Alert> missed(JobSchedule schedule, Instant now) {
		Optional<Instant> fire = schedule.previous(ZonedDateTime.now(clock)).map(ZonedDateTime::toInstant);
		if (fire.isEmpty() || now.isBefore(fire.get().plus(rule.grace()))) {
			return Optional.empty();
		}
		Optional<Instant> launched = runs.lastLaunch(schedule.job());
		boolean expected = launched.isPresent() || fire.get().isAfter(started);
		if (!expected || launched.filter(last -> !last.isBefore(fire.get())).isPresent()) {
			return Optional.empty();
		}
		// put, not a check then a put: the timer's check and another one must not both alert.
		Instant before = alerted.put(schedule.job(), fire.get());
		if (fire.get().equals(before)) {
			return Optional.empty();
		}
		String reason = String.format("the run due at %s (%s, %s) has not started %s later%s", fire.get(),
				schedule.cron(), schedule.zone(), Alert.humanDuration(Duration.between(fire.get(), now)),
				launched.map(last -> "; last launched at " + last).orElse("; it has never run"));
		return Optional.of(new Alert(Type.MISSED_RUN, schedule.job(), null, "MISSED", null, null, null, Map.of(),
				fire.get(), reason, dashboard + "/jobs/" + schedule.job()));
	}
}
