package io.contactsync.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.contactsync.store.Channel;
import io.contactsync.store.ContactSearch;
import io.contactsync.store.ContactSort;
import io.contactsync.store.LeadStatus;
import io.contactsync.store.LeadTemperature;
import io.contactsync.store.MarketingConsent;
import org.springframework.util.MultiValueMap;

/**
 * Reads the contact list's query parameters into a {@link ContactSearch}, refusing anything it does not
 * understand: a misspelt filter that were silently ignored would show the wrong contacts as the right ones.
 * Dates are calendar days in the service's time zone; {@code to} includes its whole day.
 */
public final class ContactListParameters {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	/** The list's filters and order, without its paging: what an export of the list takes. */
	static final Set<String> FILTERS = Set.of("channel", "created", "from", "to", "q", "status", "temperature",
			"consent", "sort", "order");

	private static final Set<String> LIST = Stream.concat(Stream.of("page", "size"), FILTERS.stream())
		.collect(Collectors.toUnmodifiableSet());

	/** What analytics is filtered by: the date range of the first contact and the channel. */
	public static final Set<String> ANALYTICS = Set.of("channel", "created", "from", "to");

	private final Set<String> known;

	private final String what;

	private final MultiValueMap<String, String> parameters;

	private final Clock clock;

	private final ZoneId zone;

	public ContactListParameters(MultiValueMap<String, String> parameters, Clock clock, ZoneId zone) {
		this(parameters, clock, zone, LIST, "the contact list");
	}

	/** @param known the parameters taken; {@code what} names the endpoint in the message about any other */
	public ContactListParameters(MultiValueMap<String, String> parameters, Clock clock, ZoneId zone, Set<String> known,
			String what) {
		this.known = known;
		this.what = what;
		this.parameters = parameters;
		this.clock = clock;
		this.zone = zone;
	}

	public ContactSearch toSearch() {
		parameters.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
			throw new BadRequestException("Unknown parameter '" + name + "'; " + what + " takes "
					+ String.join(", ", known.stream().sorted().toList()) + ".");
		});
		LocalDate[] days = createdDays();
		return new ContactSearch(values("channel", Channel.class, Channel::fromCode, Channel.codes()),
				days[0] == null ? null : days[0].atStartOfDay(zone).toInstant(),
				days[1] == null ? null : days[1].plusDays(1).atStartOfDay(zone).toInstant(), single("q"),
				values("status", LeadStatus.class, LeadStatus::fromCode, LeadStatus.codes()),
				values("temperature", LeadTemperature.class, LeadTemperature::fromCode, LeadTemperature.codes()),
				values("consent", MarketingConsent.class, MarketingConsent::fromCode, MarketingConsent.codes()), sort(),
				ascending(),
				number("page", 1, 1, Integer.MAX_VALUE), number("size", DEFAULT_SIZE, 1, MAX_SIZE));
	}

	/** The first and last day included, either from the {@code created} preset or from {@code from}/{@code to}. */
	private LocalDate[] createdDays() {
		String preset = single("created");
		LocalDate from = date("from");
		LocalDate to = date("to");
		if (preset != null && (from != null || to != null)) {
			throw new BadRequestException("Give either created or from/to, not both.");
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw new BadRequestException("from (" + from + ") is after to (" + to + ").");
		}
		if (preset == null) {
			return new LocalDate[] { from, to };
		}
		LocalDate today = LocalDate.now(clock.withZone(zone));
		return switch (preset) {
			case "today" -> new LocalDate[] { today, null };
			case "7d" -> new LocalDate[] { today.minusDays(6), null };
			case "30d" -> new LocalDate[] { today.minusDays(29), null };
			default -> throw new BadRequestException(
					"created must be today, 7d or 30d, not '" + preset + "'; use from/to for other ranges.");
		};
	}

	private ContactSort sort() {
		String sort = single("sort");
		if (sort == null || sort.equals("created_at")) {
			return ContactSort.CREATED_AT;
		}
		if (sort.equals("last_activity") || sort.equals("last_activity_at")) {
			return ContactSort.LAST_ACTIVITY;
		}
		throw new BadRequestException("sort must be created_at or last_activity, not '" + sort + "'.");
	}

	private boolean ascending() {
		String order = single("order");
		if (order == null || order.equalsIgnoreCase("desc")) {
			return false;
		}
		if (order.equalsIgnoreCase("asc")) {
			return true;
		}
		throw new BadRequestException("order must be asc or desc, not '" + order + "'.");
	}

	/** Values of a repeatable parameter; each occurrence may also hold a comma-separated list. */
	private <E extends Enum<E>> Set<E> values(String name, Class<E> type, Function<String, Optional<E>> parse,
			String allowed) {
		Set<E> result = EnumSet.noneOf(type);
		for (String raw : parameters.getOrDefault(name, List.of())) {
			for (String value : raw.split(",")) {
				if (!value.isBlank()) {
					result.add(parse.apply(value.strip()).orElseThrow(() -> new BadRequestException(
							"Unknown " + name + " '" + value.strip() + "'; use one of " + allowed + ".")));
				}
			}
		}
		return result;
	}

	private int number(String name, int defaultValue, int min, int max) {
		String value = single(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the message below
		}
		throw new BadRequestException(name + " must be a whole number from " + min + " to "
				+ (max == Integer.MAX_VALUE ? "any" : max) + ", not '" + value + "'.");
	}

	private LocalDate date(String name) {
		String value = single(name);
		if (value == null) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value);
			if (ContactSearch.isSearchableDay(date)) {
				return date;
			}
		}
		catch (DateTimeParseException ex) {
			// said below
		}
		throw new BadRequestException(name + " must be a date like 2025-08-22 (years 1 to 9999), not '" + value + "'.");
	}

	private String single(String name) {
		List<String> values = parameters.get(name);
		if (values == null || values.isEmpty() || values.get(0).isBlank()) {
			return null;
		}
		if (values.size() > 1) {
			throw new BadRequestException(name + " may be given only once.");
		}
		return values.get(0).strip();
	}
}
