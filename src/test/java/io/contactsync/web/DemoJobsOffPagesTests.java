package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.support.ContactSyncTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The jobs page as outside the dev profile, where the demo jobs cannot be launched over HTTP: it lists every other
 * job and none of them. The demo jobs are found as the demo module's own job beans, so one added there and not
 * to the list the dashboard hides shows up here. A context of its own, on a database of its own and with no
 * schedule firing beside the shared one: every other test runs with the demo jobs on.
 */
@ContactSyncTest
@TestPropertySource(properties = { "contactsync.demo-jobs.enabled=false",
		"contactsync.embedded-database.data-directory=target/test-postgres-demo-jobs-off",
		"contactsync.scheduler.enabled=false" })
class DemoJobsOffPagesTests {

	private static final String DEMO_MODULE = "io.contactsync.demo";

	@Autowired
	MockMvc mvc;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theJobsPageListsEveryJobButTheDemoModules() throws Exception {
		Set<String> demo = jobNames(true);
		assertThat(demo).contains("generate", "generate-captures", "copy-baseline", "dedup-sample", "dedup-evaluate");

		MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
		String page = mvc.perform(get("/jobs").session(operator)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		List<String> listed = ContactPagesTests.rows(page, "jobs").stream().map(row -> row.get(0)).toList();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(jobNames(false)).doesNotContainAnyElementsOf(demo);
	}

	@Test
	void aDemoJobsPageAndLaunchAreUnknownToTheDashboard() throws Exception {
		MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
		for (String job : jobNames(true)) {
			mvc.perform(get("/jobs/" + job).session(operator)).andExpect(status().isNotFound());
			mvc.perform(post("/jobs/" + job + "/launch").session(operator).with(csrf()))
				.andExpect(status().isNotFound());
		}
	}

	/** The names of the jobs the demo module declares, or of all the others. */
	private Set<String> jobNames(boolean demo) {
		return Arrays.stream(context.getBeanNamesForType(Job.class))
			.filter(bean -> declaredIn(bean).startsWith(DEMO_MODULE + ".") == demo)
			.map(bean -> context.getBean(bean, Job.class).getName())
			.collect(Collectors.toSet());
	}

	/** The class whose @Bean method made the bean, else the bean's own class. */
	private String declaredIn(String bean) {
		BeanDefinition definition = context.getBeanFactory().getBeanDefinition(bean);
		if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
			return annotated.getFactoryMethodMetadata().getDeclaringClassName();
		}
		return definition.getBeanClassName();
	}
}
