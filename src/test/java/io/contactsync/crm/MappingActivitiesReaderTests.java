package io.contactsync.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.contactsync.crm.CrmMapping.Activities;
import io.contactsync.policy.FileProblem;
import org.junit.jupiter.api.Test;

/** The {@code activities:} section of a mapping file, on the shipped mappings/hubspot.yml. */
class MappingActivitiesReaderTests {

	private static final String FILE = "mappings/hubspot.yml";

	private final MappingFileReader reader = new MappingFileReader();

	@Test
	void theShippedHubSpotMappingPushesClosedChatsOfTwoMessagesOrMoreAsNotes() throws IOException {
		Activities activities = reader.read(FILE, new StringReader(shipped())).activities();

		assertThat(activities).isEqualTo(new Activities(true, 2, java.util.Set.of(), Activities.NOTE,
				"Chat with {bot} on {channel}, {started}", 100, lineOf("conversations: closed")));
	}

	@Test
	void withoutTheSectionNoConversationGoes() throws IOException {
		String without = shipped().replaceAll("(?s)\nactivities:\n.*?\nfields:", "\nfields:");

		assertThat(reader.read(FILE, new StringReader(without)).activities()).isNull();
	}

	@Test
	void eachBadValueIsNamedWithItsLineAndTheChoices() throws IOException {
		String bad = shipped().replace("conversations: closed", "conversations: finished")
			.replace("as: note", "as: email")
			.replace("minMessages: 2", "minMessages: 0")
			.replace("  channels: []", "  channels: [sms]")
			.replace("title: \"Chat with {bot} on {channel}, {started}\"", "title: \"Chat {visitor}\"")
			.replace("  batchSize: 100", "  batchSize: 101");

		assertThat(problems(bad)).containsExactly(
				FILE + ":" + lineOf("conversations: closed")
						+ ": unknown activities.conversations 'finished'; use one of closed, all",
				FILE + ":" + lineOf("minMessages: 2") + ": activities.minMessages must be from 1 to 100000, not 0",
				FILE + ":" + lineOf("as: note") + ": unknown activities.as 'email'; use one of note, communication",
				FILE + ":" + lineOf("  batchSize: 100") + ": activities.batchSize must be from 1 to 100, not 101",
				FILE + ":" + lineOf("  channels: []")
						+ ": unknown channel 'sms' in activities.channels; use one of frame, livechat, telegram,"
						+ " messenger, whatsapp",
				FILE + ":" + lineOf("title: ") + ": unknown placeholder {visitor} in activities.title; use one of"
						+ " {bot}, {channel}, {started}");
	}

	@Test
	void anUnknownKeyIsNamedWithTheKeysThereAre() throws IOException {
		assertThat(problems(shipped().replace("  minMessages: 2", "  minMessages: 2\n  template: x"))).containsExactly(
				FILE + ":" + (lineOf("minMessages: 2") + 1) + ": unknown key 'activities.template'; use one of"
						+ " conversations, minMessages, channels, as, title, batchSize");
	}

	private List<String> problems(String yaml) {
		MappingException failure = catchThrowableOfType(MappingException.class,
				() -> reader.read(FILE, new StringReader(yaml)));
		assertThat(failure).as("a MappingException").isNotNull();
		return failure.problems().stream().map(FileProblem::toString).toList();
	}

	private static String shipped() throws IOException {
		return Files.readString(Path.of(FILE));
	}

	private static int lineOf(String text) throws IOException {
		List<String> lines = Files.readAllLines(Path.of(FILE));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text) && !lines.get(i).startsWith("#")) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " is not in " + FILE);
	}
}
