package io.contactsync.web;

import io.contactsync.security.SignInThrottle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The sign-in form; Spring Security's form login takes its POST (see config/WebSecurityConfiguration). */
@Controller
class SignInPageController {

	private static final String VIEW = "sign-in";

	@GetMapping("/sign-in")
	String signIn(@RequestParam(required = false) String error,
			@RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
		model.addAttribute("failed", error != null);
		model.addAttribute("signedOut", signedOut != null);
		return VIEW;
	}

	/**
	 * A POST the sign-in throttle refused: the form login lets those through unchecked, with the seconds to wait
	 * (the filter has set Retry-After). The form again, with 429 and when to try again.
	 */
	@PostMapping("/sign-in")
	ModelAndView refused(@RequestAttribute(SignInThrottle.RETRY_AFTER_SECONDS) long retryAfterSeconds) {
		ModelAndView page = new ModelAndView(VIEW, HttpStatus.TOO_MANY_REQUESTS);
		page.addObject("failed", false);
		page.addObject("signedOut", false);
		page.addObject("retryAfter", retryAfterSeconds);
		return page;
	}
}
