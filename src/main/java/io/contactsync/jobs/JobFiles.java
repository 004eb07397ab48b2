package io.contactsync.jobs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.contactsync.policy.FileProblem;
import io.contactsync.policy.YamlNodes;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The files under {@code contactsync.jobs-directory}: each job's schedule ({@code schedule:} in
 * {@code jobs/<job>.yml}) and the steps of nightly-sync. Read once at start-up; a problem in any file stops the
 * start with every problem, file and line. The rest of a job's file (dedup rules, scoring rules, ...) is its own
 * job's to read.
 */
public class JobFiles {

	public static final String NIGHTLY_SYNC = "nightly-sync";

	/** The pipeline's order (design.md); nightly-sync.yml picks from these, in this order. */
	public static final List<String> FLOW_ORDER = List.of("capture-import", "dedup", "lead-scoring", "retention",
			"crm-push");

	private static final List<String> SCHEDULE_KEYS = List.of("cron", "time-zone", "enabled");

	private static final List<String> NIGHTLY_KEYS = List.of("schedule", "steps");

	private static final List<String> STEP_KEYS = List.of("parameters", "enabled");

	private static final String README = "jobs/README.md";

	private final Map<String, JobSchedule> schedules = new LinkedHashMap<>();

	private final List<FlowStep> nightlySteps = new ArrayList<>();

	private final Path directory;

	public JobFiles(Path directory, ZoneId defaultZone) {
		this.directory = directory;
		List<FileProblem> problems = new ArrayList<>();
		schedules.put(NIGHTLY_SYNC, new JobSchedule(NIGHTLY_SYNC, null, JobSchedule.NIGHTLY_CRON, defaultZone));
		boolean nightlyFile = false;
		for (Path file : files(directory)) {
			String job = jobName(file);
			nightlyFile |= job.equals(NIGHTLY_SYNC);
			Reading reading = new Reading(file.toString(), job, defaultZone);
			reading.read(file);
			problems.addAll(reading.nodes.problems());
		}
		if (!nightlyFile) {
			FLOW_ORDER.forEach(job -> nightlySteps.add(new FlowStep(job, Map.of(), 0)));
		}
		if (!problems.isEmpty()) {
			throw new JobFileException(problems);
		}
	}

	/** Every job that runs on a schedule, by name. */
	public List<JobSchedule> schedules() {
		return List.copyOf(schedules.values());
	}

	public Optional<JobSchedule> schedule(String job) {
		return Optional.ofNullable(schedules.get(job));
	}

	/** nightly-sync's steps in the order they run; every flow job when there is no nightly-sync.yml. */
	public List<FlowStep> nightlySteps() {
		return List.copyOf(nightlySteps);
	}

	/** The file that configures a job, as people name it, e.g. {@code jobs/nightly-sync.yml}. */
	public String fileOf(String job) {
		return directory.resolve(job + ".yml").toString();
	}

	private static List<Path> files(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".yml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list " + directory, ex);
		}
	}

	private static String jobName(Path file) {
		String name = file.getFileName().toString();
		return name.substring(0, name.length() - ".yml".length());
	}

	/** One file being read; its problems then join those of the others. */
	private final class Reading {

		private final String file;

		private final String job;

		private final ZoneId defaultZone;

		private final YamlNodes nodes;

		Reading(String file, String job, ZoneId defaultZone) {
			this.file = file;
			this.job = job;
			this.defaultZone = defaultZone;
			this.nodes = new YamlNodes(file, README);
		}

		void read(Path path) {
			Node root;
			try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
				root = nodes.compose(reader);
			}
			catch (IOException ex) {
				add(1, "cannot be read (" + ex.getClass().getSimpleName() + "); check that it is a readable UTF-8 file");
				return;
			}
			if (root == null || Tag.NULL.equals(root.getTag())) {
				return;
			}
			if (!(root instanceof MappingNode map)) {
				nodes.add(root, "a job file is a set of keys (schedule, ...), not a list or a single value; see " + README);
				return;
			}
			Map<String, Node> top = job.equals(NIGHTLY_SYNC) ? nodes.keys(map, NIGHTLY_KEYS, "") : scheduleOnly(map);
			if (top.containsKey("schedule")) {
				schedule(top.get("schedule"));
			}
			if (job.equals(NIGHTLY_SYNC)) {
				steps(top.get("steps"), root);
			}
		}

		/** Other keys of a job's file belong to that job's own reader. */
		private Map<String, Node> scheduleOnly(MappingNode map) {
			Map<String, Node> keys = new LinkedHashMap<>();
			for (NodeTuple tuple : map.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("schedule")) {
					keys.put("schedule", tuple.getValueNode());
				}
			}
			return keys;
		}

		private void schedule(Node node) {
			if (!(node instanceof MappingNode map)) {
				nodes.add(node, "schedule is a set of keys: cron, time-zone and enabled, e.g. schedule: {cron: \""
						+ JobSchedule.NIGHTLY_CRON + "\", time-zone: Europe/Berlin}");
				return;
			}
			Map<String, Node> keys = nodes.keys(map, SCHEDULE_KEYS, "schedule.");
			if (!nodes.flag(keys.get("enabled"), "schedule.enabled", true)) {
				schedules.remove(job);
				return;
			}
			String cron = keys.containsKey("cron") ? cron(keys.get("cron")) : defaultCron(node);
			ZoneId zone = keys.containsKey("time-zone") ? zone(keys.get("time-zone")) : defaultZone;
			if (cron != null && zone != null) {
				schedules.put(job, new JobSchedule(job, file, cron, zone));
			}
		}

		private String defaultCron(Node schedule) {
			if (job.equals(NIGHTLY_SYNC)) {
				return JobSchedule.NIGHTLY_CRON;
			}
			nodes.add(schedule, "schedule needs a cron, e.g. cron: \"0 30 1 * * *\" for 01:30 every day");
			return null;
		}

		private String cron(Node node) {
			String cron = nodes.text(node, "schedule.cron");
			if (cron == null) {
				return null;
			}
			try {
				CronExpression.parse(cron);
				return cron;
			}
			catch (IllegalArgumentException ex) {
				nodes.add(node, "cron '" + cron + "' is not valid (" + ex.getMessage() + "); write six fields,"
						+ " second minute hour day-of-month month day-of-week, e.g. \"0 0 2 * * *\" for 02:00 every day");
				return null;
			}
		}

		private ZoneId zone(Node node) {
			String zone = nodes.text(node, "schedule.time-zone");
			if (zone == null) {
				return null;
			}
			try {
				return ZoneId.of(zone);
			}
			catch (DateTimeException ex) {
				nodes.add(node, "time-zone '" + zone + "' is not a time zone; write a region such as Europe/Berlin,"
						+ " America/New_York or UTC");
				return null;
			}
		}

		private void steps(Node node, Node root) {
			if (node == null) {
				nodes.add(root, "nightly-sync.yml needs steps: the jobs the flow runs, e.g. steps: {capture-import: {},"
						+ " crm-push: {}}");
				return;
			}
			if (!(node instanceof MappingNode map)) {
				nodes.add(node, "steps is a set of jobs, each with its parameters, e.g. crm-push: {parameters: {target:"
						+ " hubspot}}");
				return;
			}
			Map<String, Node> steps = nodes.keys(map, FLOW_ORDER, "steps.");
			List<String> written = List.copyOf(steps.keySet());
			if (!written.equals(FLOW_ORDER.stream().filter(written::contains).toList())) {
				nodes.add(node, "steps run in the pipeline's order, " + String.join(" → ", FLOW_ORDER)
						+ "; write them in that order so the file reads as the flow runs");
			}
			steps.forEach(this::step);
		}

		private void step(String stepJob, Node node) {
			if (node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
				nightlySteps.add(new FlowStep(stepJob, Map.of(), YamlNodes.line(node)));
				return;
			}
			if (!(node instanceof MappingNode map)) {
				nodes.add(node, stepJob + " takes parameters and enabled, e.g. " + stepJob + ": {parameters: {}}");
				return;
			}
			Map<String, Node> keys = nodes.keys(map, STEP_KEYS, "steps." + stepJob + ".");
			if (nodes.flag(keys.get("enabled"), "steps." + stepJob + ".enabled", true)) {
				nightlySteps.add(new FlowStep(stepJob, parameters(keys.get("parameters"), stepJob), YamlNodes.line(node)));
			}
		}

		private Map<String, String> parameters(Node node, String stepJob) {
			Map<String, String> parameters = new LinkedHashMap<>();
			if (node == null || node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
				return parameters;
			}
			if (!(node instanceof MappingNode map)) {
				nodes.add(node, "parameters are name: value pairs, e.g. parameters: {target: hubspot}");
				return parameters;
			}
			for (NodeTuple tuple : map.getValue()) {
				String name = nodes.text(tuple.getKeyNode(), "a parameter name");
				String value = nodes.text(tuple.getValueNode(), stepJob + " parameter " + name);
				if (name != null && value != null) {
					parameters.put(name, value);
				}
			}
			return parameters;
		}

		private void add(int line, String message) {
			nodes.add(line, message);
		}
	}
}
