package io.contactsync.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A FEBRL person file as sample records: every field a custom attribute, the name from given name and surname,
 * and the person from rec_id ({@code rec-<N>-org} and its duplicates {@code rec-<N>-dup-<k>}).
 */
final class FebrlFile {

	private static final Pattern REC_ID = Pattern.compile("rec-(\\d+)-(org|dup-\\d+)");

	private FebrlFile() {
	}

	static List<SampleRecord> read(Path file, Instant anchor) throws IOException {
		List<SampleRecord> records = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
				.setIgnoreSurroundingSpaces(true).get();
			for (CSVRecord row : format.parse(reader)) {
				Matcher id = REC_ID.matcher(row.get(0).strip());
				if (!id.matches()) {
					throw new IllegalArgumentException(file + ":" + (row.getRecordNumber() + 1)
							+ ": rec_id is not rec-<N>-org or rec-<N>-dup-<k>");
				}
				Map<String, String> attributes = new LinkedHashMap<>();
				row.toMap().forEach((field, value) -> {
					if (!field.strip().equals("rec_id") && !value.isBlank()) {
						attributes.put(field.strip(), value.strip());
					}
				});
				String name = (attributes.getOrDefault("given_name", "") + " " + attributes.getOrDefault("surname", ""))
					.strip();
				records.add(new SampleRecord("f" + id.group(1), name.isEmpty() ? null : name, null, null, "frame",
						"febrl-" + row.get(0).strip(), anchor.minusSeconds(records.size() + 1L),
						attributes));
			}
		}
		return records;
	}
}
