package io.contactsync.api;

import java.net.URI;
import java.util.List;

import io.contactsync.jobs.ExecutionView;
import io.contactsync.jobs.JobRuns;
import io.contactsync.jobs.JobRuns.JobSummary;
import io.contactsync.jobs.JobStarter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs, their executions, stop and restart. {@code /api/v1/jobs/{name}/executions} (POST launches, GET lists)
 * is the HTTP trigger's, through Spring Integration: see {@link JobTriggerConfiguration}.
 */
@RestController
@RequestMapping("/api/v1")
class JobController {

	private final JobRuns runs;

	private final JobStarter starter;

	JobController(JobRuns runs, JobStarter starter) {
		this.runs = runs;
		this.starter = starter;
	}

	@GetMapping("/jobs")
	List<JobSummary> jobs() {
		return runs.jobs();
	}

	@GetMapping("/jobs/{name}")
	JobSummary job(@PathVariable String name) {
		return runs.job(name);
	}

	@GetMapping("/executions/{id}")
	ExecutionView execution(@PathVariable long id) {
		return runs.execution(id);
	}

	/** 202: the run stops at its next chunk boundary; GET the execution to see it STOPPED. */
	@PostMapping("/executions/{id}/stop")
	ResponseEntity<ExecutionView> stop(@PathVariable long id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ExecutionView.of(starter.stop(id)));
	}

	/** 202 with the new execution, which resumes the run where it stopped. */
	@PostMapping("/executions/{id}/restart")
	ResponseEntity<ExecutionView> restart(@PathVariable long id) {
		ExecutionView restarted = ExecutionView.of(starter.restartInBackground(id));
		return ResponseEntity.accepted().location(URI.create("/api/v1/executions/" + restarted.id()))
			.body(restarted);
	}
}
