package io.contactsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTests {

	@Test
	void acceptsOrdinaryTextAndWholeSurrogatePairs() {
		assertThat(StorableText.problem("Zoë 😀 Ünal")).isEmpty();
		assertThat(StorableText.problem(null)).isEmpty();
	}

	@Test
	void namesNulAndLoneSurrogatesByPositionWithoutQuotingTheText() {
		assertThat(StorableText.problem("jane\u0000doe")).hasValueSatisfying(problem -> {
			assertThat(problem).contains("NUL").contains("position 4").doesNotContain("jane");
		});
		assertThat(StorableText.problem("ab\uD800")).hasValueSatisfying(p -> assertThat(p).contains("position 2"));
		assertThat(StorableText.problem("\uDC00ab")).hasValueSatisfying(p -> assertThat(p).contains("position 0"));
	}

	@Test
	void cleansWhatItRefuses() {
		assertThat(StorableText.clean("ja\u0000ne \uD800x 😀")).isEqualTo("jane \uFFFDx 😀");
		assertThat(StorableText.isStorable(StorableText.clean("\uDC00\uD800"))).isTrue();
	}

	@Test
	void truncatesWithAMarkAndNeverSplitsAPair() {
		String cut = StorableText.truncate("a".repeat(99) + "😀" + "b".repeat(50), 100 + StorableText.TRUNCATION_MARK.length());
		assertThat(cut).endsWith(StorableText.TRUNCATION_MARK);
		assertThat(StorableText.isStorable(cut)).isTrue();
		assertThat(cut.length()).isLessThanOrEqualTo(100 + StorableText.TRUNCATION_MARK.length());
		assertThat(StorableText.truncate("short", 100)).isEqualTo("short");
	}
}
