package io.contactsync.demo;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

import io.contactsync.demo.GeneratedContact.GeneratedConversation;
import io.contactsync.demo.GeneratedContact.GeneratedMessage;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Makes one contact from its seed: a channel in the proportions chatbot platforms see (mostly the website
 * widget), a name, an email and a phone for some, and one to four conversations of a few messages. Every
 * choice comes from a random generator seeded by the run's seed and the contact's number, so a restart
 * makes exactly the contacts it would have made.
 */
class SampleContactFactory implements ItemProcessor<ContactSeed, GeneratedContact> {

	/** Channels and their share of contacts, in percent. */
	private static final String[] CHANNELS = { "frame", "livechat", "telegram", "whatsapp", "messenger" };

	private static final int[] CHANNEL_SHARE = { 69, 10, 9, 7, 5 };

	private static final String[] STATUSES = { "new", "active", "follow_up", "archived" };

	private static final int[] STATUS_SHARE = { 50, 25, 15, 10 };

	private static final String[] TEMPERATURES = { "hot", "warm", "cold" };

	private static final int[] TEMPERATURE_SHARE = { 15, 35, 50 };

	private static final int[] CONVERSATION_COUNT_SHARE = { 55, 28, 12, 5 };

	private static final Duration HISTORY = Duration.ofDays(365);

	@Override
	public GeneratedContact process(ContactSeed seed) {
		SplittableRandom random = new SplittableRandom(seed.seed() * 0x9E3779B97F4A7C15L + seed.number());
		String channel = pick(random, CHANNELS, CHANNEL_SHARE);
		String given = any(random, SampleVocabulary.GIVEN_NAMES);
		String surname = any(random, SampleVocabulary.SURNAMES);
		boolean named = channel.equals("whatsapp") || channel.equals("telegram") || random.nextInt(100) < 85;
		String email = random.nextInt(100) < 55 ? email(random, given, surname) : null;
		String phoneDigits = phoneDigits(seed);
		boolean hasPhone = channel.equals("whatsapp") || random.nextInt(100) < 30;
		Instant createdAt = seed.anchor().minusSeconds(random.nextLong(HISTORY.toSeconds()));
		List<GeneratedConversation> conversations = conversations(random, seed, createdAt);
		Instant lastActivity = conversations.get(conversations.size() - 1).lastMessageAt();
		return new GeneratedContact(named ? given + " " + surname : null, email,
				hasPhone ? formatUsPhone(phoneDigits) : null, hasPhone ? "+" + phoneDigits : null, channel,
				externalId(channel, seed, phoneDigits), createdAt, lastActivity,
				pick(random, STATUSES, STATUS_SHARE), pick(random, TEMPERATURES, TEMPERATURE_SHARE), conversations);
	}

	private static List<GeneratedConversation> conversations(SplittableRandom random, ContactSeed seed,
			Instant createdAt) {
		int count = 1 + pickIndex(random, CONVERSATION_COUNT_SHARE);
		String bot = any(random, SampleVocabulary.BOTS);
		List<GeneratedConversation> conversations = new ArrayList<>(count);
		Instant start = createdAt;
		for (int c = 0; c < count; c++) {
			List<GeneratedMessage> messages = messages(random, start, 2 + random.nextInt(3));
			Instant last = messages.get(messages.size() - 1).sentAt();
			boolean open = c == count - 1 && Duration.between(last, seed.anchor()).toDays() < 2;
			Integer firstResponse = (int) Duration.between(messages.get(0).sentAt(), messages.get(1).sentAt()).toSeconds();
			conversations.add(new GeneratedConversation("gen-" + seed.seed() + "-" + seed.number() + "-" + c, bot, start,
					last, open ? null : last.plusSeconds(300), firstResponse, messages));
			long gap = Math.max(1, Duration.between(last, seed.anchor()).toSeconds());
			start = last.plusSeconds(Math.min(gap, 3600 + random.nextLong(Duration.ofDays(20).toSeconds())));
			if (start.isAfter(seed.anchor())) {
				break;
			}
		}
		return conversations;
	}

	private static List<GeneratedMessage> messages(SplittableRandom random, Instant start, int count) {
		List<GeneratedMessage> messages = new ArrayList<>(count);
		Instant at = start;
		for (int m = 0; m < count; m++) {
			String sender = m % 2 == 0 ? "visitor" : "bot";
			String text = m == 0 ? any(random, SampleVocabulary.OPENERS)
					: sender.equals("bot") ? any(random, SampleVocabulary.BOT_REPLIES)
							: any(random, SampleVocabulary.FOLLOW_UPS);
			messages.add(new GeneratedMessage("m" + (m + 1), sender, text, at));
			at = at.plusSeconds(sender.equals("visitor") ? 1 + random.nextInt(5) : 10 + random.nextInt(120));
		}
		return messages;
	}

	/** A US number unique to the seed and contact number, as digits with the country code. */
	private static String phoneDigits(ContactSeed seed) {
		long spread = (seed.number() / SampleVocabulary.AREA_CODES.size() * 7_919 + seed.seed() * 104_729) % 8_000_000;
		String area = SampleVocabulary.AREA_CODES.get((int) (seed.number() % SampleVocabulary.AREA_CODES.size()));
		return "1" + area + (2_000_000 + spread);
	}

	private static String formatUsPhone(String digits) {
		return "+1 (" + digits.substring(1, 4) + ") " + digits.substring(4, 7) + "-" + digits.substring(7);
	}

	private static String externalId(String channel, ContactSeed seed, String phoneDigits) {
		long unique = seed.seed() * 10_000_000L + seed.number();
		return switch (channel) {
			case "telegram" -> Long.toString(100_000_000L + unique);
			case "whatsapp" -> phoneDigits;
			case "messenger" -> Long.toString(2_000_000_000_000_000L + unique);
			case "livechat" -> Long.toString(500_000L + unique);
			default -> UUID.nameUUIDFromBytes(("frame:" + unique).getBytes()).toString();
		};
	}

	private static String email(SplittableRandom random, String given, String surname) {
		String separator = random.nextBoolean() ? "." : "";
		String local = String.join(separator, java.util.stream.Stream.of(ascii(given), ascii(surname))
			.filter(part -> !part.isEmpty())
			.toList());
		if (local.replace(".", "").isEmpty()) {
			local = "visitor" + random.nextInt(100_000);
		}
		else if (random.nextInt(3) == 0) {
			local += random.nextInt(100);
		}
		return local + "@" + any(random, SampleVocabulary.EMAIL_DOMAINS);
	}

	/** Latin letters without accents; names in other scripts leave nothing, as they would in an address. */
	private static String ascii(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
	}

	private static String any(SplittableRandom random, List<String> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static String pick(SplittableRandom random, String[] values, int[] shares) {
		return values[pickIndex(random, shares)];
	}

	private static int pickIndex(SplittableRandom random, int[] shares) {
		int roll = random.nextInt(100);
		for (int i = 0; i < shares.length; i++) {
			roll -= shares[i];
			if (roll < 0) {
				return i;
			}
		}
		return shares.length - 1;
	}
}
