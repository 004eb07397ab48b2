package io.contactsync.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core's rules run on the page as the browser shows it, htmx's swaps and the charts included: what a static
 * check of the markup cannot see (contrast, names computed from labels and ARIA, landmarks). Serious and critical
 * findings keep a person from using the page with a screen reader or at low vision; those fail the test.
 * The -Pbrowser build downloads axe-core from the npm registry and names the script in {@code axe.script}.
 */
final class AccessibilityAudit {

	private static final Set<String> BLOCKING = Set.of("serious", "critical");

	/** The violations only, each cut down to what a report needs; the whole result is large. */
	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { resultTypes: ['violations'] })
				.then(result => done(result.violations.map(v => ({
					id: v.id, impact: v.impact, help: v.help,
					targets: v.nodes.map(node => node.target.join(' '))
				}))))
				.catch(error => done([{ id: 'axe-error', impact: 'critical', help: String(error), targets: [] }]));
			""";

	private final String axe;

	private AccessibilityAudit(String axe) {
		this.axe = axe;
	}

	static AccessibilityAudit fromBuild() {
		Path script = Path.of(System.getProperty("axe.script", "target/axe-core/axe.min.js"));
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException(script + " is missing: run the browser tests with -Pbrowser, which"
					+ " downloads axe-core");
		}
		try {
			return new AccessibilityAudit(Files.readString(script));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The serious and critical violations on the browser's page, one line each: rule, impact, what it asks and
	 * the selectors of the offending elements. Empty when there are none.
	 */
	List<String> blockingViolations(WebDriver browser) {
		JavascriptExecutor js = (JavascriptExecutor) browser;
		// A page htmx only swapped parts of still has axe from the last audit.
		if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
			js.executeScript(axe);
		}
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(RUN);
		return violations.stream()
			.filter(violation -> BLOCKING.contains(String.valueOf(violation.get("impact"))))
			.map(violation -> violation.get("id") + " (" + violation.get("impact") + "): " + violation.get("help")
					+ " at " + violation.get("targets"))
			.toList();
	}
}
