package io.contactsync.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is signed in and what the pages may offer them. The server refuses anything above the role anyway; this
 * only keeps controls a role may not use off its pages.
 */
record SignedIn(String role, boolean canOperate, boolean canAdmin) {

	static SignedIn of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return new SignedIn(null, false, false);
		}
		return new SignedIn(authentication.getName(), has(authentication, "ROLE_OPERATOR"),
				has(authentication, "ROLE_ADMIN"));
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
	}
}
