package io.contactsync.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.CheckedFiles;
import io.contactsync.policy.FileProblem;
import io.contactsync.policy.OnlineCheck;
import org.springframework.stereotype.Component;

/**
 * Every mapping held against its CRM's live schema, read with the mapping's own credentials: for
 * {@code run validate online=true}, {@code POST /api/v1/mappings/validate?online=true} and the start of every push
 * that sends. Without credentials the check is skipped and says so; it never passes a mapping it could not check.
 */
@Component
public class MappingSchemaCheck implements CheckedFiles {

	private final CrmMappings mappings;

	private final Map<CrmTarget, CrmConnector> connectors;

	MappingSchemaCheck(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors) {
		this.mappings = mappings;
		this.connectors = crmConnectors;
	}

	/** What a check of one mapping came to. */
	public enum Outcome {
		VALID, INVALID, SKIPPED, UNREADABLE
	}

	/**
	 * @param note what was checked against, or why nothing was
	 */
	public record Verdict(CrmMapping mapping, Outcome outcome, List<FileProblem> problems, String note) {

		/** One line for a person: the file, the outcome and the note. */
		public String line() {
			return mapping.file() + ": " + switch (outcome) {
				case VALID -> "valid against " + note;
				case INVALID -> problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " against " + note;
				case SKIPPED -> "online check skipped — " + note;
				case UNREADABLE -> "online check failed — " + note;
			};
		}
	}

	public Verdict check(CrmMapping mapping) {
		CrmConnector connector = connectors.get(mapping.target());
		if (connector == null || !connector.hasCredentials(mapping)) {
			return new Verdict(mapping, Outcome.SKIPPED, List.of(), "no credentials in the environment ("
					+ String.join(", ", mapping.credentials().values()) + "), so the live schema was not read");
		}
		String against = mapping.target().label() + "'s live schema of " + mapping.object();
		try {
			List<FileProblem> problems = new ArrayList<>(SchemaRules.check(mapping, connector.describe(mapping)));
			problems.addAll(connector.checkOptions(mapping));
			if (mapping.activities() != null) {
				for (String kind : ActivitySchemaRules.kinds(mapping.activities())) {
					problems.addAll(ActivitySchemaRules.check(mapping, kind, connector.activityFields(kind),
							connector.describeActivities(mapping, kind)));
				}
			}
			return new Verdict(mapping, problems.isEmpty() ? Outcome.VALID : Outcome.INVALID, problems, against);
		}
		catch (CrmUnavailableException ex) {
			return new Verdict(mapping, Outcome.UNREADABLE, List.of(), "could not read " + against + ": "
					+ ex.getMessage());
		}
	}

	@Override
	public List<String> describe() {
		return List.of();
	}

	/** A mapping whose schema could not be read fails the check too: it was not shown to be valid. */
	@Override
	public OnlineCheck checkOnline() {
		List<String> checked = new ArrayList<>();
		List<FileProblem> problems = new ArrayList<>();
		for (CrmMapping mapping : mappings.all()) {
			Verdict verdict = check(mapping);
			checked.add(verdict.line());
			problems.addAll(verdict.problems());
			if (verdict.outcome() == Outcome.UNREADABLE) {
				problems.add(new FileProblem(mapping.file(), 1, verdict.note()));
			}
		}
		return new OnlineCheck(checked, problems);
	}
}
