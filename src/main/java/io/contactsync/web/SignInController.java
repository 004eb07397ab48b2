package io.contactsync.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security's form login takes its POST (see config/WebSecurityConfiguration). */
@Controller
class SignInController {

	@GetMapping("/sign-in")
	String signIn(@RequestParam(required = false) String error,
			@RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
		model.addAttribute("failed", error != null);
		model.addAttribute("signedOut", signedOut != null);
		return "sign-in";
	}
}
