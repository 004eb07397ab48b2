package io.contactsync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import io.contactsync.jobs.JobStarter;
import io.contactsync.support.JobFixture;
import io.contactsync.support.StoreFixture;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard in a real browser, as a person uses it: signing in, filtering, reading a transcript, editing,
 * deleting, merging, the charts, a job run, the keyboard and a phone's width. Run with
 * {@code mvn -B verify -Pbrowser}; each page shown is also a screenshot and an accessibility audit
 * ({@link ChromiumDashboard#capture}).
 */
class DashboardBrowserIT extends ChromiumDashboard {

	@Autowired
	StoreFixture store;

	@Autowired
	JobFixture history;

	@Autowired
	JobStarter jobs;

	long olivia;

	long mason;

	long harper;

	@BeforeEach
	void contacts() {
		store.clear();
		history.clearHistory();
		olivia = store.contact().name("Olivia Bennett").email("olivia@example.com").phone("+44 20 7946 0958")
			.createdAt("2025-08-22T05:02:29Z").status("active").temperature("hot").insert();
		store.identity(olivia, "frame", "v-olivia-7f3a");
		store.conversation(olivia, "closed", Instant.parse("2025-08-20T09:00:00Z"), "Hi there",
				"Hello! How can I help?");
		store.conversation(olivia, "open", Instant.parse("2025-08-22T05:02:29Z"), "How much does the Pro plan cost?",
				"The Pro plan is $49 a month.");
		mason = store.contact().name("Mason Clark").email("mason@example.com").channel("telegram")
			.createdAt("2025-08-10T10:00:00Z").temperature("cold").insert();
		harper = store.contact().name("Harper Mitchell").channel("whatsapp").createdAt("2025-06-01T10:00:00Z").insert();
		browser.manage().deleteAllCookies();
	}

	@Test
	void signsInWithATokenAfterAWrongOne() {
		open("/contacts");
		wait.until(ExpectedConditions.urlContains("/sign-in"));
		capture("sign-in");
		signIn("not-a-configured-token-000");
		// The form posts, is redirected and loads again: wait for the new page, not the old one.
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error"))).getText())
			.contains("That is not one of the configured tokens");
		capture("sign-in-error");
		signIn(Tokens.VIEWER.value());
		wait.until(ExpectedConditions.urlContains("/contacts"));
		assertThat(text("header")).contains("Signed in as viewer");
		assertThat(browser.findElements(By.linkText("✏️"))).isEmpty();
	}

	@Test
	void filtersByChannelAndDateAndSearchesKeepingTheFilterInTheUrl() {
		signInAs(Tokens.OPERATOR);
		capture("contacts");
		new Select(browser.findElement(By.id("channel"))).selectByVisibleText("telegram");
		awaitResults(results -> results.contains("Mason Clark") && !results.contains("Olivia Bennett"));
		assertThat(browser.getCurrentUrl()).contains("channel=telegram");
		assertThat(browser.findElement(By.linkText("CSV")).getAttribute("href")).contains("channel=telegram")
			.contains("format=csv");

		new Select(browser.findElement(By.id("channel"))).selectByVisibleText("All");
		new Select(browser.findElement(By.id("created"))).selectByVisibleText("Last 7 days");
		awaitResults(results -> results.contains("Olivia Bennett") && !results.contains("Mason Clark"));

		new Select(browser.findElement(By.id("created"))).selectByVisibleText("Any time");
		browser.findElement(By.id("q")).sendKeys("mitch");
		awaitResults(results -> results.contains("Harper Mitchell") && !results.contains("Olivia Bennett"));
		assertThat(browser.getCurrentUrl()).contains("q=mitch");

		// The URL alone gives the same list: reload it.
		browser.navigate().refresh();
		awaitResults(results -> results.contains("Harper Mitchell") && !results.contains("Mason Clark"));
		assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("mitch");
	}

	@Test
	void opensATranscriptFromTheConversationLog() {
		signInAs(Tokens.VIEWER);
		browser.findElement(By.linkText("Olivia Bennett")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Olivia Bennett"));
		browser.findElement(By.cssSelector("a[aria-label='Open the transcript of conversation 2']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "The Pro plan is $49"));
		assertThat(text("#transcript")).contains("How much does the Pro plan cost?");
		assertThat(browser.switchTo().activeElement().getAttribute("class")).isEqualTo("transcript");
		capture("contact-profile");
	}

	@Test
	void editsWithAValidationErrorThenSaves() {
		signInAs(Tokens.ADMIN);
		browser.findElement(By.cssSelector("a[aria-label='Edit Olivia Bennett']")).click();
		WebElement email = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-email")));
		email.clear();
		email.sendKeys("olivia-at-example");
		browser.findElement(By.cssSelector("#edit button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-email")));
		assertThat(text("#error-email")).contains("is not an email address");
		assertThat(browser.findElement(By.id("edit-email")).getAttribute("aria-invalid")).isEqualTo("true");
		capture("contact-edit-error");

		email = browser.findElement(By.id("edit-email"));
		email.clear();
		email.sendKeys("olivia.bennett@example.com");
		browser.findElement(By.id("edit-tags")).sendKeys("vip, pricing");
		browser.findElement(By.cssSelector("#edit button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Saved."));
		assertThat(text(".facts")).contains("olivia.bennett@example.com").contains("vip, pricing");
	}

	@Test
	void deletesAfterTheConfirmationWithItsOpenConversationRule() {
		signInAs(Tokens.ADMIN);
		browser.findElement(By.cssSelector("a[aria-label='Delete Olivia Bennett']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "It cannot be undone."));
		assertThat(text("main")).contains("2 conversations and 4 messages")
			.contains("A contact still talking to a bot is not deleted unless its open conversations are closed first");
		capture("contact-delete");
		browser.findElement(By.cssSelector("button.danger")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".error"), "1 open conversation"));
		browser.findElement(By.id("closeConversations")).click();
		browser.findElement(By.cssSelector("button.danger")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
				"Contact " + olivia + " was deleted."));
		assertThat(text("#results")).doesNotContain("Olivia Bennett").contains("Mason Clark");
	}

	@Test
	void mergesADuplicateKeepingTheChosenContactAndUndoesIt() {
		long mary = store.contact().name("Mary Bennett").email("olivia@example.com").channel("telegram")
			.createdAt("2025-08-21T10:00:00Z").insert();
		jobs.run("dedup", Map.of());
		signInAs(Tokens.ADMIN);
		open("/duplicates");
		assertThat(text(".side-by-side")).contains("Olivia Bennett").contains("Mary Bennett");
		capture("duplicates");
		browser.findElement(By.cssSelector("input[name=survivor][value='" + mary + "']")).click();
		browser.findElement(By.xpath("//button[text()='Merge']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
				"contact " + mary + " kept"));
		assertThat(text("main")).contains("No duplicates are waiting");
		browser.findElement(By.xpath("//button[text()='Undo']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "undone"));
		assertThat(browser.findElements(By.xpath("//button[text()='Undo']"))).isEmpty();
		assertThat(store.jdbc().sql("select count(*) from contact where merged_into is null").query(Long.class).single())
			.isEqualTo(4);
	}

	@Test
	void drawsTheInsightsCharts() {
		signInAs(Tokens.VIEWER);
		open("/analytics");
		assertThat(text("#total-contacts")).isEqualTo("3");
		wait.until(driver -> (Boolean) ((JavascriptExecutor) driver)
			.executeScript("return !!(window.Chart && Chart.getChart('channel-chart') && Chart.getChart('day-chart'))"));
		capture("analytics");
	}

	@Test
	void launchesAJobAndWatchesItComplete() {
		signInAs(Tokens.OPERATOR);
		open("/jobs");
		capture("jobs");
		browser.findElement(By.linkText("generate")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("parameters")));
		capture("job");
		browser.findElement(By.id("parameters")).sendKeys("contacts=40\nseed=7");
		browser.findElement(By.xpath("//button[text()='Launch']")).click();
		wait.until(ExpectedConditions.urlMatches("/executions/\\d+$"));
		new WebDriverWait(browser, Duration.ofSeconds(60)).until(
				ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "COMPLETED"));
		assertThat(text(".steps")).containsPattern("generateContacts\\s+COMPLETED\\s+40\\s+40");
		capture("execution");
	}

	@Test
	void isUsableWithTheKeyboardAndAtPhoneWidth() {
		signInAs(Tokens.ADMIN);
		browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
		assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
		browser.manage().window().setSize(new Dimension(390, 844));
		try {
			open("/contacts");
			// Nothing but the table's own scroller is wider than the phone.
			Long overflow = (Long) ((JavascriptExecutor) browser)
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow).isLessThanOrEqualTo(0L);
			capture("contacts-phone");
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	/** The pages no other test here goes to, so that the audit has seen every page. */
	@Test
	void theCrmPagesATranscriptAndAnErrorPassTheAudit() {
		signInAs(Tokens.OPERATOR);
		open("/crm");
		capture("crm");
		browser.findElement(By.cssSelector("main a[href^='/crm/']")).click();
		wait.until(ExpectedConditions.urlMatches("/crm/[^/]+$"));
		capture("crm-target");
		browser.findElement(By.id("preview-contact")).sendKeys(String.valueOf(olivia), Keys.ENTER);
		wait.until(ExpectedConditions.urlContains("contact=" + olivia));
		capture("crm-preview");
		open("/conversations/" + store.jdbc().sql("select min(id) from conversation").query(Long.class).single());
		capture("transcript");
		open("/contacts/999999999");
		capture("not-found");
	}

	private void awaitResults(Predicate<String> shown) {
		wait.until(driver -> shown.test(driver.findElement(By.id("results")).getText()));
	}
}
