package io.contactsync.dedup;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.contactsync.dedup.Clustering.Link;
import io.contactsync.store.CopyRows;
import io.contactsync.dedup.PairScorer.PairScore;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the scored pairs into decisions, in one transaction: clusters to merge (written as the run's merge
 * plan, survivor first, each cluster whole into one of {@code planParts} parts that the merge applies side by
 * side) and duplicate candidates for the pairs in between, between the contacts that will
 * survive. Run again after a failure it decides the same, since it reads only what earlier steps stored.
 */
class ClusteringTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final JsonMapper json;

	private final DedupRules rules;

	private final FeatureRows featureRows;

	private final long runId;

	private final int planParts;

	ClusteringTasklet(JdbcClient jdbc, DataSource dataSource, JsonMapper json, DedupRules rules, long runId,
			int planParts) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.json = json;
		this.rules = rules;
		this.featureRows = new FeatureRows(json);
		this.runId = runId;
		this.planParts = planParts;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
			throws SQLException, IOException {
		List<Link> links = jdbc.sql("""
				select contact_a, contact_b, score, evidence::text from dedup_score where run_id = :run
				order by contact_a, contact_b""")
			.param("run", runId)
			.query((rs, row) -> new Link(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getString(4)))
			.list();
		PairScorer scorer = new PairScorer(rules, ValueFrequencies.read(jdbc, rules, runId));
		Map<Long, ContactFeatures> features = strongLinkFeatures();
		Clustering clustering = new Clustering(rules, scorer, features, dismissedPairs());
		List<Link> refused = clustering.cluster(links);
		List<List<Long>> clusters = clustering.clusters();
		Map<Long, Long> survivorOf = new HashMap<>();
		clusters.forEach(cluster -> cluster.forEach(id -> survivorOf.put(id, cluster.get(0))));
		int merges = writePlan(clusters, features, scorer);
		List<Link> undecided = new ArrayList<>(refused);
		links.stream().filter(link -> link.score() < rules.autoMerge()).forEach(undecided::add);
		int candidates = writeCandidates(undecided, survivorOf);
		contribution.incrementWriteCount(merges + candidates);
		contribution.getStepExecution().getExecutionContext().putString(StepTimer.SUMMARY, clusters.size()
				+ " clusters, " + merges + " contacts to merge into their survivors, " + candidates
				+ " new duplicate candidates, " + refused.size()
				+ " strong links refused because the cluster would join people who differ");
		return RepeatStatus.FINISHED;
	}

	private Map<Long, ContactFeatures> strongLinkFeatures() {
		Map<Long, ContactFeatures> features = new HashMap<>();
		jdbc.sql("select " + FeatureRows.select("f", "") + """
				 from dedup_feature f
				where f.run_id = :run and f.contact_id in (
				    select contact_a from dedup_score where run_id = :run and score >= :auto
				    union select contact_b from dedup_score where run_id = :run and score >= :auto)""")
			.param("run", runId)
			.param("auto", rules.autoMerge())
			.query((rs, row) -> featureRows.read(rs, ""))
			.list()
			.forEach(contact -> features.put(contact.contactId(), contact));
		return features;
	}

	private Set<Long> dismissedPairs() {
		Set<Long> dismissed = new HashSet<>();
		jdbc.sql("select contact_a, contact_b from duplicate_candidate where status = 'dismissed'")
			.query((rs, row) -> Clustering.pairKey(rs.getLong(1), rs.getLong(2)))
			.list()
			.forEach(dismissed::add);
		return dismissed;
	}

	private int writePlan(List<List<Long>> clusters, Map<Long, ContactFeatures> features, PairScorer scorer)
			throws SQLException, IOException {
		jdbc.sql("delete from merge_plan where plan like :parts").param("parts", MergeExecutor.runPlanParts(runId))
			.update();
		CopyRows rows = new CopyRows();
		for (List<Long> cluster : clusters) {
			long survivor = cluster.get(0);
			String plan = MergeExecutor.runPlan(runId, (int) (survivor % planParts));
			for (long merged : cluster.subList(1, cluster.size())) {
				PairScore score = scorer.scoreWithEvidence(features.get(survivor), features.get(merged));
				String reason = "dedup run " + runId + ": score " + String.format("%.4f", score.score())
						+ " at or above autoMerge " + rules.autoMerge() + ", cluster of " + cluster.size();
				rows.add(plan).add(survivor).add(merged).add(fourPlaces(score.score()))
					.add(json.writeValueAsString(score.evidence())).add(reason).add("dedup").endRow();
			}
		}
		return (int) rows.copyInto(dataSource,
				"merge_plan (plan, survivor_id, merged_id, score, evidence, reason, actor)");
	}

	/** One candidate per pair of survivors, with the strongest link's evidence; pairs already known stay. */
	private int writeCandidates(List<Link> links, Map<Long, Long> survivorOf) throws SQLException, IOException {
		Map<Long, Link> best = new LinkedHashMap<>();
		for (Link link : links) {
			long a = survivorOf.getOrDefault(link.a(), link.a());
			long b = survivorOf.getOrDefault(link.b(), link.b());
			Link strongest = best.get(Clustering.pairKey(a, b));
			if (a != b && (strongest == null || strongest.score() < link.score())) {
				best.put(Clustering.pairKey(a, b), link);
			}
		}
		CopyRows rows = new CopyRows();
		for (Link link : best.values()) {
			long a = survivorOf.getOrDefault(link.a(), link.a());
			long b = survivorOf.getOrDefault(link.b(), link.b());
			String evidence = link.evidence();
			if (a != link.a() || b != link.b()) {
				Map<String, Object> through = new LinkedHashMap<>(json.readValue(evidence, Map.class));
				through.put("linked_through", List.of(link.a(), link.b()));
				evidence = json.writeValueAsString(through);
			}
			rows.add(Math.min(a, b)).add(Math.max(a, b)).add(fourPlaces(link.score())).add(evidence).endRow();
		}
		jdbc.sql("""
				create temp table run_candidate (contact_a bigint, contact_b bigint, score numeric(5, 4),
				    evidence jsonb) on commit drop""").update();
		rows.copyInto(dataSource, "run_candidate (contact_a, contact_b, score, evidence)");
		return jdbc.sql("""
				insert into duplicate_candidate (contact_a, contact_b, score, evidence)
				select contact_a, contact_b, score, evidence from run_candidate
				on conflict (contact_a, contact_b) do nothing""").update();
	}

	/** A score as merge_plan and duplicate_candidate keep it. */
	private static BigDecimal fourPlaces(double score) {
		return BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP);
	}
}
