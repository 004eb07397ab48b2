package io.contactsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.ContactSyncApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** How the server treats its tokens at start-up, on a real port. */
@ExtendWith(OutputCaptureExtension.class)
class ServerStartupTests {

	/** Its own database: the shared test database may hold a schema from before the last edit. */
	@TempDir
	static Path data;

	@Test
	void refusesToStartWithoutTokensAndSaysWhichToSet() {
		assertThatThrownBy(() -> start(NO_TOKENS, NO_OTHER_TOKENS, NO_VIEWER_TOKEN)).rootCause()
			.hasMessageContaining("No API token is configured")
			.hasMessageContaining("CONTACTSYNC_ADMIN_TOKEN");
	}

	@Test
	void devProfileMakesAnAdminTokenAndPrintsItOnce(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext server = start(NO_TOKENS, NO_OTHER_TOKENS, NO_VIEWER_TOKEN, "--spring.profiles.active=dev")) {
			Matcher printed = Pattern.compile("export TOKEN=(\\w+)").matcher(output.getOut());
			assertThat(printed.find()).isTrue();
			String token = printed.group(1);
			assertThat(output.getAll().split(token, -1)).hasSize(2);

			assertThat(status(server, token, "/api/v1/contacts/1")).isIn(200, 404);
			assertThat(status(server, "wrong-token-0123456789", "/api/v1/contacts")).isEqualTo(401);
		}
	}

	@Test
	void takesTokensFromTheDocumentedEnvironmentVariables() throws Exception {
		try (ConfigurableApplicationContext server = start("--CONTACTSYNC_VIEWER_TOKEN=viewer-from-environment-01",
				"--CONTACTSYNC_ADMIN_TOKEN=admin-from-environment-001")) {
			assertThat(status(server, "viewer-from-environment-01", "/api/v1/contacts")).isEqualTo(200);
			assertThat(status(server, "admin-from-environment-001", "/api/v1/contacts")).isEqualTo(200);
		}
	}

	/** Blanks any token the developer's environment may hold. */
	private static final String NO_TOKENS = "--contactsync.security.tokens.admin=";

	private static final String NO_OTHER_TOKENS = "--contactsync.security.tokens.operator=";

	private static final String NO_VIEWER_TOKEN = "--contactsync.security.tokens.viewer=";

	/** The application as `java -jar` starts it. */
	static ConfigurableApplicationContext start(String... arguments) {
		List<String> commandLine = new ArrayList<>(List.of("--server.port=0",
				"--contactsync.embedded-database.data-directory=" + data));
		commandLine.addAll(List.of(arguments));
		return new SpringApplicationBuilder(ContactSyncApplication.class).run(commandLine.toArray(String[]::new));
	}

	private static int status(ConfigurableApplicationContext server, String token, String path) throws Exception {
		String port = server.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + token)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}
}
