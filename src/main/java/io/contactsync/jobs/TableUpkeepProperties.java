package io.contactsync.jobs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a bulk job vacuums the tables it wrote (see {@link TableUpkeep}).
 *
 * @param vacuumShare the share of a table's rows a job must have written for its upkeep step to vacuum and analyse
 *                    it; below it autovacuum comes round in its own time. 0 vacuums after every write.
 */
@ConfigurationProperties("contactsync.upkeep")
public record TableUpkeepProperties(@DefaultValue("0.1") double vacuumShare) {

	public TableUpkeepProperties {
		if (vacuumShare < 0 || vacuumShare > 1) {
			throw new IllegalStateException("contactsync.upkeep.vacuum-share must be between 0 and 1 (a share of a"
					+ " table's rows), was " + vacuumShare);
		}
	}
}
