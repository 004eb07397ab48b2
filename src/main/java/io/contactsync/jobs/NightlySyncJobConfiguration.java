package io.contactsync.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.policy.FileProblem;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.JobFlowBuilder;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * nightly-sync: the pipeline of design.md as one job, capture-import → dedup → lead-scoring → retention →
 * crm-push, each step running that job (a {@code JobStep}) with the parameters jobs/nightly-sync.yml gives it. A
 * failing step stops the pipeline, but not the night: what must not wait for it still runs, retention's due
 * erasures ({@code retention-erasures}) and crm-push's deletion of purged contacts ({@code crm-push-deletions}),
 * and the flow then ends FAILED naming the step that failed and why. A restart resumes at the failed step, which
 * restarts its job where it stopped, and goes on through the rest of the pipeline. A job that is not built yet is
 * not in the flow; a step in the file that names one is an error.
 * <p>
 * At launch a step's parameter can be overridden as {@code <job>.<name>=value}, e.g.
 * {@code capture-import.input=samples}, and {@code asOf} sets the moment the jobs that take it work as of.
 */
@Configuration(proxyBeanMethods = false)
class NightlySyncJobConfiguration {

	/**
	 * The work of a step that must not wait for the steps before it, with the parameters that limit its job to it:
	 * due GDPR erasures are purged, and purged contacts deleted from the CRMs, even on a night whose import failed.
	 */
	private static final Map<String, Map<String, String>> ESSENTIAL = Map.of("retention", Map.of("only", "erasures"),
			"crm-push", Map.of("only", "deletions"));

	/**
	 * The jobs that work as of a moment. The flow's own {@code asOf} goes to each of them, so one parameter replays a
	 * whole night on an earlier day, e.g. the samples' (a step's {@code <job>.asOf} still wins).
	 */
	private static final Set<String> WORK_AS_OF = Set.of("lead-scoring", "retention");

	@Bean
	Job nightlySyncJob(JobRepository jobRepository, JobOperator jobOperator, JobFiles files, JobRunLock runLock,
			JdbcClient jdbc, ConfinedFiles confined, Job captureImportJob, Job dedupJob, Job leadScoringJob,
			Job retentionJob, Job crmPushJob) {
		Map<String, Job> built = new LinkedHashMap<>();
		for (Job job : List.of(captureImportJob, dedupJob, leadScoringJob, retentionJob, crmPushJob)) {
			built.put(job.getName(), job);
		}
		List<FlowStep> flow = checked(files, built, confined);
		if (flow.isEmpty()) {
			throw new JobFileException(List.of(new FileProblem(files.fileOf(JobFiles.NIGHTLY_SYNC), 1,
					"nightly-sync has no steps; enable at least one of " + String.join(", ", built.keySet()))));
		}
		List<Step> steps = flow.stream().map(step -> step(jobRepository, jobOperator, runLock, built, step, step.job()))
			.toList();
		List<Step> essentials = new ArrayList<>();
		for (FlowStep step : flow) {
			if (ESSENTIAL.containsKey(step.job())) {
				FlowStep limited = new FlowStep(step.job(), withEssential(step), step.line());
				essentials.add(step(jobRepository, jobOperator, runLock, built, limited, essentialName(step.job())));
			}
		}
		JobFlowBuilder builder = new JobBuilder(JobFiles.NIGHTLY_SYNC, jobRepository).validator(validator(flow, built))
			.listener(new FlowFailureReport(jdbc, jobRepository, essentials.stream().map(Step::getName).collect(Collectors.toSet())))
			.flow(steps.get(0));
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			builder.from(step).on("STOPPED").stop();
			List<Step> rescue = essentialsAfter(flow, i, essentials);
			if (rescue.isEmpty()) {
				builder.from(step).on("FAILED").fail();
			}
			else {
				builder.from(step).on("FAILED").to(rescue.get(0));
			}
			if (i + 1 < steps.size()) {
				builder.from(step).on("*").to(steps.get(i + 1));
			}
			else {
				builder.from(step).on("*").end();
			}
		}
		for (int i = 0; i < essentials.size(); i++) {
			if (i + 1 < essentials.size()) {
				builder.from(essentials.get(i)).on("*").to(essentials.get(i + 1));
			}
			else {
				builder.from(essentials.get(i)).on("*").fail();
			}
		}
		return builder.end().build();
	}

	private static Step step(JobRepository jobRepository, JobOperator jobOperator, JobRunLock runLock,
			Map<String, Job> built, FlowStep flowStep, String name) {
		return new StepBuilder(name, jobRepository).job(built.get(flowStep.job()))
			.operator(jobOperator)
			.parametersExtractor((job, stepExecution) -> parameters(flowStep, stepExecution.getJobExecution()
				.getJobParameters(), stepExecution.getJobExecution().getJobInstance().getInstanceId()))
			.listener(new FlowStepLock(runLock, flowStep.job()))
			.build();
	}

	/** e.g. "retention-erasures": the step that runs only the essential part of a job. */
	static String essentialName(String job) {
		return job + "-" + ESSENTIAL.get(job).get("only");
	}

	private static Map<String, String> withEssential(FlowStep step) {
		Map<String, String> parameters = new LinkedHashMap<>(step.parameters());
		parameters.putAll(ESSENTIAL.get(step.job()));
		return parameters;
	}

	/** The essential steps of the jobs after the {@code failed}-th: what still runs when it fails. */
	private static List<Step> essentialsAfter(List<FlowStep> flow, int failed, List<Step> essentials) {
		List<String> later = flow.subList(failed + 1, flow.size()).stream().map(FlowStep::job)
			.filter(ESSENTIAL::containsKey).map(NightlySyncJobConfiguration::essentialName).toList();
		return essentials.stream().filter(step -> later.contains(step.getName())).toList();
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
				if (!RunParameters.isSetByContactSync(name) && !name.equals(AsOfFirstStart.PARAMETER)
						&& flow.stream().noneMatch(step -> name.startsWith(step.job() + "."))) {
					throw new InvalidJobParametersException("nightly-sync takes asOf=<date or instant> for "
							+ String.join(" and ", WORK_AS_OF.stream().sorted().toList()) + ", and its steps' parameters as"
							+ " <step>.<name>=value, with step one of "
							+ String.join(", ", flow.stream().map(FlowStep::job).toList()) + "; '" + name + "' is not one.");
				}
			}
			for (FlowStep step : flow) {
				built.get(step.job()).getJobParametersValidator().validate(parameters(step, parameters, 0));
			}
		};
	}

	/**
	 * A step's job parameters: the file's, the flow's {@code asOf} where the job takes it, then the launch's
	 * overrides, and the flow run they belong to.
	 */
	private static JobParameters parameters(FlowStep step, JobParameters launch, long flowRun) {
		JobParametersBuilder builder = new JobParametersBuilder();
		step.parameters().forEach(builder::addString);
		String asOf = launch.getString(AsOfFirstStart.PARAMETER);
		if (asOf != null && WORK_AS_OF.contains(step.job())) {
			builder.addString(AsOfFirstStart.PARAMETER, asOf);
		}
		String prefix = step.job() + ".";
		for (JobParameter<?> parameter : launch) {
			if (parameter.name().startsWith(prefix)) {
				builder.addString(parameter.name().substring(prefix.length()), String.valueOf(parameter.value()));
			}
		}
		return builder.addLong(RunParameters.FLOW_RUN_ID, flowRun).toJobParameters();
	}
}
