package io.contactsync.jobs;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Launches each scheduled job (jobs/*.yml) when its cron fires, through the same launch channel as the HTTP
 * trigger. Every instance of the service schedules; the fire time is the run's identity in the job repository and
 * the run lock guards the job, so each fire time runs once whatever the number of instances. At start it reports,
 * in the log and in {@code GET /api/v1/jobs}, a run missed while the service was down.
 */
public class JobScheduler {

	private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

	private final List<JobSchedule> schedules;

	private final JobStarter starter;

	private final JobLaunches launches;

	private final JobRuns runs;

	private final Clock clock;

	private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

	private ThreadPoolTaskScheduler scheduler;

	public JobScheduler(List<JobSchedule> schedules, JobStarter starter, JobLaunches launches, JobRuns runs,
			Clock clock) {
		this.schedules = schedules;
		this.starter = starter;
		this.launches = launches;
		this.runs = runs;
		this.clock = clock;
	}

	public synchronized void start() {
		scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("schedule-");
		scheduler.setPoolSize(2);
		scheduler.initialize();
		for (JobSchedule schedule : schedules) {
			runs.missedRun(schedule).ifPresent(missed -> log.warn("{} did not run at {} ({}): the service was down"
					+ " then. Launch it now with POST /api/v1/jobs/{}/executions or `run {}`.", schedule.job(), missed,
					schedule.cron(), schedule.job(), schedule.job()));
			scheduled.add(scheduler.schedule(() -> fire(schedule), new CronTrigger(schedule.cron(), schedule.zone())));
			log.info("{} runs on '{}' ({}), next at {}", schedule.job(), schedule.cron(), schedule.zone(),
					schedule.next(ZonedDateTime.now(clock)));
		}
	}

	public synchronized void stop() {
		scheduled.forEach(future -> future.cancel(false));
		scheduled.clear();
		if (scheduler != null) {
			scheduler.shutdown();
			scheduler = null;
		}
	}

	/** One fire of a schedule; the launch's outcome goes to the log, as nobody waits for it. */
	void fire(JobSchedule schedule) {
		ZonedDateTime fireTime = schedule.previous(ZonedDateTime.now(clock)).orElse(ZonedDateTime.now(clock));
		try {
			JobExecution execution = launches.launch(starter.scheduledRun(schedule.job(), fireTime.toInstant()));
			log.info("{} started as execution {} for its {} run", schedule.job(), execution.getId(), fireTime);
		}
		catch (RuntimeException ex) {
			Throwable cause = LaunchFailures.rootCause(ex);
			if (LaunchFailures.isAlreadyRunning(cause)) {
				log.info("{}: its {} run is not started here, as a run of it is in progress", schedule.job(), fireTime);
			}
			else if (cause instanceof JobInstanceAlreadyCompleteException) {
				log.info("{}: its {} run was done by another instance", schedule.job(), fireTime);
			}
			else {
				log.error("{}: its {} run could not be launched ({})", schedule.job(), fireTime,
						cause.getClass().getSimpleName());
			}
		}
	}

}
