package io.contactsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import io.contactsync.crm.CrmProperties;
import io.contactsync.dedup.DedupProperties;
import io.contactsync.jobs.JobPlatformProperties;
import io.contactsync.policy.PolicyFilesProperties;
import io.contactsync.store.PhoneProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The typed settings, bound as at start-up but without the database or the web server: the defaults are the ones
 * the README's configuration table documents, and a bad value stops the start with a message that names it.
 */
class SettingsTests {

	/** No application.yml here: what binds is the records' own defaults. */
	private final ApplicationContextRunner settings = new ApplicationContextRunner()
		.withUserConfiguration(ClockConfiguration.class, FeatureSettings.class);

	@Test
	void defaultsAreTheDocumentedOnes() {
		settings.run(context -> {
			assertThat(context.getBean(ZoneId.class)).isEqualTo(ZoneId.of("UTC"));
			assertThat(context.getBean(PolicyFilesProperties.class))
				.isEqualTo(new PolicyFilesProperties(Path.of("jobs"), Path.of("mappings")));
			assertThat(context.getBean(JobPlatformProperties.class)).isEqualTo(
					new JobPlatformProperties(Path.of("data/reports"), Duration.ofSeconds(10), Duration.ofSeconds(25)));
			assertThat(context.getBean(CrmProperties.class)).isEqualTo(new CrmProperties(8, 4, Duration.ofSeconds(3),
					new CrmProperties.Retry(6, Duration.ofSeconds(1), Duration.ofSeconds(60))));
			assertThat(context.getBean(DedupProperties.class))
				.isEqualTo(new DedupProperties(Path.of("jobs/dedup.yml"), 2));
			assertThat(context.getBean(PhoneProperties.class)).isEqualTo(new PhoneProperties("US"));
		});
	}

	@Test
	void theZoneBeanIsTheConfiguredZone() {
		settings.withPropertyValues("contactsync.time-zone=Europe/Berlin")
			.run(context -> assertThat(context.getBean(ZoneId.class)).isEqualTo(ZoneId.of("Europe/Berlin")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "contactsync.time-zone=Europe/Atlantis", "contactsync.progress-interval=0s",
			"contactsync.stop-timeout=-1s", "contactsync.crm.concurrency=0", "contactsync.crm.partitions=-4",
			"contactsync.crm.health-timeout=0s", "contactsync.crm.retry.max-attempts=0",
			"contactsync.crm.retry.base-delay=-1s", "contactsync.crm.retry.max-delay=10ms",
			"contactsync.dedup.partitions=0" })
	void aBadSettingStopsTheStartNamingIt(String setting) {
		String name = setting.substring(0, setting.indexOf('='));
		settings.withPropertyValues(setting).run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(name);
		});
	}

	/** Boot names a failed binding by its prefix and the record by its message: the whole chain is what is shown. */
	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PolicyFilesProperties.class, JobPlatformProperties.class, CrmProperties.class,
			DedupProperties.class, PhoneProperties.class })
	static class FeatureSettings {
	}
}
