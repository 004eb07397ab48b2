package io.contactsync.scoring;

/** A result that differs from what the store holds, with its rules as the JSON that lead_score keeps. */
record StagedScore(LeadScore score, String rules) {
}
