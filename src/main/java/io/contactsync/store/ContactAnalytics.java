package io.contactsync.store;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The numbers of the contacts a filter selects (first contact within a date range, first channel), as sales and
 * marketing read them. Percentages have one decimal, averages two; null when there is nothing to average.
 *
 * @param averageConversationsPerContact every conversation of the selected contacts, divided by their number
 * @param averageFirstResponseSeconds    over their conversations that had a response
 * @param conversion                     contacts that reached any of the goals (lead-scoring.yml's conversion)
 * @param repeatVisitors                 contacts with more than one conversation
 * @param temperatures                   by lead temperature, {@code unscored} for contacts not yet scored
 * @param newContactsPerDay              every day from the first to the last, days without any included
 */
public record ContactAnalytics(long totalContacts, List<ChannelShare> channels,
		BigDecimal averageConversationsPerContact, BigDecimal averageFirstResponseSeconds, Share conversion,
		List<String> conversionGoals, Share repeatVisitors, Map<String, Long> temperatures, Map<String, Long> statuses,
		List<DayCount> newContactsPerDay) {

	public record ChannelShare(String channel, String label, long contacts, BigDecimal percent) {
	}

	public record Share(long contacts, BigDecimal percent) {
	}

	public record DayCount(LocalDate day, long contacts) {
	}
}
