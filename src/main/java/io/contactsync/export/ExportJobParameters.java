package io.contactsync.export;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.contactsync.jobs.RunParameters;
import io.contactsync.store.Channel;
import io.contactsync.store.ContactSearch;
import io.contactsync.store.ContactSort;
import io.contactsync.store.LeadStatus;
import io.contactsync.store.LeadTemperature;
import io.contactsync.store.MarketingConsent;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The export job's parameters: {@code format} and {@code output} (the file), and the list's filters as
 * {@code name=value}, several values comma-separated: {@code channel}, {@code status}, {@code temperature},
 * {@code from} and {@code to} (days of the first contact, both included), {@code q}.
 */
record ExportJobParameters(ContactExportFormat format, String output, ContactSearch search, Map<String, String> filter) {

	private static final Set<String> FILTERS = Set.of("channel", "status", "temperature", "consent", "from", "to", "q");

	static ExportJobParameters of(JobParameters parameters, ZoneId zone) throws InvalidJobParametersException {
		Map<String, String> filter = new LinkedHashMap<>();
		for (JobParameter<?> parameter : parameters) {
			String name = parameter.name();
			if (FILTERS.contains(name)) {
				filter.put(name, String.valueOf(parameter.value()));
			}
			else if (!name.equals("format") && !name.equals("output") && !RunParameters.isSetByContactSync(name)) {
				throw new InvalidJobParametersException("export takes format=" + ContactExportFormat.codes().replace(", ", "|")
						+ ", output=<file> and the filters channel, status, temperature, consent, from, to and q; '" + name
						+ "' is not one of them.");
			}
		}
		String formatCode = required(parameters, "format");
		ContactExportFormat format = ContactExportFormat.fromCode(formatCode).orElseThrow(
				() -> new InvalidJobParametersException("format must be one of " + ContactExportFormat.codes() + ", not '"
						+ formatCode + "'."));
		LocalDate from = day(parameters, "from");
		LocalDate to = day(parameters, "to");
		ContactSearch search = new ContactSearch(values(parameters, "channel", Channel.class, Channel::fromCode),
				from == null ? null : from.atStartOfDay(zone).toInstant(),
				to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), parameters.getString("q"),
				values(parameters, "status", LeadStatus.class, LeadStatus::fromCode),
				values(parameters, "temperature", LeadTemperature.class, LeadTemperature::fromCode),
				values(parameters, "consent", MarketingConsent.class, MarketingConsent::fromCode), ContactSort.CREATED_AT,
				false, 1, 1);
		return new ExportJobParameters(format, required(parameters, "output"), search, filter);
	}

	private static String required(JobParameters parameters, String name) throws InvalidJobParametersException {
		String value = parameters.getString(name);
		if (value == null || value.isBlank()) {
			throw new InvalidJobParametersException("export needs " + name + "=..., e.g. format=csv output=contacts.csv");
		}
		return value;
	}

	private static LocalDate day(JobParameters parameters, String name) throws InvalidJobParametersException {
		String value = parameters.getString(name);
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
		throw new InvalidJobParametersException(name + " must be a date like 2025-08-22 (years 1 to 9999), not '" + value
				+ "'.");
	}

	private static <E extends Enum<E>> Set<E> values(JobParameters parameters, String name, Class<E> type,
			Function<String, Optional<E>> parse) throws InvalidJobParametersException {
		Set<E> values = EnumSet.noneOf(type);
		String given = parameters.getString(name);
		if (given == null) {
			return values;
		}
		for (String value : given.split(",")) {
			Optional<E> parsed = parse.apply(value.strip());
			if (parsed.isEmpty()) {
				throw new InvalidJobParametersException("Unknown " + name + " '" + value.strip() + "'.");
			}
			values.add(parsed.get());
		}
		return values;
	}
}
