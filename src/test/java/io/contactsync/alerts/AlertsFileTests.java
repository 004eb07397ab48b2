package io.contactsync.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.contactsync.alerts.AlertRules.Destination;
import io.contactsync.alerts.AlertRules.Kind;
import io.contactsync.jobs.JobFileException;
import io.contactsync.policy.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/**
 * jobs/alerts.yml as the data team writes it, and what a bad one does at start-up: the start stops, naming the
 * file, the line and the fix; a URL written in place of a variable's name is refused without being repeated.
 */
class AlertsFileTests {

	@TempDir
	Path jobs;

	/** Just the policy files and the alert rules: what start-up reads from jobs/alerts.yml. */
	private final ApplicationContextRunner startUp = new ApplicationContextRunner()
		.withUserConfiguration(PolicyFiles.class, AlertsFileConfiguration.class);

	@Test
	void theShippedFileHasBothDestinationsAndEveryRuleOn() throws IOException {
		AlertRules rules = new AlertsFileReader("jobs/alerts.yml")
			.read(new StringReader(Files.readString(Path.of("jobs/alerts.yml"))));

		assertThat(rules.destinations()).containsExactly(
				new Destination("ops-slack", Kind.SLACK, "CONTACTSYNC_SLACK_WEBHOOK_URL", null),
				new Destination("ops-webhook", Kind.WEBHOOK, "CONTACTSYNC_ALERT_WEBHOOK_URL",
						"CONTACTSYNC_ALERT_WEBHOOK_SECRET"));
		assertThat(rules.runFailed().enabled()).isTrue();
		assertThat(rules.failedShare()).isEqualTo(new AlertRules.FailedShare(true, 0.2, 20));
		assertThat(rules.missedRun()).isEqualTo(new AlertRules.MissedRun(true, Duration.ofMinutes(30)));
		assertThat(rules.slowRun()).isEqualTo(new AlertRules.SlowRun(true, 2, 10, 5, Duration.ofMinutes(1)));
	}

	@Test
	void aBadFileStopsTheStartNamingTheFileTheLineAndTheFix() throws IOException {
		Files.writeString(jobs.resolve("alerts.yml"), """
				destinations:
				  - name: ops-slack
				    type: slack
				    url-env: https://hooks.slack.com/services/T000/B000/secretpart
				  - name: pager
				    type: webhook
				    url-env: PAGER_URL
				rules:
				  run-failed: {enabled: true}
				  failed-share: {enabled: true, threshold: 1.5, min-records: 20}
				  missed-run: {enabled: yes, grace-minutes: 30}
				  slow-run: {enabled: true, factor: 2, history: 3, min-history: 5, min-minutes: 1}
				""");
		String file = jobs.resolve("alerts.yml").toString();

		startUp.withPropertyValues("contactsync.jobs-directory=" + jobs).run(context -> {
			assertThat(context).hasFailed();
			String message = rootMessage(context.getStartupFailure());
			assertThat(message).startsWith("Job files have 5 problems; fix them and start again:").contains(
					file + ":4: url-env names an environment variable (upper-case letters, digits and _), e.g. url-env:"
							+ " CONTACTSYNC_SLACK_WEBHOOK_URL; put the URL itself in that variable, never in this file",
					file + ":5: a webhook destination needs secret-env: the environment variable with the secret its"
							+ " requests are signed with, e.g. secret-env: CONTACTSYNC_ALERT_WEBHOOK_SECRET",
					file + ":10: rules.failed-share.threshold must be more than 0 and less than 1, not 1.5",
					file + ":11: rules.missed-run.enabled must be true or false, not 'yes'",
					file + ":12: rules.slow-run.min-history (5) cannot be more than history (3), the runs it looks at");
			assertThat(message).doesNotContain("hooks.slack.com", "secretpart");
		});
	}

	@Test
	void aMissingRuleIsNamedWithTheSectionThatLacksIt() {
		startUp.withPropertyValues("contactsync.jobs-directory=" + jobs).run(context -> {
			// No alerts.yml in the directory: the jar's shipped copy applies, as for the other policies.
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AlertRules.class).destinations()).hasSize(2);
		});
		AlertsFileReader reader = new AlertsFileReader("jobs/alerts.yml");
		try {
			reader.read(new StringReader("destinations: []\nrules:\n  run-failed: {enabled: true}\n"));
			throw new AssertionError("read a file without three of its rules");
		}
		catch (JobFileException ex) {
			assertThat(ex.problems()).extracting(Object::toString).contains(
					"jobs/alerts.yml:3: failed-share is missing here; add it (the shipped jobs/alerts.yml has every"
							+ " key with its default)");
		}
	}

	@Test
	void aDestinationIsOffUntilItsVariablesAreSetAndPlainHttpOnlyGoesToLocalhost() {
		AlertRules rules = new AlertsFileReader("alerts.yml").read(new StringReader("""
				destinations:
				  - {name: hook, type: webhook, url-env: HOOK_URL, secret-env: HOOK_SECRET}
				rules:
				  run-failed: {enabled: true}
				  failed-share: {enabled: false, threshold: 0.2, min-records: 1}
				  missed-run: {enabled: false, grace-minutes: 30}
				  slow-run: {enabled: false, factor: 2, history: 10, min-history: 5, min-minutes: 1}
				"""));
		AlertsProperties defaults = new AlertsProperties(URI.create("http://localhost:8080"), false,
				Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
				new AlertsProperties.Retry(5, Duration.ofSeconds(2), Duration.ofMinutes(1)), 100, Duration.ofSeconds(15));
		MockEnvironment environment = new MockEnvironment();

		assertThat(new AlertDestinations(rules, environment, defaults).ready()).isEmpty();
		environment.setProperty("HOOK_URL", "https://alerts.example.com/contact-sync");
		assertThat(new AlertDestinations(rules, environment, defaults).ready()).as("no secret yet").isEmpty();
		environment.setProperty("HOOK_SECRET", "s3cret-s3cret");
		assertThat(new AlertDestinations(rules, environment, defaults).ready()).singleElement()
			.satisfies(ready -> assertThat(ready.url()).hasToString("https://alerts.example.com/contact-sync"));
		environment.setProperty("HOOK_URL", "http://alerts.example.com/contact-sync");
		assertThat(new AlertDestinations(rules, environment, defaults).ready()).as("plain http elsewhere").isEmpty();
		environment.setProperty("HOOK_URL", "http://localhost:9000/hook");
		assertThat(new AlertDestinations(rules, environment, defaults).ready()).hasSize(1);
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}
}
