package io.contactsync.crm;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a tasklet step did so far, by kind ("deleted", "requests", ...), kept in the step's execution context after
 * every call, so that a step resumed after a kill goes on counting from where it stopped and its summary covers the
 * whole step.
 */
final class StepCounts {

	private final String key;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	/** @param key the execution-context key the counts are kept under */
	StepCounts(String key) {
		this.key = key;
	}

	/** Takes up the counts a stopped execution of the step left. */
	@SuppressWarnings("unchecked")
	void restore(StepExecution step) {
		if (step.getExecutionContext().get(key) instanceof Map<?, ?> saved) {
			counts.putAll((Map<String, Long>) saved);
		}
	}

	/** Keeps the counts with the call's commit. */
	void save(ChunkContext chunk) {
		chunk.getStepContext().getStepExecution().getExecutionContext().put(key, new LinkedHashMap<>(counts));
	}

	synchronized void add(String what, long n) {
		counts.merge(what, n, Long::sum);
	}

	long get(String what) {
		return counts.getOrDefault(what, 0L);
	}

	boolean has(String what) {
		return counts.containsKey(what);
	}

	boolean isEmpty() {
		return counts.isEmpty();
	}
}
