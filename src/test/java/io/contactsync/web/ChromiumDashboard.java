package io.contactsync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.contactsync.support.FreshSchema;
import io.contactsync.support.JobFixture;
import io.contactsync.support.StoreFixture;
import io.contactsync.support.TestClock;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the browser tests share: Debian's chromium, headless, through chromedriver, against the application on a
 * real port, and the way they look at a page: every page they show is saved as a screenshot under
 * target/screenshots/ and audited with axe-core ({@link AccessibilityAudit}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestClock.class, FreshSchema.class, StoreFixture.class, JobFixture.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChromiumDashboard {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@LocalServerPort
	int port;

	WebDriver browser;

	WebDriverWait wait;

	private AccessibilityAudit audit;

	@BeforeAll
	void startChromium(@TempDir Path profile) throws IOException {
		// Before chromium starts: without axe-core there is no point in driving the pages.
		audit = AccessibilityAudit.fromBuild();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		// htmx replaces the results while a wait reads them: read again rather than fail.
		wait.ignoring(StaleElementReferenceException.class);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	void stopChromium() {
		if (browser != null) {
			browser.quit();
		}
	}

	void signInAs(Tokens token) {
		open("/sign-in");
		signIn(token.value());
		wait.until(ExpectedConditions.urlContains("/contacts"));
	}

	void signIn(String token) {
		WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
		field.clear();
		field.sendKeys(token);
		field.submit();
	}

	void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

	String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText();
	}

	/** A screenshot of the page, then its accessibility audit, which fails the test on what it finds. */
	void capture(String name) {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		try {
			Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(audit.blockingViolations(browser)).as("serious or critical accessibility violations on %s (%s)",
				name, browser.getCurrentUrl()).isEmpty();
	}
}
