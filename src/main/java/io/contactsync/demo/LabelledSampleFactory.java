package io.contactsync.demo;

import static io.contactsync.demo.SampleText.any;
import static io.contactsync.demo.SampleText.ascii;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The people of the labelled dedup sample, each as one contact or several: a person who came back on another
 * channel with a typo in their name, the name the other way round or left out, the email in capitals or
 * mistyped or missing, the phone written another way or missing. Different people share first names and
 * surnames (the vocabulary is small), and some families share one email or one phone. Every choice comes
 * from a random generator seeded by the run's seed and the person's number, so a restart makes the same
 * people.
 */
class LabelledSampleFactory implements SampleFactory {

	private static final String[] CHANNELS = { "frame", "livechat", "telegram", "whatsapp", "messenger" };

	private static final int[] CHANNEL_SHARE = { 60, 10, 12, 10, 8 };

	private static final int FAMILY_PERCENT = 6;

	private static final long YEAR_SECONDS = 365L * 24 * 3600;

	private final long seed;

	private final double duplicateChance;

	private final Instant anchor;

	/**
	 * @param duplicatePercent the share of all contacts that are second or third records of a person
	 */
	LabelledSampleFactory(long seed, int duplicatePercent, Instant anchor) {
		this.seed = seed;
		// Each duplicated person gets 1.25 extra records on average (one, a quarter of them two).
		this.duplicateChance = duplicatePercent / (100.0 - duplicatePercent) / 1.25;
		this.anchor = anchor;
	}

	@Override
	public List<SampleRecord> person(long n) {
		SplittableRandom random = random(n);
		Person person = base(n);
		if (n > 0 && random.nextInt(100) < FAMILY_PERCENT) {
			person = joinFamily(person, base(n - 1), random);
		}
		List<SampleRecord> records = new ArrayList<>();
		Instant first = anchor.minusSeconds(YEAR_SECONDS / 2 + random.nextLong(YEAR_SECONDS / 2));
		records.add(record(person, 0, first, person.name(), person.email(), person.phone(), random));
		if (random.nextDouble() < duplicateChance) {
			int extra = random.nextInt(4) == 0 ? 2 : 1;
			for (int copy = 1; copy <= extra; copy++) {
				records.add(duplicate(person, copy, first.plusSeconds(random.nextLong(YEAR_SECONDS / 2)), random));
			}
		}
		return records;
	}

	private SplittableRandom random(long n) {
		return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + 7);
	}

	/** A person with a unique email (a number in it) and a unique phone; about one in ten lacks one of them. */
	private Person base(long n) {
		SplittableRandom random = new SplittableRandom(seed * 31 + n * 0x94D049BB133111EBL);
		String given = any(random, SampleNames.GIVEN);
		String family = any(random, SampleNames.FAMILY);
		String local = switch (random.nextInt(4)) {
			case 0 -> ascii(given) + "." + ascii(family);
			case 1 -> ascii(given) + ascii(family);
			case 2 -> ascii(given).charAt(0) + ascii(family);
			default -> ascii(given) + "_" + ascii(family);
		};
		String email = local + (n % 9_973) + "@" + any(random, SampleNames.DOMAINS);
		String area = SampleNames.AREA_CODES.get((int) (n % SampleNames.AREA_CODES.size()));
		long line = 2_000_000 + (n / SampleNames.AREA_CODES.size() * 7_919 + seed * 104_729) % 7_000_000;
		String phone = "1" + area + line;
		int missing = random.nextInt(100);
		return new Person(n, given, family, given + " " + family, missing < 6 ? null : email,
				missing >= 6 && missing < 12 ? null : phone, false);
	}

	/** A relative: the family's surname, a given name of their own, and the family's email or phone. */
	private static Person joinFamily(Person person, Person relative, SplittableRandom random) {
		String given = person.given();
		while (ascii(given).equals(ascii(relative.given()))) {
			given = any(random, SampleNames.GIVEN);
		}
		boolean shareEmail = relative.email() != null && (relative.phone() == null || random.nextBoolean());
		return new Person(person.number(), given, relative.family(), given + " " + relative.family(),
				shareEmail ? relative.email() : person.email(), shareEmail ? person.phone() : relative.phone(),
				!shareEmail);
	}

	private SampleRecord duplicate(Person person, int copy, Instant at, SplittableRandom random) {
		String email = person.email();
		String phone = person.phone();
		boolean keepEmail = email != null && random.nextInt(100) < 65;
		boolean keepPhone = phone != null && random.nextInt(100) < 60;
		if (!keepEmail && !keepPhone) {
			keepEmail = email != null;
			keepPhone = email == null;
		}
		return record(person, copy, at, name(person, random), keepEmail ? email(email, random) : null,
				keepPhone ? phone : null, random);
	}

	private static String name(Person person, SplittableRandom random) {
		int roll = random.nextInt(100);
		if (roll < 8) {
			return null;
		}
		if (roll < 18) {
			return person.family() + " " + person.given();
		}
		if (roll < 33) {
			return random.nextBoolean() ? typo(person.given(), random) + " " + person.family()
					: person.given() + " " + typo(person.family(), random);
		}
		if (roll < 43) {
			return person.name().toUpperCase(Locale.ROOT);
		}
		if (roll < 50) {
			return Normalizer.normalize(person.name(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(
					Locale.ROOT);
		}
		return person.name();
	}

	private static String email(String email, SplittableRandom random) {
		int roll = random.nextInt(100);
		if (roll < 20) {
			return " " + email.toUpperCase(Locale.ROOT) + " ";
		}
		if (roll < 30) {
			int at = email.indexOf('@');
			return typo(email.substring(0, at), random) + email.substring(at);
		}
		if (roll < 40 && email.endsWith("@gmail.com")) {
			return email.replace(".", "").replace("@gmailcom", "+chat@gmail.com");
		}
		return email;
	}

	/** One letter swapped with its neighbour, dropped, or doubled: the typos people make. */
	private static String typo(String word, SplittableRandom random) {
		if (word.length() < 4) {
			return word;
		}
		int at = 1 + random.nextInt(word.length() - 2);
		if (!Character.isLetter(word.charAt(at)) || !Character.isLetter(word.charAt(at + 1))) {
			return word;
		}
		return switch (random.nextInt(3)) {
			case 0 -> word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
			case 1 -> word.substring(0, at) + word.substring(at + 1);
			default -> word.substring(0, at + 1) + word.substring(at);
		};
	}

	private static SampleRecord record(Person person, int copy, Instant at, String name, String email, String phone,
			SplittableRandom random) {
		String channel = pick(random);
		// A WhatsApp id is the phone number: one per number, as on WhatsApp itself.
		if (channel.equals("whatsapp") && (phone == null || copy > 0 || person.sharedPhone())) {
			channel = "telegram";
		}
		String externalId = channel.equals("whatsapp") ? phone : channel + "-" + person.number() + "-" + copy;
		return new SampleRecord("p" + person.number(), name, email, phone == null ? null : SampleText.usPhone(phone, random),
				channel, externalId, at, Map.of());
	}

	private static String pick(SplittableRandom random) {
		int roll = random.nextInt(100);
		for (int i = 0; i < CHANNELS.length; i++) {
			roll -= CHANNEL_SHARE[i];
			if (roll < 0) {
				return CHANNELS[i];
			}
		}
		return CHANNELS[0];
	}

	private record Person(long number, String given, String family, String name, String email, String phone,
			boolean sharedPhone) {
	}
}
