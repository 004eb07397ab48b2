package io.contactsync.crm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.contactsync.crm.ActivityLinks.Gone;
import io.contactsync.crm.ActivityLinks.Pending;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.util.DigestUtils;

/**
 * The step {@code pushActivities}: for each mapping with {@code activities:}, the conversations of contacts that
 * have a CRM record go to that record as activities, each once. Its work, read at the start: the activities whose
 * conversation is gone (an erased or deleted contact's) are deleted; those whose contact's record changed (a merge)
 * are deleted and created on the new one; then the new conversations are created and those that gained messages
 * updated, in the mapping's activity batches, as many at once as the process sends requests at once
 * ({@code contactsync.crm.concurrency}), their answers recorded in one transaction. A conversation whose
 * contact has no record yet waits for a later push. In a dry run, or without credentials, the bodies go to the
 * dry-run report and nothing changes.
 *
 * <p>Restartable: a resumed run reads what is still to do. Killed after the CRM created a batch but before the
 * commit, the resumed run creates it again: the CRMs take no idempotency key for notes.
 */
class PushActivitiesTasklet extends QueuedCrmTasklet<PushActivitiesTasklet.Work> {

	static final String COUNTS = "activities.counts";

	private final ActivityLinks links;

	private final int inFlight;

	/** Conversations whose contact has no record yet, as the queue found them. */
	private long waiting;

	PushActivitiesTasklet(List<CrmMapping> mappings, Map<CrmTarget, CrmConnector> connectors, ActivityLinks links,
			CrmSenders senders, int inFlight, boolean dryRun, Path dryRunReport, PushPlan plan) {
		super(COUNTS, mappings, connectors, senders, dryRun, dryRunReport, plan);
		this.links = links;
		this.inFlight = inFlight;
	}

	@Override
	protected Deque<Work> queue() {
		Deque<Work> queue = new ArrayDeque<>();
		for (CrmMapping mapping : mappings) {
			if (mapping.activities() == null) {
				continue;
			}
			int size = mapping.activities().batchSize();
			if (!dryRun) {
				links.closeUnpushed(mapping);
			}
			List<Gone> allGone = links.gone(mapping);
			for (String kind : CrmRules.activityKinds(mapping.target())) {
				List<Gone> gone = allGone.stream().filter(link -> kind.equals(link.kind())).toList();
				batches(gone, size, batch -> queue.add(new Work(mapping, Action.DELETE, kind, batch, List.of())));
			}
			List<Pending> pending = links.pending(mapping);
			waiting += links.waiting(mapping);
			for (String kind : CrmRules.activityKinds(mapping.target())) {
				List<Pending> moving = pending.stream().filter(p -> p.moves() && kind.equals(p.pushedKind())).toList();
				batches(moving, size, batch -> queue.add(new Work(mapping, Action.DETACH, kind, List.of(), batch)));
				for (boolean update : new boolean[] { false, true }) {
					List<Pending> batch = pending.stream()
						.filter(p -> kind.equals(p.kind()) && (p.crmId() != null && !p.moves()) == update)
						.toList();
					batches(batch, size, part -> queue.add(new Work(mapping, Action.PUSH, kind, List.of(), part)));
				}
			}
		}
		return queue;
	}

	private static <T> void batches(List<T> items, int size, Consumer<List<T>> add) {
		for (int from = 0; from < items.size(); from += size) {
			add.accept(items.subList(from, Math.min(items.size(), from + size)));
		}
	}

	/** As many batches at once as this process sends requests at once: the latency, not the loop, sets the pace. */
	@Override
	protected int itemsPerCall() {
		return inFlight;
	}

	@Override
	protected void run(Work work) throws Exception {
		run(List.of(work));
	}

	/** Sends the batches on the sender threads, then records every answer in this call's transaction. */
	@Override
	protected void run(List<Work> works) throws Exception {
		List<Future<Runnable>> sent = new ArrayList<>(works.size());
		for (Work work : works) {
			sent.add(senders.submit(() -> send(work)));
		}
		for (Future<Runnable> answer : sent) {
			try {
				answer.get().run();
			}
			catch (ExecutionException ex) {
				throw ex.getCause() instanceof Exception cause ? cause : ex;
			}
		}
		counts.add("requests", works.size());
	}

	/** One batch's request; what it answered, to record on the step's thread. */
	private Runnable send(Work work) {
		CrmMapping mapping = work.mapping();
		CrmConnector connector = connectors.get(mapping.target());
		boolean dry = dryRun || !connector.hasCredentials(mapping);
		return switch (work.action()) {
			case DELETE, DETACH -> delete(work, connector, dry);
			case PUSH -> push(work, connector, dry);
		};
	}

	private Runnable delete(Work work, CrmConnector connector, boolean dry) {
		CrmMapping mapping = work.mapping();
		boolean detach = work.action() == Action.DETACH;
		List<Long> conversations = detach ? work.pending().stream().map(Pending::conversationId).toList()
				: work.gone().stream().map(Gone::conversationId).toList();
		List<String> ids = detach ? work.pending().stream().map(Pending::crmId).toList()
				: work.gone().stream().map(Gone::crmId).toList();
		if (dry) {
			senders.writeDryRun(dryRunReport, mapping, "deleteActivities", "{\"kind\":\"" + work.kind()
					+ "\",\"ids\":" + ids.stream().map(id -> "\"" + id + "\"").toList() + "}");
			return () -> counts.add("would delete", ids.size());
		}
		List<DeleteResult> results = connector.deleteActivities(mapping, work.kind(), ids);
		return () -> {
			for (int i = 0; i < ids.size(); i++) {
				DeleteResult result = i < results.size() ? results.get(i) : noResult(ids.get(i));
				if (!result.deleted()) {
					links.failed(mapping, conversations.get(i), result);
					counts.add("failed", 1);
				}
				else if (detach) {
					links.detached(mapping, conversations.get(i));
					counts.add("moved", 1);
				}
				else {
					links.deleted(mapping, conversations.get(i));
					counts.add("deleted", 1);
				}
			}
		};
	}

	private Runnable push(Work work, CrmConnector connector, boolean dry) {
		CrmMapping mapping = work.mapping();
		Map<Long, Transcript.Conversation> transcripts = links.transcripts(
				work.pending().stream().map(Pending::conversationId).toList());
		ActivityFormat format = connector.activityFormat(mapping);
		List<CrmActivity> activities = work.pending().stream()
			.map(pending -> activity(mapping, format, pending, transcripts.get(pending.conversationId())))
			.toList();
		if (dry) {
			senders.writeDryRun(dryRunReport, mapping, "activities", connector.activityRequestBody(mapping, activities));
			return () -> counts.add("would push", activities.size());
		}
		List<ActivityResult> results = connector.pushActivities(mapping, activities);
		return () -> {
			for (int i = 0; i < activities.size(); i++) {
				Pending pending = work.pending().get(i);
				ActivityResult result = results.get(i);
				links.recorded(mapping, pending, result, transcripts.get(pending.conversationId()).messages().size(),
						DigestUtils.md5DigestAsHex(activities.get(i).body().getBytes(StandardCharsets.UTF_8)));
				counts.add(!result.succeeded() ? "failed" : activities.get(i).isUpdate() ? "updated" : "created", 1);
			}
		};
	}

	private static CrmActivity activity(CrmMapping mapping, ActivityFormat format, Pending pending,
			Transcript.Conversation conversation) {
		String title = Transcript.title(mapping.activities().title(), conversation);
		return new CrmActivity(pending.conversationId(), pending.parentCrmId(), pending.moves() ? null : pending.crmId(),
				pending.kind(), conversation.channel(), title, Transcript.body(title, conversation, format),
				conversation.startedAt().toInstant());
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		StringBuilder said = new StringBuilder().append(counts.get("created")).append(" activities created, ")
			.append(counts.get("updated")).append(" updated, ").append(counts.get("moved")).append(" moved, ")
			.append(counts.get("deleted")).append(" deleted, ").append(counts.get("failed")).append(" failed, in ")
			.append(counts.get("requests")).append(" requests");
		if (waiting > 0) {
			said.append("; ").append(waiting).append(waiting == 1 ? " chat waits" : " chats wait")
				.append(" for their contact's record");
		}
		if (counts.has("would push") || counts.has("would delete")) {
			said.append("; dry run: ").append(counts.get("would push")).append(" activities not pushed and ")
				.append(counts.get("would delete")).append(" not deleted, their requests in ").append(dryRunReport);
		}
		return step.getExitStatus().addExitDescription(said.toString());
	}

	private enum Action {
		/** The conversation is gone: its activity goes too. */
		DELETE,
		/** The contact's record changed: the old activity goes, the next batch creates it on the new one. */
		DETACH,
		/** Create, or update in place. */
		PUSH
	}

	record Work(CrmMapping mapping, Action action, String kind, List<Gone> gone, List<Pending> pending) {
	}
}
