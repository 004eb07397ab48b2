package io.contactsync.web;

import io.contactsync.api.BadRequestException;
import io.contactsync.dedup.DedupNotFoundException;
import io.contactsync.jobs.ExecutionNotFoundException;
import io.contactsync.jobs.ExecutionStateException;
import io.contactsync.jobs.JobAlreadyRunningException;
import io.contactsync.jobs.JobUsageException;
import io.contactsync.jobs.UnknownJobException;
import io.contactsync.retention.ErasureNotFoundException;
import io.contactsync.store.ConflictException;
import io.contactsync.store.ContactNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every dashboard page has: who is signed in, and errors as a page with a message a person can act on
 * (before the API's problem+json handler, which would otherwise answer for these controllers too).
 */
@ControllerAdvice(basePackageClasses = WebPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebPages {

	static final String ERROR_VIEW = "error-page";

	private static final Logger log = LoggerFactory.getLogger(WebPages.class);

	@ModelAttribute("user")
	SignedIn user(Authentication authentication) {
		return SignedIn.of(authentication);
	}

	@ExceptionHandler({ ContactNotFoundException.class, DedupNotFoundException.class, ErasureNotFoundException.class,
			ExecutionNotFoundException.class, UnknownJobException.class, NotFound.class })
	String notFound(RuntimeException ex, Model model, HttpServletResponse response) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage(), model, response);
	}

	@ExceptionHandler({ ConflictException.class, ExecutionStateException.class, JobAlreadyRunningException.class })
	String conflict(RuntimeException ex, Model model, HttpServletResponse response) {
		return error(HttpStatus.CONFLICT, ex.getMessage(), model, response);
	}

	@ExceptionHandler({ BadRequestException.class, JobUsageException.class, BadRequest.class })
	String badRequest(RuntimeException ex, Model model, HttpServletResponse response) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage(), model, response);
	}

	/** The message of an unexpected failure may hold data: the log gets the type, the page a general word. */
	@ExceptionHandler
	String unexpected(RuntimeException ex, Model model, HttpServletResponse response) {
		log.error("Page failed with {}", ex.getClass().getName(), ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on the server; the service log has the details.",
				model, response);
	}

	private static String error(HttpStatus status, String message, Model model, HttpServletResponse response) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("title", status.getReasonPhrase());
		model.addAttribute("message", message);
		model.addAttribute("user", SignedIn.of(SecurityContextHolder.getContext().getAuthentication()));
		return ERROR_VIEW;
	}

	/** A page asked for something that does not exist, e.g. a conversation id. */
	/** A page's query the dashboard cannot read, with what it takes. */
	static class BadRequest extends RuntimeException {

		BadRequest(String message) {
			super(message);
		}
	}

	static class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message);
		}
	}
}
