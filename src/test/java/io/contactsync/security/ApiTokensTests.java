package io.contactsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTokensTests {

	private final ApiTokens tokens = ApiTokens.of(new ApiTokenProperties("viewer-token-0123456789",
			"operator-token-0123456789", "admin-token-0123456789"));

	@Test
	void findsTheRoleOfEachToken() {
		assertThat(tokens.roleOf("viewer-token-0123456789")).contains(Role.VIEWER);
		assertThat(tokens.roleOf("operator-token-0123456789")).contains(Role.OPERATOR);
		assertThat(tokens.roleOf("admin-token-0123456789")).contains(Role.ADMIN);
	}

	@Test
	void knowsNoTokenThatIsOnlyAlike() {
		assertThat(tokens.roleOf("admin-token-012345678")).isEmpty();
		assertThat(tokens.roleOf("admin-token-01234567890")).isEmpty();
		assertThat(tokens.roleOf("ADMIN-TOKEN-0123456789")).isEmpty();
		assertThat(tokens.roleOf("")).isEmpty();
	}

	@Test
	void givesEachRoleTheAuthoritiesOfTheRolesBelow() {
		assertThat(Role.ADMIN.authorities()).extracting(Object::toString)
			.containsExactly("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN");
		assertThat(Role.VIEWER.authorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER");
	}

	@Test
	void refusesAConfigurationWithoutTokensNamingTheVariables() {
		assertThatThrownBy(() -> ApiTokens.of(new ApiTokenProperties("", null, " ")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("CONTACTSYNC_ADMIN_TOKEN")
			.hasMessageContaining("--spring.profiles.active=dev");
	}

	@Test
	void refusesAShortToken() {
		assertThatThrownBy(() -> ApiTokens.of(new ApiTokenProperties(null, "short", "admin-token-0123456789")))
			.hasMessageStartingWith("CONTACTSYNC_OPERATOR_TOKEN is shorter than 16 characters");
	}

	@Test
	void refusesOneTokenForTwoRoles() {
		assertThatThrownBy(() -> ApiTokens.of(new ApiTokenProperties("same-token-0123456789", null,
				"same-token-0123456789")))
			.hasMessageStartingWith("Two roles share one token");
	}
}
