package io.contactsync.api;

import io.contactsync.dedup.DedupNotFoundException;
import io.contactsync.jobs.ExecutionNotFoundException;
import io.contactsync.jobs.ExecutionStateException;
import io.contactsync.jobs.JobUsageException;
import io.contactsync.jobs.LaunchFailures;
import io.contactsync.jobs.UnknownJobException;
import io.contactsync.retention.ErasureNotFoundException;
import io.contactsync.store.ConflictException;
import io.contactsync.store.ContactNotFoundException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Which problem answers which failure, for the controllers (through {@link ApiExceptionHandler}) and for the HTTP
 * trigger (through its error channel) alike, so that a client gets the same answer whichever of them serves a
 * path. The failure that decides is the innermost cause, as wherever a launch fails: the launch channel and
 * Spring Batch wrap it, and the outer ones only say where it happened.
 */
final class ApiProblems {

	private ApiProblems() {
	}

	/**
	 * The problem for {@code failure}, its detail the cause's message, which these failures write for the caller;
	 * a failure not listed here is answered 500 with {@code unexpected}, as its message may hold data.
	 */
	static ProblemDetail of(Throwable failure, String unexpected) {
		Throwable cause = LaunchFailures.rootCause(failure);
		HttpStatus status = status(cause);
		if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
			return ProblemDetail.forStatusAndDetail(status, unexpected);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, cause.getMessage());
		if (cause instanceof ContactNotFoundException notFound && notFound.mergedInto() != null) {
			problem.setProperty("merged_into", notFound.mergedInto());
		}
		return problem;
	}

	private static HttpStatus status(Throwable cause) {
		// Before JobUsageException, which an unknown job is a kind of.
		if (cause instanceof UnknownJobException || cause instanceof ExecutionNotFoundException
				|| cause instanceof ContactNotFoundException || cause instanceof ErasureNotFoundException
				|| cause instanceof DedupNotFoundException) {
			return HttpStatus.NOT_FOUND;
		}
		if (cause instanceof JobUsageException || cause instanceof BadRequestException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (LaunchFailures.isAlreadyRunning(cause) || cause instanceof JobInstanceAlreadyCompleteException
				|| cause instanceof ExecutionStateException || cause instanceof ConflictException) {
			return HttpStatus.CONFLICT;
		}
		if (cause instanceof PreconditionRequiredException) {
			return HttpStatus.PRECONDITION_REQUIRED;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}
}
