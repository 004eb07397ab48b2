package io.contactsync.jobs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request on the wire: {@code <step name> <step execution id>}, plain text rather than a serialised Java
 * object, so that a message on the queue, whoever put it there, can name at most a partitioned step this worker has
 * and an execution the job repository holds.
 */
final class PartitionRequestText {

	private static final Pattern FORMAT = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,99}) ([0-9]{1,18})");

	private PartitionRequestText() {
	}

	static String write(StepExecutionRequest request) {
		return request.getStepName() + " " + request.getStepExecutionId();
	}

	static StepExecutionRequest read(String text, PartitionedSteps steps) {
		Matcher request = FORMAT.matcher(text);
		if (!request.matches() || !steps.getStepNames().contains(request.group(1))) {
			throw new IllegalArgumentException("Not a partition request of this application: "
					+ text.substring(0, Math.min(text.length(), 120)).replaceAll("\\P{Print}", "?"));
		}
		return new StepExecutionRequest(request.group(1), Long.parseLong(request.group(2)));
	}
}
