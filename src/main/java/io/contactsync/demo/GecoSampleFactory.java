package io.contactsync.demo;

import static io.contactsync.demo.SampleText.any;
import static io.contactsync.demo.SampleText.ascii;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.ibm.icu.text.Transliterator;

/**
 * The second labelled dedup sample, corrupted the way GeCo and FEBRL corrupt theirs ({@link Corruptions}), in
 * clusters of several records per person as a chat widget collects them: a person who came back up to ten times.
 * Per duplicate record, independently:
 * <ul>
 * <li>name (60 %): a typo in the given or family name (keyboard, OCR, phonetic or an edit), a nickname, given and
 * family swapped, the name left out, or a Cyrillic name written in Latin letters (ISO 9, not the BGN/PCGN
 * romanisation dedup reads Cyrillic with);</li>
 * <li>email: left out (20 %), else (45 %) a typo in the local part, a typo in the domain, the {@code @} or the dot
 * before the top-level domain dropped, or capitals and spaces;</li>
 * <li>phone: left out (40 %), a digit changed or two swapped (8 %), and always written one of five ways;</li>
 * <li>attributes city, company_name and date_of_birth, when the person has them: left out (30-40 %), a typo
 * (10 %).</li>
 * </ul>
 * Every record keeps a name or an email. Families (5 % of people) share a surname and an email or a phone under
 * different given names: the strangers dedup must never merge. Same seed, same records.
 */
class GecoSampleFactory implements SampleFactory {

	private static final List<String> CYRILLIC_GIVEN = List.of("Андрей", "Дмитрий", "Сергей", "Алексей", "Ольга",
			"Наталья", "Елена", "Юлия", "Михаил", "Татьяна", "Екатерина", "Владимир");

	private static final List<String> CYRILLIC_FAMILY = List.of("Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов",
			"Лебедев", "Новиков", "Морозов", "Волков", "Фёдоров", "Власов", "Зайцев", "Щербаков", "Жуков");

	/** The nicknames this generator uses: its own list, not dedup's. */
	private static final Map<String, List<String>> NICKNAMES = Map.ofEntries(
			Map.entry("William", List.of("Bill", "Will")),
			Map.entry("Robert", List.of("Bob", "Rob")), Map.entry("Elizabeth", List.of("Liz", "Beth")),
			Map.entry("Michael", List.of("Mike")), Map.entry("James", List.of("Jim", "Jimmy")),
			Map.entry("Katherine", List.of("Kate", "Kathy")), Map.entry("Alexander", List.of("Alex", "Sasha")),
			Map.entry("Thomas", List.of("Tom")), Map.entry("Christopher", List.of("Chris")),
			Map.entry("Daniel", List.of("Dan", "Danny")), Map.entry("Joseph", List.of("Joe")),
			Map.entry("Richard", List.of("Rick", "Dick")), Map.entry("Margaret", List.of("Maggie", "Peggy")),
			Map.entry("Patricia", List.of("Pat", "Trish")), Map.entry("Jennifer", List.of("Jen", "Jenny")),
			Map.entry("Anthony", List.of("Tony")), Map.entry("Samuel", List.of("Sam")),
			Map.entry("Steven", List.of("Steve")), Map.entry("Matthew", List.of("Matt")),
			Map.entry("Nicholas", List.of("Nick")), Map.entry("Edward", List.of("Ed", "Ted")),
			Map.entry("Rebecca", List.of("Becky")), Map.entry("Benjamin", List.of("Ben")), Map.entry("Timothy", List.of("Tim")));

	private static final List<String> CITIES = List.of("London", "New York", "Chicago", "Houston", "Berlin", "Paris",
			"Madrid", "Toronto", "Sydney", "Moscow", "Kyiv", "Warsaw", "Dublin", "Lisbon", "Austin", "Denver", "Leeds",
			"Tromsø", "Zürich", "Kraków", "Göteborg", "Porto", "Boise", "Tulsa", "Omaha", "Fresno", "Aarhus");

	private static final List<String> COMPANIES = List.of("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay",
			"Stark Industries", "Wayne Enterprises", "Northwind", "Contoso", "Tyrell", "Soylent", "Cyberdyne");

	private static final List<String> DOMAINS = List.of("gmail.com", "gmail.com", "gmail.com", "yahoo.com",
			"hotmail.com", "outlook.com", "icloud.com", "mail.ru", "yandex.ru", "example.com", "acme.io", "northwind.co");

	private final Transliterator iso9 = Transliterator.getInstance("Cyrillic-Latin; Latin-ASCII");

	private final long seed;

	private final double duplicateChance;

	private final Instant anchor;

	/** @param duplicatePercent about the share of all records that are second or later records of a person */
	GecoSampleFactory(long seed, int duplicatePercent, Instant anchor) {
		this.seed = seed;
		// A duplicated person has 3.5 records on average (1 to 10): 2.5 extra.
		this.duplicateChance = Math.min(1, duplicatePercent / (100.0 - duplicatePercent) / 2.5);
		this.anchor = anchor;
	}

	@Override
	public List<SampleRecord> person(long n) {
		SplittableRandom random = random(n);
		Person person = base(n, random);
		if (n > 0 && random.nextInt(100) < 5) {
			person = relativeOf(base(n - 1, random(n - 1)), person, random);
		}
		List<SampleRecord> records = new ArrayList<>();
		Instant first = anchor.minusSeconds(86_400L * (30 + random.nextInt(300)));
		records.add(record(person, 0, first, person.given() + " " + person.family(), person.email(), person.phone(),
				person.attributes(), random));
		if (random.nextDouble() < duplicateChance) {
			int extra = 1 + Math.min(8, (int) (-Math.log(1 - random.nextDouble()) * 1.5));
			for (int copy = 1; copy <= extra; copy++) {
				records.add(duplicate(person, copy, first.plusSeconds(86_400L * random.nextInt(200)), random));
			}
		}
		return records;
	}

	/** The person's own generator: the first draws of person n are their base, whoever asks. */
	private SplittableRandom random(long n) {
		return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n * 0xD1B54A32D192ED03L + 11);
	}

	private Person base(long n, SplittableRandom random) {
		boolean cyrillic = random.nextInt(100) < 12;
		String given = cyrillic ? any(random, CYRILLIC_GIVEN) : any(random, SampleNames.GIVEN);
		String family = cyrillic ? any(random, CYRILLIC_FAMILY) : any(random, SampleNames.FAMILY);
		// The person's number makes the address theirs alone: two people never share a mailbox by chance.
		String local = ascii(latin(given)) + List.of(".", "_", "").get(random.nextInt(3)) + ascii(latin(family)) + n;
		String email = random.nextInt(100) < 10 ? null : local + "@" + any(random, DOMAINS);
		String phone = random.nextInt(100) < 30 ? null
				: "1" + any(random, SampleNames.AREA_CODES) + (2_000_000 + (n * 7_919 + seed * 104_729) % 7_000_000);
		Map<String, String> attributes = new LinkedHashMap<>();
		if (random.nextInt(100) < 50) {
			attributes.put("city", any(random, CITIES));
		}
		if (random.nextInt(100) < 30) {
			attributes.put("company_name", any(random, COMPANIES));
		}
		if (random.nextInt(100) < 25) {
			attributes.put("date_of_birth", LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000)).toString());
		}
		return new Person(n, given, family, cyrillic, email, phone, Map.copyOf(attributes));
	}

	/** A relative of the previous person: their surname and email or phone, a given name of their own. */
	private static Person relativeOf(Person relative, Person person, SplittableRandom random) {
		boolean shareEmail = relative.email() != null && random.nextBoolean();
		String given = person.given().equals(relative.given()) ? any(random, SampleNames.GIVEN) : person.given();
		return new Person(person.number(), given, relative.family(), relative.cyrillic(),
				shareEmail ? relative.email() : person.email(), shareEmail ? person.phone() : relative.phone(),
				person.attributes());
	}

	private SampleRecord duplicate(Person person, int copy, Instant at, SplittableRandom random) {
		String email = person.email() == null || random.nextInt(100) < 20 ? null : email(person.email(), random);
		String phone = person.phone() == null || random.nextInt(100) < 40 ? null
				: random.nextInt(100) < 8 ? Corruptions.digit(person.phone(), random) : person.phone();
		Map<String, String> attributes = new LinkedHashMap<>();
		person.attributes().forEach((key, value) -> {
			int roll = random.nextInt(100);
			if (roll >= 35) {
				attributes.put(key, roll < 45 ? (key.equals("date_of_birth") ? Corruptions.digit(value, random)
						: Corruptions.anyTypo(value, random)) : value);
			}
		});
		String name = name(person, random);
		// A chat contact left a name or an address at least, or nobody would know them for a person.
		if (name == null && email == null) {
			if (person.email() != null) {
				email = person.email();
			}
			else {
				name = person.given() + " " + person.family();
			}
		}
		return record(person, copy, at, name, email, phone, attributes, random);
	}

	private String name(Person person, SplittableRandom random) {
		String given = person.given();
		String family = person.family();
		if (person.cyrillic() && random.nextBoolean()) {
			given = latin(given);
			family = latin(family);
		}
		int roll = random.nextInt(100);
		if (roll < 15) {
			given = Corruptions.anyTypo(given, random);
		}
		else if (roll < 30) {
			family = Corruptions.anyTypo(family, random);
		}
		else if (roll < 40 && NICKNAMES.containsKey(given)) {
			given = any(random, NICKNAMES.get(given));
		}
		else if (roll < 48) {
			return family + " " + given;
		}
		else if (roll < 53) {
			return null;
		}
		else if (roll < 60) {
			return (given + " " + family).toLowerCase(Locale.ROOT);
		}
		return given + " " + family;
	}

	private static String email(String email, SplittableRandom random) {
		int at = email.indexOf('@');
		String local = email.substring(0, at);
		String domain = email.substring(at + 1);
		int roll = random.nextInt(100);
		if (roll < 15) {
			return Corruptions.anyTypo(local, random) + "@" + domain;
		}
		if (roll < 23) {
			return local + "@" + Corruptions.anyTypo(domain.substring(0, domain.lastIndexOf('.')), random)
					+ domain.substring(domain.lastIndexOf('.'));
		}
		if (roll < 30) {
			return local + domain;
		}
		if (roll < 36) {
			return local + "@" + domain.replace(".", "");
		}
		if (roll < 45) {
			return " " + email.toUpperCase(Locale.ROOT);
		}
		return email;
	}

	private SampleRecord record(Person person, int copy, Instant at, String name, String email, String phone,
			Map<String, String> attributes, SplittableRandom random) {
		String channel = random.nextInt(100) < 70 ? "frame" : "livechat";
		return new SampleRecord("g" + person.number(), name, email, phone == null ? null : SampleText.usPhone(phone, random),
				channel, channel + "-g" + person.number() + "-" + copy, at, attributes);
	}

	private String latin(String name) {
		return iso9.transliterate(name);
	}

	private record Person(long number, String given, String family, boolean cyrillic, String email, String phone,
			Map<String, String> attributes) {
	}
}
