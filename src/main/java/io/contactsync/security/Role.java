package io.contactsync.security;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a token may do. Each role includes the ones before it. */
public enum Role {

	VIEWER, OPERATOR, ADMIN;

	/** The role's own authority and those of every lower role, so that checks name only the minimum role. */
	List<GrantedAuthority> authorities() {
		return List.of(values()).subList(0, ordinal() + 1).stream()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
	}
}
