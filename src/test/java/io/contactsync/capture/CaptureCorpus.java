package io.contactsync.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.capture.channel.ChannelSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A hostile-input corpus made from the real channel payloads: each one as it is, then with every field removed in
 * turn, every field's type swapped in turn, a NUL in every text, every text huge, cut in half, duplicated, and with
 * bytes that are not UTF-8 in it. Each record is one line's bytes; whether it is good is for the import to say.
 */
final class CaptureCorpus {

	/** One record of the corpus: its bytes and what was done to which sample. */
	record Mutant(String sample, String mutation, byte[] bytes) {

		boolean original() {
			return mutation.equals("original");
		}
	}

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private CaptureCorpus() {
	}

	static List<Mutant> build() throws java.io.IOException {
		List<Mutant> corpus = new ArrayList<>();
		for (String sample : ChannelSamples.all().toList()) {
			ObjectNode payload = ChannelSamples.read(sample);
			corpus.add(mutant(sample, "original", payload));
			List<List<Object>> paths = paths(payload, new ArrayList<>());
			for (List<Object> path : paths) {
				corpus.add(mutant(sample, "removed " + path, change(payload, path, null)));
				corpus.add(mutant(sample, "swapped " + path, change(payload, path, swapped(at(payload, path)))));
			}
			corpus.add(mutant(sample, "NUL in every text", strings(payload, text -> text + "\u0000x")));
			corpus.add(mutant(sample, "huge texts", strings(payload, text -> text + "y".repeat(70_000))));
			corpus.add(mutant(sample, "duplicated", payload));
			String text = JsonMapper.shared().writeValueAsString(payload);
			corpus.add(new Mutant(sample, "cut in half", text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8)));
			corpus.add(new Mutant(sample, "not UTF-8", notUtf8(text)));
		}
		return corpus;
	}

	private static Mutant mutant(String sample, String mutation, JsonNode payload) {
		return new Mutant(sample, mutation, JsonMapper.shared().writeValueAsBytes(payload));
	}

	/** Every field and element below the payload, as the keys and indexes that lead there. */
	private static List<List<Object>> paths(JsonNode node, List<Object> prefix) {
		List<List<Object>> paths = new ArrayList<>();
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				List<Object> path = new ArrayList<>(prefix);
				path.add(entry.getKey());
				paths.add(path);
				paths.addAll(paths(entry.getValue(), path));
			}
		}
		else if (node.isArray() && !node.isEmpty()) {
			List<Object> path = new ArrayList<>(prefix);
			path.add(0);
			paths.add(path);
			paths.addAll(paths(node.get(0), path));
		}
		return paths;
	}

	private static JsonNode at(JsonNode node, List<Object> path) {
		JsonNode at = node;
		for (Object step : path) {
			at = step instanceof Integer index ? at.get(index) : at.get((String) step);
		}
		return at;
	}

	/** A copy with the value at the path replaced, or removed when {@code value} is null. */
	private static JsonNode change(JsonNode payload, List<Object> path, JsonNode value) {
		JsonNode copy = payload.deepCopy();
		JsonNode parent = at(copy, path.subList(0, path.size() - 1));
		Object last = path.get(path.size() - 1);
		if (parent instanceof ObjectNode object) {
			if (value == null) {
				object.remove((String) last);
			}
			else {
				object.set((String) last, value);
			}
		}
		else if (parent instanceof ArrayNode array) {
			if (value == null) {
				array.remove((Integer) last);
			}
			else {
				array.set((Integer) last, value);
			}
		}
		return copy;
	}

	/** A value of another type: a text for a number, a number for a text, a list for an object and so on. */
	private static JsonNode swapped(JsonNode value) {
		if (value.isString()) {
			return NODES.numberNode(42);
		}
		if (value.isNumber() || value.isBoolean() || value.isNull()) {
			return NODES.stringNode("not what it should be");
		}
		return value.isObject() ? NODES.arrayNode().add("x") : NODES.objectNode().put("x", 1);
	}

	private static JsonNode strings(JsonNode node, java.util.function.UnaryOperator<String> change) {
		if (node.isString()) {
			return NODES.stringNode(change.apply(node.stringValue()));
		}
		if (node.isObject()) {
			ObjectNode copy = NODES.objectNode();
			node.properties().forEach(entry -> copy.set(entry.getKey(), strings(entry.getValue(), change)));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = NODES.arrayNode();
			node.forEach(element -> copy.add(strings(element, change)));
			return copy;
		}
		return node;
	}

	/** The payload with 0xFF 0xFE where its first text value begins. */
	private static byte[] notUtf8(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		int quote = 1;
		while (quote < bytes.length && !(bytes[quote - 1] == ':' && bytes[quote] == '"')) {
			quote++;
		}
		quote = Math.min(quote + 1, bytes.length);
		byte[] broken = new byte[bytes.length + 2];
		System.arraycopy(bytes, 0, broken, 0, quote);
		broken[quote] = (byte) 0xFF;
		broken[quote + 1] = (byte) 0xFE;
		System.arraycopy(bytes, quote, broken, quote + 2, bytes.length - quote);
		return broken;
	}
}
