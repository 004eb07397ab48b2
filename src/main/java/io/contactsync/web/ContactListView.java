package io.contactsync.web;

import java.util.List;

import io.contactsync.store.ContactPage;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The contact list as the page shows it: the page of contacts and the links that keep the filter, the order and
 * the page in the URL (paging, sorting, exports). The filter is the API's own parameters, so a page's URL and the
 * API's differ only in their path.
 *
 * @param form the filter as the request gave it
 */
record ContactListView(ContactPage page, FilterForm form, String error) {

	static final List<String> FORMATS = List.of("csv", "xlsx", "json");

	public long lastPage() {
		return Math.max(1, (page.total() + page.size() - 1) / page.size());
	}

	public boolean hasNext() {
		return page.contacts().size() == page.size() && (page.totalIsEstimate() || page.page() < lastPage());
	}

	public String pageUrl(int number) {
		return url("/contacts", with("page", Integer.toString(number)));
	}

	/** Newest first on the first click of a column, the other way round on the next. */
	public String sortUrl(String column) {
		MultiValueMap<String, String> parameters = with("sort", column);
		boolean sortedDescending = column.equals(form.first("sort", "created_at"))
				&& !"asc".equals(form.first("order", "desc"));
		parameters.set("order", sortedDescending ? "asc" : "desc");
		parameters.remove("page");
		return url("/contacts", parameters);
	}

	/** {@code ascending}, {@code descending} or {@code none}, for the column header's aria-sort. */
	public String ariaSort(String column) {
		if (!column.equals(form.first("sort", "created_at"))) {
			return "none";
		}
		return "asc".equals(form.first("order", "desc")) ? "ascending" : "descending";
	}

	/** The export of everything the filter selects, in the list's order: no paging. */
	public String exportUrl(String format) {
		MultiValueMap<String, String> parameters = with("format", format);
		parameters.remove("page");
		parameters.remove("size");
		return url("/contacts/export", parameters);
	}

	private MultiValueMap<String, String> with(String name, String value) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>(form.parameters());
		parameters.set(name, value);
		return parameters;
	}

	private static String url(String path, MultiValueMap<String, String> parameters) {
		return UriComponentsBuilder.fromPath(path).queryParams(parameters).encode().build().toUriString();
	}
}
