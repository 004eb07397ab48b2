package io.contactsync.dedup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Given names that are one person's, from {@code nicknames.txt} beside this class: {@code William} and
 * {@code Bill}, {@code Alexander} and {@code Sasha}, {@code Dmitriy} and {@code Dmitry}. A line holds one full
 * name's spellings, then its nicknames; a nickname is the same name as the spellings, never as another nickname
 * (Lisa and Betty, both Elizabeth, may be sisters), and a nickname of several names ({@code alex}) is each.
 */
final class Nicknames {

	private static final Nicknames BUILT_IN = read("nicknames.txt");

	/** Per folded name, its place on every line that holds it. */
	private final Map<String, List<Place>> places;

	private Nicknames(Map<String, List<Place>> places) {
		this.places = places;
	}

	static Nicknames builtIn() {
		return BUILT_IN;
	}

	/** Whether two different folded given names are one person's: one line holds both, one of them a spelling. */
	boolean same(String a, String b) {
		List<Place> x = places.get(a);
		List<Place> y = places.get(b);
		if (x == null || y == null) {
			return false;
		}
		for (Place p : x) {
			for (Place q : y) {
				if (p.line() == q.line() && (p.spelling() || q.spelling())) {
					return true;
				}
			}
		}
		return false;
	}

	/** The full name a nickname or spelling stands for first ({@code bill} → {@code william}), or the name itself. */
	String canonical(String name) {
		List<Place> found = places.get(name);
		return found == null ? name : found.get(0).full();
	}

	private static Nicknames read(String resource) {
		Map<String, List<Place>> places = new HashMap<>();
		int number = 0;
		try (InputStream in = Nicknames.class.getResourceAsStream(resource);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String text = line.strip();
				if (text.isEmpty() || text.startsWith("#")) {
					continue;
				}
				int bar = text.indexOf('|');
				String[] spellings = text.substring(0, bar).strip().split("\\s+");
				String nicknames = text.substring(bar + 1).strip();
				number++;
				for (String spelling : spellings) {
					place(places, spelling, new Place(number, spellings[0], true));
				}
				for (String nickname : nicknames.isEmpty() ? new String[0] : nicknames.split("\\s+")) {
					place(places, nickname, new Place(number, spellings[0], false));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("The built-in nicknames (" + resource + ") could not be read", ex);
		}
		Map<String, List<Place>> frozen = new HashMap<>();
		places.forEach((name, list) -> frozen.put(name, List.copyOf(list)));
		return new Nicknames(Map.copyOf(frozen));
	}

	/** A spelling's place comes before a nickname's, so that canonical() is the name's own line where it has one. */
	private static void place(Map<String, List<Place>> places, String name, Place place) {
		List<Place> list = places.computeIfAbsent(name, key -> new ArrayList<>());
		list.add(place.spelling() ? 0 : list.size(), place);
	}

	private record Place(int line, String full, boolean spelling) {
	}
}
