package io.contactsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.TestClock;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class ContactListApiTests extends ApplicationTest {

	@BeforeEach
	void emptyStore() {
		store.clear();
	}

	@Test
	void answersTheSeedShapeNewestFirst() throws Exception {
		long older = store.contact().name("Ann Older").email("ann@example.com").phone("+44 20 7946 0001")
			.channel("telegram").createdAt("2025-08-20T08:00:00Z").insert();
		long newer = store.contact().name("Bob Newer").createdAt("2025-08-21T08:00:00Z").insert();

		mvc.perform(get("/api/v1/contacts").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(50))
			.andExpect(jsonPath("$.total_is_estimate").value(false))
			.andExpect(jsonPath("$.contacts[0].id").value(newer))
			.andExpect(jsonPath("$.contacts[1].id").value(older))
			.andExpect(jsonPath("$.contacts[1].name").value("Ann Older"))
			.andExpect(jsonPath("$.contacts[1].email").value("ann@example.com"))
			.andExpect(jsonPath("$.contacts[1].phone").value("+44 20 7946 0001"))
			.andExpect(jsonPath("$.contacts[1].channel").value("telegram"))
			.andExpect(jsonPath("$.contacts[1].created_at").value("2025-08-20T08:00:00Z"));
	}

	@Test
	void leavesMergedAwayContactsOut() throws Exception {
		long survivor = store.contact().name("Survivor").insert();
		long merged = store.contact().name("Merged").insert();
		store.jdbc().sql("update contact set merged_into = :s where id = :m").param("s", survivor).param("m", merged).update();

		assertThat(ids("")).containsExactly(survivor);
	}

	@Nested
	class ChannelFilter {

		long frame, telegram, whatsapp;

		@BeforeEach
		void contacts() {
			frame = store.contact().channel("frame").createdAt("2025-08-20T01:00:00Z").insert();
			telegram = store.contact().channel("telegram").createdAt("2025-08-20T02:00:00Z").insert();
			whatsapp = store.contact().channel("whatsapp").createdAt("2025-08-20T03:00:00Z").insert();
		}

		@Test
		void keepsOneChannel() throws Exception {
			assertThat(ids("channel=telegram")).containsExactly(telegram);
		}

		@Test
		void takesSeveralChannelsRepeatedOrCommaSeparated() throws Exception {
			assertThat(ids("channel=frame&channel=whatsapp")).containsExactly(whatsapp, frame);
			assertThat(ids("channel=frame,telegram")).containsExactly(telegram, frame);
		}

		@Test
		void refusesAnUnknownChannel() throws Exception {
			mvc.perform(list("channel=fax"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value(
						"Unknown channel 'fax'; use one of frame, livechat, telegram, messenger, whatsapp."));
		}
	}

	@Nested
	class CreatedFilter {

		@Test
		void todayStartsAtMidnightOfTheServiceTimeZone() throws Exception {
			long midnight = created("2025-08-22T00:00:00Z");
			long hourAgo = created(TestClock.NOW.minusSeconds(3600));
			created("2025-08-21T23:59:59Z");

			assertThat(ids("created=today")).containsExactly(hourAgo, midnight);
		}

		@Test
		void sevenDaysIsTodayAndTheSixBefore() throws Exception {
			long first = created("2025-08-16T00:00:00Z");
			created("2025-08-15T23:59:59Z");

			assertThat(ids("created=7d")).containsExactly(first);
		}

		@Test
		void thirtyDaysIsTodayAndTheTwentyNineBefore() throws Exception {
			long first = created("2025-07-24T00:00:00Z");
			created("2025-07-23T23:59:59Z");

			assertThat(ids("created=30d")).containsExactly(first);
		}

		@Test
		void fromAndToIncludeTheirWholeDays() throws Exception {
			created("2025-07-31T23:59:59Z");
			long firstDay = created("2025-08-01T00:00:00Z");
			long lastDay = created("2025-08-10T23:59:59Z");
			created("2025-08-11T00:00:00Z");

			assertThat(ids("from=2025-08-01&to=2025-08-10")).containsExactly(lastDay, firstDay);
			assertThat(ids("from=2025-08-10")).hasSize(2).contains(lastDay);
			assertThat(ids("to=2025-08-01")).hasSize(2).contains(firstDay);
		}

		@ParameterizedTest
		@ValueSource(strings = { "created=today&from=2025-08-01", "created=yesterday", "from=2025-08-10&to=2025-08-01",
				"from=22.08.2025", "to=2025-13-01" })
		void refusesContradictoryOrMalformedDates(String query) throws Exception {
			mvc.perform(list(query))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").isNotEmpty());
		}

		private long created(String at) {
			return created(Instant.parse(at));
		}

		private long created(Instant at) {
			return store.contact().createdAt(at).insert();
		}
	}

	@Nested
	class Search {

		long jane, andrey, bob;

		@BeforeEach
		void contacts() {
			jane = store.contact().name("Jane Smith").email("jane.smith@example.org").phone("+44 20 7946 0958")
				.createdAt("2025-08-20T01:00:00Z").insert();
			andrey = store.contact().name("Андрей Власов").email("andrey@mail.ru").createdAt("2025-08-20T02:00:00Z")
				.insert();
			bob = store.contact().name("Bob Jones").phone("07911 123456").createdAt("2025-08-20T03:00:00Z").insert();
		}

		@Test
		void findsAPieceOfANameWhateverItsCase() throws Exception {
			assertThat(ids("q=SMI")).containsExactly(jane);
			assertThat(ids("q=jane smith")).containsExactly(jane);
		}

		@Test
		void foldsCaseOutsideTheLatinAlphabetToo() throws Exception {
			assertThat(ids("q=власов")).containsExactly(andrey);
		}

		@Test
		void findsAPieceOfAnEmail() throws Exception {
			assertThat(ids("q=example.org")).containsExactly(jane);
			assertThat(ids("q=ANDREY@")).containsExactly(andrey);
		}

		@ParameterizedTest
		@ValueSource(strings = { "+44 20 7946 0958", "442079460958", "+44-20-7946-0958", "(020) 7946-0958",
				"020 7946 0958", "7946 0958", "+4420 79460958" })
		void findsAPhoneWrittenAnyWay(String written) throws Exception {
			assertThat(ids("q=" + written)).containsExactly(jane);
		}

		@Test
		void findsAPhoneStoredInNationalFormByItsInternationalForm() throws Exception {
			assertThat(ids("q=+44 7911 123456")).containsExactly(bob);
		}

		@Test
		void findsNothingForANumberThatDiffers() throws Exception {
			assertThat(ids("q=+44 20 7946 0959")).isEmpty();
		}

		@Test
		void treatsLikeWildcardsAsPlainCharacters() throws Exception {
			assertThat(ids("q=%")).isEmpty();
			assertThat(ids("q=_")).isEmpty();
		}
	}

	@Nested
	class StatusFilter {

		@Test
		void keepsTheGivenLeadStatuses() throws Exception {
			long active = store.contact().status("active").createdAt("2025-08-20T01:00:00Z").insert();
			long followUp = store.contact().status("follow_up").createdAt("2025-08-20T02:00:00Z").insert();
			store.contact().status("new").insert();

			assertThat(ids("status=active")).containsExactly(active);
			assertThat(ids("status=active,follow_up")).containsExactly(followUp, active);
		}

		@Test
		void refusesAnUnknownStatus() throws Exception {
			mvc.perform(list("status=hot"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("Unknown status 'hot'; use one of new, active, follow_up, archived."));
		}
	}

	@Test
	void combinesEveryFilter() throws Exception {
		long match = store.contact().name("Maria Garcia").channel("telegram").status("active")
			.createdAt("2025-08-21T10:00:00Z").insert();
		store.contact().name("Maria Garcia").channel("frame").status("active").createdAt("2025-08-21T10:00:00Z").insert();
		store.contact().name("Maria Garcia").channel("telegram").status("new").createdAt("2025-08-21T10:00:00Z").insert();
		store.contact().name("Maria Garcia").channel("telegram").status("active").createdAt("2025-08-01T10:00:00Z").insert();
		store.contact().name("Maria Lopez").channel("telegram").status("active").createdAt("2025-08-21T10:00:00Z").insert();

		assertThat(ids("q=garcia&channel=telegram&status=active&created=7d")).containsExactly(match);
		assertThat(ids("q=garcia&channel=telegram,frame&status=active&from=2025-08-21&to=2025-08-21")).hasSize(2)
			.contains(match);
	}

	@Nested
	class Sorting {

		long a, b, c;

		@BeforeEach
		void contacts() {
			a = store.contact().createdAt("2025-08-01T00:00:00Z").lastActivityAt(Instant.parse("2025-08-21T00:00:00Z"))
				.insert();
			b = store.contact().createdAt("2025-08-02T00:00:00Z").insert();
			c = store.contact().createdAt("2025-08-03T00:00:00Z").lastActivityAt(Instant.parse("2025-08-05T00:00:00Z"))
				.insert();
		}

		@Test
		void byCreationEitherWay() throws Exception {
			assertThat(ids("sort=created_at")).containsExactly(c, b, a);
			assertThat(ids("sort=created_at&order=asc")).containsExactly(a, b, c);
		}

		@Test
		void byLastActivityWithNeverActiveContactsLastWhenNewestFirst() throws Exception {
			assertThat(ids("sort=last_activity")).containsExactly(a, c, b);
			assertThat(ids("sort=last_activity&order=asc")).containsExactly(b, c, a);
		}

		@ParameterizedTest
		@ValueSource(strings = { "sort=name", "order=up" })
		void refusesUnknownOrders(String query) throws Exception {
			mvc.perform(list(query)).andExpect(status().isBadRequest());
		}
	}

	@Nested
	class Paging {

		@Test
		void walksThroughEveryContactOnceAndEndsWithAnEmptyPage() throws Exception {
			for (int i = 0; i < 5; i++) {
				store.contact().createdAt(TestClock.NOW.minusSeconds(60L * i)).insert();
			}
			List<Long> all = ids("size=5");
			assertThat(ids("size=2&page=1")).containsExactlyElementsOf(all.subList(0, 2));
			assertThat(ids("size=2&page=2")).containsExactlyElementsOf(all.subList(2, 4));
			assertThat(ids("size=2&page=3")).containsExactlyElementsOf(all.subList(4, 5));
			mvc.perform(list("size=2&page=4"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.contacts").isEmpty())
				.andExpect(jsonPath("$.total").value(5))
				.andExpect(jsonPath("$.page").value(4));
		}

		@Test
		void givesFiftyByDefaultAndUpToFiveHundred() throws Exception {
			store.jdbc().sql("""
					insert into contact (name, channel, created_at)
					select 'Bulk ' || n, 'frame', now() - n * interval '1 minute' from generate_series(1, 501) n""").update();

			assertThat(ids("")).hasSize(50);
			assertThat(ids("size=500")).hasSize(500);
		}

		@ParameterizedTest
		@ValueSource(strings = { "size=0", "size=501", "page=0", "page=-1", "page=two", "size=", "page=1&page=2",
				"pgae=2" })
		void refusesBadPagingParameters(String query) throws Exception {
			if (query.equals("size=")) {
				// an empty value means "not given": the default applies
				mvc.perform(list(query)).andExpect(status().isOk());
				return;
			}
			mvc.perform(list(query))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.status").value(400))
				.andExpect(jsonPath("$.detail").isNotEmpty());
		}

		@Test
		void estimatesTheTotalOfAHugeResultAndSaysSo() throws Exception {
			store.jdbc().sql("""
					insert into contact (name, channel, created_at)
					select 'Bulk ' || n, case when n % 100 = 0 then 'telegram' else 'frame' end,
					       now() - n * interval '1 second'
					from generate_series(1, 12000) n""").update();
			store.jdbc().sql("analyze contact").update();

			mvc.perform(list("size=1"))
				.andExpect(jsonPath("$.total_is_estimate").value(true))
				.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThan(10_000)));
			mvc.perform(list("size=1&channel=telegram"))
				.andExpect(jsonPath("$.total_is_estimate").value(false))
				.andExpect(jsonPath("$.total").value(120));
		}
	}

	@Test
	void refusesAnUnknownParameterRatherThanIgnoringIt() throws Exception {
		mvc.perform(list("chanel=telegram"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Unknown parameter 'chanel'")));
	}

	/** The ids listed for a query written as name=value pairs joined by &, values unencoded. */
	private List<Long> ids(String query) throws Exception {
		String body = mvc.perform(list(query))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<Number> ids = JsonPath.read(body, "$.contacts[*].id");
		return ids.stream().map(Number::longValue).toList();
	}

	static MockHttpServletRequestBuilder list(String query) {
		MockHttpServletRequestBuilder request = get("/api/v1/contacts").with(Tokens.VIEWER.bearer());
		for (String pair : query.split("&")) {
			if (!pair.isEmpty()) {
				int equals = pair.indexOf('=');
				request.param(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return request;
	}
}
