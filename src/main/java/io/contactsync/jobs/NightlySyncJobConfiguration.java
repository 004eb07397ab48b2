package io.contactsync.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.config.FileProblem;
import io.contactsync.config.RunParameters;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * nightly-sync: the pipeline of design.md as one job, capture-import → dedup → lead-scoring → retention →
 * crm-push, each step running that job (a {@code JobStep}) with the parameters jobs/nightly-sync.yml gives it. A
 * failing step stops the flow; a restart resumes at that step, which restarts its job where it stopped. A job
 * that is not built yet is not in the flow; a step in the file that names one is an error.
 * <p>
 * At launch a step's parameter can be overridden as {@code <job>.<name>=value}, e.g.
 * {@code capture-import.input=samples}.
 */
@Configuration(proxyBeanMethods = false)
class NightlySyncJobConfiguration {

	@Bean
	Job nightlySyncJob(JobRepository jobRepository, JobOperator jobOperator, JobFiles files, JobRunLock runLock,
			ConfinedFiles confined, Job captureImportJob, Job dedupJob, Job leadScoringJob, Job retentionJob,
			Job crmPushJob) {
		Map<String, Job> built = new LinkedHashMap<>();
		for (Job job : List.of(captureImportJob, dedupJob, leadScoringJob, retentionJob, crmPushJob)) {
			built.put(job.getName(), job);
		}
		List<FlowStep> flow = checked(files, built, confined);
		JobBuilder builder = new JobBuilder(JobFiles.NIGHTLY_SYNC, jobRepository).validator(validator(flow, built));
		SimpleJobBuilder steps = null;
		for (FlowStep flowStep : flow) {
			Step step = new StepBuilder(flowStep.job(), jobRepository).job(built.get(flowStep.job()))
				.operator(jobOperator)
				.parametersExtractor((job, stepExecution) -> parameters(flowStep, stepExecution.getJobExecution()
					.getJobParameters(), stepExecution.getJobExecution().getJobInstance().getInstanceId()))
				.listener(new FlowStepLock(runLock, flowStep.job()))
				.build();
			steps = steps == null ? builder.start(step) : steps.next(step);
		}
		if (steps == null) {
			throw new JobFileException(List.of(new FileProblem(files.fileOf(JobFiles.NIGHTLY_SYNC), 1,
					"nightly-sync has no steps; enable at least one of " + String.join(", ", built.keySet()))));
		}
		return steps.build();
	}

	/**
	 * The file's steps whose jobs exist, and whose parameters those jobs accept. The schedule runs them, so their
	 * files must lie in the roots an HTTP launch's must.
	 */
	private static List<FlowStep> checked(JobFiles files, Map<String, Job> built, ConfinedFiles confined) {
		List<FileProblem> problems = new ArrayList<>();
		String file = files.fileOf(JobFiles.NIGHTLY_SYNC);
		for (FlowStep step : files.nightlySteps()) {
			Job job = built.get(step.job());
			if (job == null && step.line() > 0) {
				problems.add(new FileProblem(file, step.line(), step.job() + " is not a job of this version yet; remove"
						+ " the step (the flow has " + String.join(", ", built.keySet()) + ")"));
			}
			else if (job != null) {
				step.parameters().forEach((name, value) -> confined.readProblem(name, value)
					.ifPresent(problem -> problems.add(new FileProblem(file, step.line(), problem))));
				try {
					job.getJobParametersValidator().validate(parameters(step, new JobParameters(), 0));
				}
				catch (InvalidJobParametersException ex) {
					problems.add(new FileProblem(file, step.line(), ex.getMessage()));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new JobFileException(problems);
		}
		return files.nightlySteps().stream().filter(step -> built.containsKey(step.job())).toList();
	}

	/** A launch's own parameters: the steps' overrides, checked by the job each names. */
	private static JobParametersValidator validator(List<FlowStep> flow, Map<String, Job> built) {
		return parameters -> {
			for (JobParameter<?> parameter : parameters) {
				String name = parameter.name();
				if (!RunParameters.isSetByContactSync(name) && flow.stream().noneMatch(step -> name.startsWith(step.job() + "."))) {
					throw new InvalidJobParametersException("nightly-sync takes its steps' parameters as <step>.<name>=value,"
							+ " with step one of " + String.join(", ", flow.stream().map(FlowStep::job).toList()) + "; '"
							+ name + "' is not one.");
				}
			}
			for (FlowStep step : flow) {
				built.get(step.job()).getJobParametersValidator().validate(parameters(step, parameters, 0));
			}
		};
	}

	/** A step's job parameters: the file's, then the launch's overrides, and the flow run they belong to. */
	private static JobParameters parameters(FlowStep step, JobParameters launch, long flowRun) {
		JobParametersBuilder builder = new JobParametersBuilder();
		step.parameters().forEach(builder::addString);
		String prefix = step.job() + ".";
		for (JobParameter<?> parameter : launch) {
			if (parameter.name().startsWith(prefix)) {
				builder.addString(parameter.name().substring(prefix.length()), String.valueOf(parameter.value()));
			}
		}
		return builder.addLong(RunParameters.FLOW_RUN_ID, flowRun).toJobParameters();
	}
}
