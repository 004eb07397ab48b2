package io.contactsync.jobs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Metrics per job and step for Prometheus ({@code /actuator/prometheus}): items read, written, filtered and
 * skipped, durations by outcome, and each job's last successful end, which starts from the job repository so
 * that an alert on "no success for 26 hours" survives a restart of the service.
 */
@Component
class JobMetrics implements JobExecutionListener {

	private final MeterRegistry registry;

	private final JdbcClient jdbc;

	private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

	JobMetrics(MeterRegistry registry, JdbcClient jdbc) {
		this.registry = registry;
		this.jdbc = jdbc;
	}

	/** Registers the last-success gauge of each job, from the repository's history. */
	void register(Iterable<String> jobNames) {
		Map<String, Long> known = new ConcurrentHashMap<>();
		jdbc.sql("""
				select i.job_name, extract(epoch from max(e.end_time))::bigint
				from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
				where e.status = 'COMPLETED' group by i.job_name""")
			.query((row, n) -> known.put(row.getString(1), row.getLong(2)))
			.list();
		for (String job : jobNames) {
			AtomicLong seconds = lastSuccess.computeIfAbsent(job, name -> new AtomicLong(known.getOrDefault(name, 0L)));
			Gauge.builder("contactsync.job.last.success", seconds, AtomicLong::get)
				.description("When the job last completed, in seconds since the epoch (0: never)")
				.baseUnit("seconds")
				.tag("job", job)
				.register(registry);
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		Timer.builder("contactsync.job.duration").description("How long job runs took, by outcome")
			.tags("job", job, "status", execution.getStatus().name())
			.register(registry)
			.record(between(execution.getStartTime(), execution.getEndTime()));
		for (StepExecution step : execution.getStepExecutions()) {
			items(job, step, "read", step.getReadCount());
			items(job, step, "written", step.getWriteCount());
			items(job, step, "filtered", step.getFilterCount());
			items(job, step, "skipped", step.getSkipCount());
			Timer.builder("contactsync.step.duration").description("How long steps took, by outcome")
				.tags("job", job, "step", step.getStepName(), "status", step.getStatus().name())
				.register(registry)
				.record(between(step.getStartTime(), step.getEndTime()));
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			lastSuccess.computeIfAbsent(job, name -> new AtomicLong())
				.set(System.currentTimeMillis() / 1000);
		}
	}

	private void items(String job, StepExecution step, String kind, long count) {
		Counter.builder("contactsync.step.items").description("Items steps read, wrote, filtered and skipped")
			.tags("job", job, "step", step.getStepName(), "kind", kind)
			.register(registry)
			.increment(count);
	}

	private static Duration between(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return Duration.ZERO;
		}
		LocalDateTime until = end == null ? LocalDateTime.now(ZoneId.systemDefault()) : end;
		return Duration.between(start, until);
	}
}
