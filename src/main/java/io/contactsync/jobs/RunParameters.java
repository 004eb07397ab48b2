package io.contactsync.jobs;

import java.util.Set;

/**
 * Job parameters that Contact Sync sets itself, beside the ones a person gives. Every job accepts them; none is
 * meant to be typed.
 */
public final class RunParameters {

	/** Makes each launch a new job instance. */
	public static final String RUN_ID = "run.id";

	/** The nightly-sync instance a job runs inside: a flow's runs never collide with a job's own runs. */
	public static final String FLOW_RUN_ID = "flow.run.id";

	/** The fire time of a scheduled launch: the job repository then runs each fire time once, on any instance. */
	public static final String SCHEDULED_FOR = "scheduled.for";

	public static final Set<String> ALL = Set.of(RUN_ID, FLOW_RUN_ID, SCHEDULED_FOR);

	private RunParameters() {
	}

	public static boolean isSetByContactSync(String name) {
		return ALL.contains(name);
	}
}
