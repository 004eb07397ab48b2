package io.contactsync.scoring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.contactsync.scoring.LeadScore.FiredRule;
import io.contactsync.scoring.LeadScoringRules.CountPoints;
import io.contactsync.scoring.LeadScoringRules.Intent;
import io.contactsync.scoring.LeadScoringRules.RecencyPoints;
import io.contactsync.scoring.LeadScoringRules.StatusRules;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Applies {@link LeadScoringRules} to one contact as of one instant, the run's: "within 7 days" means at most
 * 7 × 24 hours before it. Every rule that adds points is kept with its reason, and the status with the facts
 * that decided it, so that a score explains itself.
 */
class LeadScorer implements ItemProcessor<ContactFacts, LeadScore> {

	private record Status(String code, String reason) {
	}

	private final LeadScoringRules rules;

	private final Instant asOf;

	private final ZoneId zone;

	LeadScorer(LeadScoringRules rules, Instant asOf, ZoneId zone) {
		this.rules = rules;
		this.asOf = asOf;
		this.zone = zone;
	}

	@Override
	public LeadScore process(ContactFacts facts) {
		List<FiredRule> fired = new ArrayList<>();
		conversations(facts, fired);
		recency(facts, fired);
		intents(facts, fired);
		if (rules.contactDetails() != 0 && (facts.hasEmail() || facts.hasPhone())) {
			fired.add(new FiredRule("contact-details", rules.contactDetails(), "left " + (facts.hasEmail()
					? facts.hasPhone() ? "an email and a phone" : "an email" : "a phone")));
		}
		int score = Math.max(0, Math.min(100, fired.stream().mapToInt(FiredRule::points).sum()));
		String temperature = score >= rules.temperature().hot() ? "hot"
				: score >= rules.temperature().warm() ? "warm" : "cold";
		List<String> intents = new ArrayList<>();
		for (int i = 0; i < rules.intents().size(); i++) {
			if ((facts.intents() & 1 << i) != 0) {
				intents.add(rules.intents().get(i).name());
			}
		}
		Status status = status(facts, score);
		return new LeadScore(facts.id(), score, temperature, status.code(), status.reason(), fired, List.copyOf(intents),
				facts.conversations());
	}

	private void conversations(ContactFacts facts, List<FiredRule> fired) {
		for (CountPoints line : rules.conversations()) {
			if (facts.conversations() >= line.atLeast()) {
				fired.add(new FiredRule("conversations", line.points(), plural(facts.conversations(), "conversation")
						+ " (" + line.atLeast() + " or more)"));
				return;
			}
		}
	}

	private void recency(ContactFacts facts, List<FiredRule> fired) {
		if (facts.lastActivityAt() == null) {
			return;
		}
		for (RecencyPoints line : rules.recency()) {
			if (within(facts.lastActivityAt(), line.withinDays())) {
				fired.add(new FiredRule("recency", line.points(), "last active " + day(facts.lastActivityAt())
						+ ", within " + line.withinDays() + " days"));
				return;
			}
		}
	}

	private void intents(ContactFacts facts, List<FiredRule> fired) {
		for (int i = 0; i < rules.intents().size(); i++) {
			Intent intent = rules.intents().get(i);
			if ((facts.intents() & 1 << i) != 0) {
				fired.add(new FiredRule("intent." + intent.name(), intent.points(), intent.description()));
			}
		}
	}

	/** The status and the facts that decided it, in the file's order: archived, new, active, else follow_up. */
	private Status status(ContactFacts facts, int score) {
		StatusRules status = rules.status();
		Instant last = facts.lastActivityAt() == null ? facts.createdAt() : facts.lastActivityAt();
		if (facts.archived()) {
			return new Status("archived", "archived by hand or by retention");
		}
		if (status.archiveOptedOut() && facts.optedOut()) {
			return new Status("archived", "opted out of marketing");
		}
		if (status.archiveInCrm() && facts.inCrm()) {
			return new Status("archived", "pushed to a CRM");
		}
		if (!within(last, status.archiveInactiveDays())) {
			return new Status("archived", "no activity since " + day(last) + ", more than "
					+ status.archiveInactiveDays() + " days");
		}
		if (within(facts.createdAt(), status.newWithinDays())
				&& facts.conversations() <= status.newMaxConversations()) {
			return new Status("new", "first contact " + day(facts.createdAt()) + ", "
					+ plural(facts.conversations(), "conversation"));
		}
		List<String> missing = new ArrayList<>();
		if (facts.conversations() < status.activeMinConversations()) {
			missing.add(plural(facts.conversations(), "conversation") + " (active needs "
					+ status.activeMinConversations() + ")");
		}
		if (score < status.activeMinScore()) {
			missing.add("score " + score + " (active needs " + status.activeMinScore() + ")");
		}
		if (!within(last, status.activeWithinDays())) {
			missing.add("no activity since " + day(last) + " (active needs the last " + status.activeWithinDays()
					+ " days)");
		}
		if (status.activeNeedsContactDetails() && !facts.hasEmail() && !facts.hasPhone()) {
			missing.add("no email or phone");
		}
		if (missing.isEmpty()) {
			return new Status("active", plural(facts.conversations(), "conversation") + ", score " + score
					+ ", last active " + day(last));
		}
		return new Status("follow_up", String.join("; ", missing));
	}

	private boolean within(Instant instant, int days) {
		return !instant.isBefore(asOf.minus(Duration.ofDays(days)));
	}

	private String day(Instant instant) {
		return instant.atZone(zone).toLocalDate().toString();
	}

	private static String plural(int count, String noun) {
		return count + " " + noun + (count == 1 ? "" : "s");
	}
}
