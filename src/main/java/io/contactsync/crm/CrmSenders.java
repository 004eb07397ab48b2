package io.contactsync.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.contactsync.config.OwnerOnlyFiles;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads that send CRM requests, one pool per process: every partition of a push and the delete step share
 * them, so {@code contactsync.crm.concurrency} is the number of requests this process has in flight at once (each
 * mapping's rate limit, {@link SharedRateLimits}, holds for all instances together).
 */
@Component
class CrmSenders implements DisposableBean {

	private final ExecutorService threads;

	CrmSenders(CrmProperties properties) {
		this.threads = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
			Thread thread = new Thread(runnable, "crm-sender");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Runs a connector call on a sender thread; the connector takes the rate limit for each request it sends. */
	<T> Future<T> submit(Callable<T> requests) {
		return threads.submit(requests);
	}

	/**
	 * In a dry run the requests go to the report instead, one JSON line each ({@code kind} is {@code body}
	 * for an upsert, {@code delete} for a delete): one writer for every range of the push, so that no two
	 * lines run into each other.
	 */
	void writeDryRun(Path report, CrmMapping mapping, String kind, String request) {
		appendLine(report, "{\"target\":\"" + mapping.name() + "\",\"" + kind + "\":" + request + "}");
	}

	/** One line onto a run's report, whole: every range of the push writes through here. */
	synchronized void appendLine(Path report, String line) {
		try {
			OwnerOnlyFiles.append(report, line + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the report " + report, ex);
		}
	}

	@Override
	public void destroy() {
		threads.shutdownNow();
	}
}
