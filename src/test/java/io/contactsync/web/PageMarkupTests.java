package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page the dashboard serves, parsed as a browser parses it: no id twice on a page, and no form that sends a
 * name twice, which a browser does without a word (the server then reads whichever value comes first). A shared
 * fragment pulled in more than once, or more of a template than meant, shows up here.
 */
class PageMarkupTests extends ApplicationTest {

	/** Files, not pages: nothing in them for a browser to lay out. */
	private static final Set<String> DOWNLOADS = Set.of("/contacts/{id}/subject-export", "/executions/{id}/report");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	MockHttpSession admin;

	long olivia;

	long conversation;

	long dedupRun;

	@BeforeEach
	void aStoreWithSomethingOnEveryPage() throws Exception {
		store.clear();
		history.clearHistory();
		olivia = store.contact().name("Olivia Bennett").email("olivia@example.com").phone("+44 20 7946 0958")
			.createdAt("2025-08-22T05:02:29Z").status("active").temperature("hot").insert();
		conversation = store.conversation(olivia, "open", Instant.parse("2025-08-22T05:02:29Z"),
				"How much does the Pro plan cost?", "The Pro plan is $49 a month.");
		store.contact().name("Mary Bennett").email("olivia@example.com").channel("telegram")
			.createdAt("2025-08-21T10:00:00Z").insert();
		dedupRun = jobs.run("dedup", Map.of()).getId();
		admin = signIn(mvc, Tokens.ADMIN);
	}

	@Test
	void everyPageHasUniqueIdsAndFormsThatSendEachNameOnce() throws Exception {
		Map<String, String> pages = new LinkedHashMap<>();
		for (String path : List.of("/", "/contacts", "/contacts?created=range&from=2025-08-01&to=2025-08-31",
				"/contacts/" + olivia, "/contacts/" + olivia + "/delete", "/conversations/" + conversation,
				"/analytics", "/duplicates", "/jobs", "/executions/" + dedupRun, "/contacts/999999999")) {
			pages.put(path, render(path, admin));
		}
		for (String path : links(pages.get("/jobs"), "/jobs/")) {
			pages.put(path, render(path, admin));
		}
		pages.put("/crm", render("/crm", admin));
		for (String path : links(pages.get("/crm"), "/crm/")) {
			pages.put(path, render(path, admin));
			pages.put(path + "?contact=" + olivia, render(path + "?contact=" + olivia, admin));
		}
		pages.put("/sign-in", render("/sign-in", null));
		pages.put("/sign-in?error", render("/sign-in?error", null));

		Map<String, List<String>> problems = new LinkedHashMap<>();
		pages.forEach((path, html) -> {
			List<String> found = problems(html);
			if (!found.isEmpty()) {
				problems.put(path, found);
			}
		});
		assertThat(problems).as("pages with repeated ids or names sent twice").isEmpty();
	}

	/** A page added to a controller is checked above, or this says which one is left out. */
	@Test
	void theCheckAboveCoversEveryPageTheDashboardServes() {
		Set<String> covered = Set.of("/", "/contacts", "/contacts/{id}", "/contacts/{id}/delete", "/conversations/{id}",
				"/analytics", "/duplicates", "/jobs", "/jobs/{name}", "/executions/{id}", "/crm", "/crm/{name}",
				"/sign-in");
		Set<String> served = handlers.getHandlerMethods().entrySet().stream()
			.filter(entry -> entry.getValue().getBeanType().getPackageName().equals(WebPages.class.getPackageName()))
			.filter(entry -> entry.getKey().getMethodsCondition().getMethods().contains(RequestMethod.GET))
			.flatMap(entry -> entry.getKey().getPatternValues().stream())
			.filter(pattern -> !DOWNLOADS.contains(pattern))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(covered).containsExactlyInAnyOrderElementsOf(served);
	}

	/** Repeated ids anywhere on the page, and names a form would send twice (a radio group sends one). */
	static List<String> problems(String html) {
		Document page = Jsoup.parse(html);
		List<String> problems = new ArrayList<>();
		page.select("[id]").stream().collect(Collectors.groupingBy(Element::id, LinkedHashMap::new, Collectors.counting()))
			.forEach((id, count) -> {
				if (count > 1) {
					problems.add("id \"" + id + "\" on " + count + " elements");
				}
			});
		for (Element form : page.select("form")) {
			List<Element> controls = new ArrayList<>(form.select("input[name], select[name], textarea[name], button[name]"));
			if (!form.id().isEmpty()) {
				// Controls elsewhere on the page that join this form through their form attribute.
				controls.addAll(page.getElementsByAttributeValue("form", form.id()));
			}
			controls.stream()
				.filter(control -> !control.attr("type").equalsIgnoreCase("radio"))
				.collect(Collectors.groupingBy(control -> control.attr("name"), LinkedHashMap::new, Collectors.counting()))
				.forEach((name, count) -> {
					if (count > 1) {
						problems.add("form " + describe(form) + " sends \"" + name + "\" " + count + " times");
					}
				});
		}
		return problems;
	}

	private static String describe(Element form) {
		return form.id().isEmpty() ? form.attr("method") + " " + form.attr("action") : "#" + form.id();
	}

	/** The page at the path, after the redirects a browser would follow; signed in unless the session is null. */
	private String render(String path, MockHttpSession session) throws Exception {
		String location = path;
		for (int hop = 0; hop < 3; hop++) {
			var request = get(location);
			if (session != null) {
				request.session(session);
			}
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			if (response.getRedirectedUrl() == null) {
				assertThat(response.getContentType()).as(path).startsWith("text/html");
				return response.getContentAsString();
			}
			location = response.getRedirectedUrl();
		}
		throw new AssertionError(path + " redirects more than twice");
	}

	/** The distinct paths of the page's links that start with the prefix and go no deeper. */
	private static Set<String> links(String html, String prefix) {
		Set<String> paths = new LinkedHashSet<>();
		for (Element link : Jsoup.parse(html).select("a[href^=" + prefix + "]")) {
			String href = link.attr("href");
			if (href.indexOf('/', prefix.length()) < 0 && href.indexOf('?') < 0 && href.indexOf('#') < 0) {
				paths.add(href);
			}
		}
		assertThat(paths).as("links to %s*", prefix).isNotEmpty();
		return paths;
	}
}
