package io.contactsync.jobs;

import java.util.function.Supplier;

import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;

/**
 * The run lock of a job launched to run in the background: taken in the launching thread, so that a second launch
 * is refused at once (HTTP 409), and handed to the thread that runs the job, which lets it go only after the job
 * repository holds the run's end — never while the run could still look alive.
 */
@Component
class LaunchLocks {

	private final JobRunLock runLock;

	/** The lock of the launch this thread is making, until the run's thread takes it over. */
	private final ThreadLocal<JobRunLock.Held> launching = new ThreadLocal<>();

	LaunchLocks(JobRunLock runLock) {
		this.runLock = runLock;
	}

	/**
	 * Takes the job's lock and calls {@code launch}, which hands work to the executor decorated by
	 * {@link #decorator()}; the lock goes with that work, or is let go here when none was handed over.
	 * @throws JobAlreadyRunningException when a run of the job holds the lock
	 */
	<T> T holding(String jobName, Supplier<T> launch) {
		launching.set(runLock.tryAcquire(jobName).orElseThrow(() -> new JobAlreadyRunningException(jobName)));
		try {
			return launch.get();
		}
		finally {
			JobRunLock.Held unclaimed = launching.get();
			launching.remove();
			if (unclaimed != null) {
				unclaimed.close();
			}
		}
	}

	/** Wraps each background run so that it carries the launch's lock and lets it go when the run is over. */
	TaskDecorator decorator() {
		return run -> {
			JobRunLock.Held lock = launching.get();
			launching.remove();
			return () -> {
				try {
					run.run();
				}
				finally {
					if (lock != null) {
						lock.close();
					}
				}
			};
		};
	}
}
