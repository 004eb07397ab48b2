package io.contactsync.dedup;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Copies a chunk's normalised contacts into dedup_feature, in the chunk's transaction. */
class FeatureWriter implements ItemWriter<ContactFeatures> {

	private final DataSource dataSource;

	private final FeatureRows featureRows;

	private final long runId;

	FeatureWriter(DataSource dataSource, FeatureRows featureRows, long runId) {
		this.dataSource = dataSource;
		this.featureRows = featureRows;
		this.runId = runId;
	}

	@Override
	public void write(Chunk<? extends ContactFeatures> chunk) throws Exception {
		CopyRows rows = new CopyRows();
		for (ContactFeatures features : chunk) {
			featureRows.add(rows, runId, features);
		}
		rows.copyInto(dataSource, "dedup_feature (run_id, " + FeatureRows.COLUMNS + ")");
	}
}
