package io.contactsync.capture.channel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The real webhook payloads under src/test/resources/channels (their origins are in SOURCES.md there). */
public final class ChannelSamples {

	static final Path ROOT = root();

	private ChannelSamples() {
	}

	/** A sample as a fresh tree, so a test may change its copy. */
	public static ObjectNode read(String name) {
		return (ObjectNode) JsonMapper.shared().readTree(ROOT.resolve(name));
	}

	static JsonNode json(String json) {
		return JsonMapper.shared().readTree(json);
	}

	private static Path root() {
		try {
			return Path.of(ChannelSamples.class.getResource("/channels").toURI());
		}
		catch (java.net.URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Every sample file, as a path relative to the root ("telegram/update_...json"). */
	public static Stream<String> all() throws java.io.IOException {
		try (Stream<Path> files = Files.walk(ROOT)) {
			return files.filter(file -> file.toString().endsWith(".json"))
				.map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
				.sorted()
				.toList()
				.stream();
		}
	}
}
