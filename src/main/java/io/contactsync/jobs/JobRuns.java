package io.contactsync.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Run history from the job repository: what the jobs API and the missed-run report show. */
@Service
public class JobRuns {

	/** A job, its schedule, when it runs next, its last run, and a scheduled run missed while the service was down. */
	public record JobSummary(String name, ScheduleView schedule, ExecutionView lastRun, OffsetDateTime missedRun) {
	}

	public record ScheduleView(String cron, String timeZone, OffsetDateTime nextRun, String file) {
	}

	/** A page of a job's executions, newest first. */
	public record ExecutionPage(List<ExecutionView> executions, long total, int page, int size) {
	}

	private final JobStarter starter;

	private final JobFiles files;

	private final JdbcClient jdbc;

	private final Clock clock;

	JobRuns(JobStarter starter, JobFiles files, JdbcClient jdbc, Clock clock) {
		this.starter = starter;
		this.files = files;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<JobSummary> jobs() {
		return starter.offeredJobNames().stream().map(this::summary).toList();
	}

	public JobSummary job(String name) {
		if (!starter.offeredJobNames().contains(name)) {
			throw new UnknownJobException(name, starter.offeredJobNames());
		}
		return summary(name);
	}

	public ExecutionPage executions(String name, int page, int size) {
		job(name);
		long total = jdbc.sql("""
				select count(*) from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id where i.job_name = :name""")
			.param("name", name).query(Long.class).single();
		List<Long> ids = jdbc.sql("""
				select e.job_execution_id from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id where i.job_name = :name
				order by e.job_execution_id desc limit :size offset :offset""")
			.param("name", name).param("size", size).param("offset", (long) page * size)
			.query(Long.class).list();
		return new ExecutionPage(ids.stream().map(this::execution).toList(), total, page, size);
	}

	/** The run as it is now, with how far its running steps have got. */
	public ExecutionView execution(long id) {
		return ExecutionView.of(starter.execution(id), clock.instant());
	}

	/** The runs of the jobs a nightly-sync run ran as its steps, by job name: each job's latest for that run. */
	public Map<String, JobExecution> flowChildren(JobExecution flow) {
		Map<String, JobExecution> children = new LinkedHashMap<>();
		jdbc.sql("""
				select e.job_execution_id from batch_job_execution e
				join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
				where p.parameter_name = :name and p.parameter_value = :run order by e.job_execution_id""")
			.param("name", RunParameters.FLOW_RUN_ID)
			.param("run", String.valueOf(flow.getJobInstance().getInstanceId()))
			.query(Long.class).list()
			.forEach(id -> {
				JobExecution child = starter.execution(id);
				children.put(child.getJobInstance().getJobName(), child);
			});
		return children;
	}

	/**
	 * The schedule's last fire time when the job has run before but not since then: the service was down (or the
	 * launch failed) when it should have run.
	 */
	public Optional<ZonedDateTime> missedRun(JobSchedule schedule) {
		return missedRun(schedule, lastExecutionId(schedule.job()).map(starter::execution));
	}

	private Optional<ZonedDateTime> missedRun(JobSchedule schedule, Optional<JobExecution> last) {
		if (last.isEmpty()) {
			return Optional.empty();
		}
		ZonedDateTime started = last.get().getCreateTime().atZone(ZoneId.systemDefault());
		return schedule.previous(ZonedDateTime.now(clock))
			.filter(fire -> started.toInstant().isBefore(fire.toInstant()));
	}

	/** When the job was last launched (its latest execution created), by any means; empty when it never was. */
	public Optional<Instant> lastLaunch(String job) {
		return jdbc.sql("""
				select e.create_time from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id where i.job_name = :name
				order by e.create_time desc limit 1""")
			.param("name", job).query(LocalDateTime.class).optional()
			.map(time -> time.atZone(ZoneId.systemDefault()).toInstant());
	}

	/**
	 * How long the job's latest completed runs took, newest first, leaving out one execution (the run being
	 * judged against them).
	 */
	public List<Duration> completedDurations(String job, int runs, long except) {
		return jdbc.sql("""
				select extract(epoch from e.end_time - e.start_time) from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id
				where i.job_name = :name and e.status = 'COMPLETED' and e.end_time is not null
				  and e.start_time is not null and e.job_execution_id <> :except
				order by e.job_execution_id desc limit :runs""")
			.param("name", job).param("except", except).param("runs", runs)
			.query((row, n) -> Duration.ofNanos(Math.round(row.getDouble(1) * 1e9))).list();
	}

	private JobSummary summary(String name) {
		Optional<JobSchedule> schedule = files.schedule(name);
		ScheduleView view = schedule.map(s -> new ScheduleView(s.cron(), s.zone().getId(),
				s.next(ZonedDateTime.now(clock)).toOffsetDateTime(), s.file())).orElse(null);
		// One read of the last run serves both the summary and the missed-run check.
		Optional<JobExecution> last = lastExecutionId(name).map(starter::execution);
		OffsetDateTime missed = schedule.flatMap(s -> missedRun(s, last)).map(ZonedDateTime::toOffsetDateTime)
			.orElse(null);
		return new JobSummary(name, view, last.map(ExecutionView::of).orElse(null), missed);
	}

	private Optional<Long> lastExecutionId(String name) {
		return jdbc.sql("""
				select e.job_execution_id from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id where i.job_name = :name
				order by e.job_execution_id desc limit 1""")
			.param("name", name).query(Long.class).optional();
	}
}
