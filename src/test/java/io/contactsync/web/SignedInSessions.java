package io.contactsync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.contactsync.support.Tokens;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Signs in through the dashboard's own form, as a person does, and hands back the session. */
public final class SignedInSessions {

	private SignedInSessions() {
	}

	public static MockHttpSession signIn(MockMvc mvc, Tokens token) throws Exception {
		MvcResult result = mvc.perform(post("/sign-in").param("token", token.value()).with(csrf())).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).as("sign-in as %s", token).isEqualTo("/contacts");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
