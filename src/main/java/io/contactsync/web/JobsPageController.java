package io.contactsync.web;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.jobs.ExecutionView;
import io.contactsync.jobs.JobLaunches;
import io.contactsync.jobs.JobParameterWords;
import io.contactsync.jobs.JobRuns;
import io.contactsync.jobs.JobStarter;
import io.contactsync.jobs.JobUsageException;
import io.contactsync.jobs.LaunchFailures;
import io.contactsync.jobs.RunReports;
import io.contactsync.jobs.UnknownJobException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Jobs and their runs: schedules and last runs, launching with parameters, a run's live status and step counts
 * (htmx polls while it runs), stop, restart and the error report. Launches go the way of the HTTP trigger's: a new
 * run through the job-launch channel.
 */
@Controller
class JobsPageController {

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private static final int HISTORY = 20;

	private final JobRuns runs;

	private final JobStarter starter;

	private final JobLaunches launches;

	private final RunReports reports;

	/** What a running step's rate and time left are measured against. */
	private final Clock clock;

	JobsPageController(JobRuns runs, JobStarter starter, JobLaunches launches, RunReports reports, Clock clock) {
		this.runs = runs;
		this.starter = starter;
		this.launches = launches;
		this.reports = reports;
		this.clock = clock;
	}

	@GetMapping("/jobs")
	String jobs(Model model) {
		List<JobRuns.JobSummary> jobs = runs.jobs();
		model.addAttribute("jobs", jobs);
		model.addAttribute("withReport", jobs.stream().filter(job -> job.lastRun() != null)
			.filter(job -> reports.errorReport(starter.execution(job.lastRun().id())).isPresent())
			.map(JobRuns.JobSummary::name)
			.collect(Collectors.toSet()));
		return "jobs";
	}

	@GetMapping("/jobs/{name}")
	String job(@PathVariable String name, Model model) {
		return jobPage(name, "", null, model);
	}

	/** Parameters come one {@code name=value} a line, as after {@code run <job>} on the command line. */
	@PostMapping("/jobs/{name}/launch")
	String launch(@PathVariable String name, @RequestParam(defaultValue = "") String parameters, Model model,
			HttpServletResponse response) {
		List<String> lines = parameters.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
		JobExecution execution;
		try {
			execution = launches.launch(starter.newRun(name, JobParameterWords.parse(lines)));
		}
		catch (UnknownJobException ex) {
			throw ex;
		}
		catch (JobUsageException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return jobPage(name, parameters, ex.getMessage(), model);
		}
		catch (RuntimeException ex) {
			// The launch channel wraps what went wrong; a run already in progress is the one a person can act on.
			if (LaunchFailures.isAlreadyRunning(ex)) {
				response.setStatus(HttpStatus.CONFLICT.value());
				return jobPage(name, parameters, name + " is running already; wait for that run to end.", model);
			}
			throw ex;
		}
		return "redirect:/executions/" + execution.getId();
	}

	/** The run with its running steps' progress; for htmx's polling only its status section. */
	@GetMapping("/executions/{id}")
	String execution(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		JobExecution execution = starter.execution(id);
		ExecutionView view = ExecutionView.of(execution, clock.instant());
		model.addAttribute("execution", view);
		model.addAttribute("running", RUNNING.contains(view.status()));
		model.addAttribute("hasReport", reports.errorReport(execution).isPresent());
		return htmx != null ? "execution :: status" : "execution";
	}

	@PostMapping("/executions/{id}/stop")
	String stop(@PathVariable long id) {
		starter.stop(id);
		return "redirect:/executions/" + id;
	}

	@PostMapping("/executions/{id}/restart")
	String restart(@PathVariable long id) {
		return "redirect:/executions/" + starter.restartInBackground(id).getId();
	}

	@GetMapping("/executions/{id}/report")
	ResponseEntity<Resource> report(@PathVariable long id) {
		Path report = reports.errorReport(starter.execution(id))
			.orElseThrow(() -> new WebPages.NotFound("Execution " + id + " wrote no error report."));
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_PLAIN)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(report.getFileName().toString()).build().toString())
			.body(new FileSystemResource(report));
	}

	private String jobPage(String name, String parameters, String launchError, Model model) {
		model.addAttribute("job", runs.job(name));
		model.addAttribute("executions", runs.executions(name, 0, HISTORY));
		model.addAttribute("parameters", parameters);
		model.addAttribute("launchError", launchError);
		return "job";
	}


}
