package io.contactsync.api;

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
 * Every error as {@code application/problem+json} with a detail a caller can act on, the status from
 * {@link ApiProblems}. Spring's own exceptions (bad JSON, a wrong type in the path, an unknown route) come through
 * the base class.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body is missing or is not valid JSON; send a JSON object with Content-Type: application/json.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Every other failure, by the table the HTTP trigger answers by too. The message of an unexpected failure may
	 * hold data; it goes to the log by type only, never to the caller.
	 */
	@ExceptionHandler
	ProblemDetail failure(RuntimeException ex) {
		ProblemDetail problem = ApiProblems.of(ex, "The request failed on the server; the service log has the details.");
		if (problem.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			log.error("Request failed with {}", ex.getClass().getName(), ex);
		}
		return problem;
	}
}
