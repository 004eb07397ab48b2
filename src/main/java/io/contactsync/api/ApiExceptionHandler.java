package io.contactsync.api;

import io.contactsync.dedup.DedupNotFoundException;
import io.contactsync.jobs.ExecutionNotFoundException;
import io.contactsync.jobs.ExecutionStateException;
import io.contactsync.jobs.JobAlreadyRunningException;
import io.contactsync.jobs.UnknownJobException;
import io.contactsync.retention.ErasureNotFoundException;
import io.contactsync.store.ConflictException;
import io.contactsync.store.ContactNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} with a detail a caller can act on. Spring's own
 * exceptions (bad JSON, a wrong type in the path, an unknown route) come through the base class.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler
	ProblemDetail contactNotFound(ContactNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		if (ex.mergedInto() != null) {
			problem.setProperty("merged_into", ex.mergedInto());
		}
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(ConflictException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badRequest(BadRequestException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler({ ErasureNotFoundException.class, DedupNotFoundException.class, UnknownJobException.class,
			ExecutionNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ ExecutionStateException.class, JobAlreadyRunningException.class })
	ProblemDetail jobConflict(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail preconditionRequired(PreconditionRequiredException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_REQUIRED, ex.getMessage());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body is missing or is not valid JSON; send a JSON object with Content-Type: application/json.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** The message of an unexpected failure may hold data; it goes to the log by type only, never to the caller. */
	@ExceptionHandler
	ProblemDetail unexpected(RuntimeException ex) {
		log.error("Request failed with {}", ex.getClass().getName(), ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed on the server; the service log has the details.");
	}
}
