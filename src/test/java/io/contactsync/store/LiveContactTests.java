package io.contactsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.contactsync.support.ApplicationTest;

/**
 * The view {@code live_contact} (V32): the contacts not merged away, with every column of contact. Its column list
 * was fixed when it was made, so a migration that adds a column to contact must make the view again.
 */
class LiveContactTests extends ApplicationTest {

	@Test
	void theViewHasEveryColumnOfContactAndLeavesOutMergedAwayContacts() {
		assertThat(columns("live_contact")).as("make the view again after adding a column to contact")
			.isEqualTo(columns("contact"));

		store.clear();
		long survivor = store.contact().name("Survivor").insert();
		long merged = store.contact().name("Merged").insert();
		store.jdbc().sql("update contact set merged_into = :survivor where id = :merged").param("survivor", survivor)
			.param("merged", merged).update();
		assertThat(store.jdbc().sql("select id from live_contact").query(Long.class).list()).containsExactly(survivor);
	}

	private List<String> columns(String table) {
		return store.jdbc().sql("""
				select column_name || ' ' || data_type from information_schema.columns
				where table_schema = current_schema() and table_name = :table order by ordinal_position""")
			.param("table", table).query(String.class).list();
	}
}
