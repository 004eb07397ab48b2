package io.contactsync;

import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Without arguments, the server: REST API and, later, the scheduler. With {@code run <job> ...}, a
 * command that runs one job on the same database and exits with the job's outcome.
 */
// Boot's generated user and password would be one more way into the dashboard's form sign-in; tokens are the only one.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class ContactSyncApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ContactSyncApplication.class);
		if (args.length > 0 && args[0].equals("run")) {
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setBannerMode(Banner.Mode.OFF);
			// The step report is the output here; the start-up log would bury it.
			application.setDefaultProperties(Map.of("contactsync.command", "run", "logging.level.root", "WARN",
					"logging.level.io.contactsync", "INFO"));
			ConfigurableApplicationContext context = application.run(args);
			System.exit(SpringApplication.exit(context));
		}
		application.run(args);
	}
}
