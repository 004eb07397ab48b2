package io.contactsync.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.store.ContactExportRepository;
import io.contactsync.store.ContactExportRepository.ExportAbortedException;
import io.contactsync.store.ContactSearch;
import io.contactsync.store.ContactSort;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Exports as the people who open them see them: Excel's CSV and XLSX, JSON, JSON Lines, and the audit trail. */
class ContactExportTests extends ApplicationTest {

	@Autowired
	ContactExportRepository exportRows;

	long lukas;

	@BeforeEach
	void threeContacts() {
		store.clear();
		history.clearHistory();
		lukas = store.contact().name("Lukas Müller").email("lukas@example.de").phone("+49 30 901820")
			.createdAt("2025-08-20T09:15:30Z").lastActivityAt(Instant.parse("2025-08-21T10:00:00Z"))
			.status("active").temperature("hot").insert();
		store.contact().name("=HYPERLINK(\"http://evil\")").channel("telegram").createdAt("2025-08-19T08:00:00Z").insert();
		store.contact().name("Ann, \"the\" buyer").channel("whatsapp").createdAt("2025-08-18T08:00:00Z").insert();
	}

	@Test
	void csvOpensInExcelWithAccentsQuotesAndNoFormulas() throws Exception {
		byte[] body = download("format=csv", Tokens.OPERATOR);

		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).containsExactly(
				"id,name,email,phone,phone_e164,channel,created_at,last_activity_at,lead_status,lead_temperature,lead_score,tags",
				lukas + ",Lukas Müller,lukas@example.de,'+49 30 901820,'+4930901820,frame,2025-08-20 09:15:30,"
						+ "2025-08-21 10:00:00,active,hot,,",
				(lukas + 1) + ",\"'=HYPERLINK(\"\"http://evil\"\")\",,,,telegram,2025-08-19 08:00:00,,new,,,",
				(lukas + 2) + ",\"Ann, \"\"the\"\" buyer\",,,,whatsapp,2025-08-18 08:00:00,,new,,,");
	}

	@Test
	void theListsFiltersAndOrderApply() throws Exception {
		byte[] body = download("format=jsonl&channel=telegram,whatsapp&order=asc", Tokens.OPERATOR);

		List<String> lines = new String(body, StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(json.readTree(lines.get(0)).get("channel").asString()).isEqualTo("whatsapp");
		assertThat(json.readTree(lines.get(1)).get("channel").asString()).isEqualTo("telegram");
	}

	@Test
	void jsonIsOneArrayOfTheApisContacts() throws Exception {
		JsonNode contacts = json.readTree(download("format=json&temperature=hot", Tokens.ADMIN));

		assertThat(contacts.isArray()).isTrue();
		assertThat(contacts.size()).isEqualTo(1);
		assertThat(contacts.get(0).get("name").asString()).isEqualTo("Lukas Müller");
		assertThat(contacts.get(0).get("created_at").asString()).isEqualTo("2025-08-20T09:15:30Z");
		assertThat(contacts.get(0).get("lead_status").asString()).isEqualTo("active");
	}

	@Test
	void xlsxHasRealDateCells() throws Exception {
		byte[] body = download("format=xlsx", Tokens.OPERATOR);

		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
			Sheet sheet = workbook.getSheet("Contacts");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("created_at");
			Row first = sheet.getRow(1);
			assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(lukas);
			assertThat(first.getCell(1).getStringCellValue()).isEqualTo("Lukas Müller");
			assertThat(first.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(first.getCell(6))).isTrue();
			assertThat(first.getCell(6).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2025-08-20T09:15:30"));
			assertThat(sheet.getRow(2).getCell(1).getCellType()).isEqualTo(CellType.STRING);
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\")");
		}
	}

	@Test
	void everyExportIsAuditedWithWhoTheFilterAndTheRowsButNoSearchText() throws Exception {
		download("format=csv&channel=frame&q=lukas", Tokens.OPERATOR);

		Map<String, Object> event = store.jdbc()
			.sql("select actor, action, entity_type, details::text as details from audit_event")
			.query()
			.singleRow();
		assertThat(event).containsEntry("actor", "operator").containsEntry("action", "export")
			.containsEntry("entity_type", "contact");
		JsonNode details = json.readTree((String) event.get("details"));
		assertThat(details.get("rows").asLong()).isEqualTo(1);
		assertThat(details.get("format").asString()).isEqualTo("csv");
		assertThat(details.get("completed").asBoolean()).isTrue();
		assertThat(details.get("filter").get("channel").asString()).isEqualTo("frame");
		assertThat(details.get("filter").get("q").asString()).isEqualTo("(given)");
	}

	@Test
	void viewersMayNotExportAndABadFormatOrFilterIsA400() throws Exception {
		mvc.perform(get("/api/v1/contacts/export?format=csv").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/contacts/export?format=pdf").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Unknown format 'pdf'; use one of csv, xlsx, json, jsonl."));
		mvc.perform(get("/api/v1/contacts/export").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Say which format: format=csv|xlsx|json|jsonl."));
		mvc.perform(get("/api/v1/contacts/export?format=csv&page=2").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(Matchers.startsWith("Unknown parameter 'page'")));
		assertThat(store.count("audit_event")).isZero();
	}

	@Test
	void theExportJobWritesTheSameFileWhole(@TempDir Path directory) throws Exception {
		Path output = directory.resolve("out/contacts.csv");

		JobExecution run = jobs.run("export", Map.of("format", "csv", "output", output.toString(), "channel", "frame"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readAllBytes(output)).isEqualTo(download("format=csv&channel=frame", Tokens.OPERATOR));
		assertThat(Files.exists(directory.resolve("out/contacts.csv.part"))).isFalse();
		assertThat(store.jdbc().sql("select count(*) from audit_event where actor = 'job export'").query(Long.class)
			.single()).isEqualTo(1);
		assertThatThrownBy(() -> jobs.run("export", Map.of("format", "csv"))).hasMessageContaining("export needs output=");
	}

	@Test
	@Timeout(60) // a reader and a writer that wait on each other would hang here
	void aLongExportKeepsItsOrderAndOneThatBreaksOffLeavesNoQueryRunning() throws Exception {
		store.jdbc().sql("""
				insert into contact (name, channel, created_at)
				select 'Bulk ' || n, 'frame', timestamptz '2025-01-01' + n * interval '1 minute'
				from generate_series(1, 12000) n""").update();
		ContactSearch everyone = new ContactSearch(Set.of(), null, null, null, Set.of(), Set.of(), Set.of(),
				ContactSort.CREATED_AT, false, 1, 1);
		List<Instant> created = new ArrayList<>();

		long rows = exportRows.forEach(everyone, row -> created.add(row.createdAt()));

		assertThat(rows).isEqualTo(12_003);
		assertThat(created).hasSize(12_003).isSortedAccordingTo(Comparator.reverseOrder());
		ContactSearch nobody = new ContactSearch(Set.of(), null, null, "no such person", Set.of(), Set.of(), Set.of(),
				ContactSort.CREATED_AT, false, 1, 1);
		assertThat(exportRows.forEach(nobody, row -> created.add(row.createdAt()))).isZero();

		// A client slow at first, so that the reader runs ahead until its queue is full, and then gone.
		assertThatThrownBy(() -> exportRows.forEach(everyone, row -> {
			Thread.sleep(1_000);
			throw new IOException("Broken pipe");
		})).isInstanceOf(ExportAbortedException.class).hasMessage("Broken pipe");
		assertThat(store.jdbc().sql("""
				select count(*) from pg_stat_activity
				where pid <> pg_backend_pid() and datname = current_database()
				  and (state like 'idle in transaction%' or (state = 'active' and query like '%live_contact%'))""")
			.query(Long.class).single()).isZero();
	}

	private byte[] download(String query, Tokens token) throws Exception {
		MvcResult started = mvc.perform(get("/api/v1/contacts/export?" + query).with(token.bearer()))
			.andExpect(request().asyncStarted())
			.andReturn();
		return mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment; filename=\"contacts-2025-08-22.")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}
}
