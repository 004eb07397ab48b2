package io.contactsync.web;

import java.security.Principal;

import io.contactsync.dedup.DedupQueries;
import io.contactsync.dedup.MergeService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Duplicate candidates side by side with their evidence; merge, dismiss, and the merge history with undo. */
@Controller
class DuplicatesPageController {

	private static final int PAGE_SIZE = 20;

	private final DedupQueries queries;

	private final MergeService merges;

	DuplicatesPageController(DedupQueries queries, MergeService merges) {
		this.queries = queries;
		this.merges = merges;
	}

	@GetMapping("/duplicates")
	String duplicates(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "1") int mergesPage,
			Model model) {
		DedupQueries.Page<DedupQueries.Candidate> candidates = queries.pendingCandidates(Math.max(1, page), PAGE_SIZE);
		model.addAttribute("candidates", candidates);
		model.addAttribute("pairs", candidates.items().stream().map(CandidateView::of).toList());
		model.addAttribute("merges", queries.merges(Math.max(1, mergesPage), PAGE_SIZE));
		return "duplicates";
	}

	@PostMapping("/duplicates/{id}/merge")
	String merge(@PathVariable long id, @RequestParam long survivor, Principal principal, RedirectAttributes redirect) {
		long record = merges.mergeCandidate(id, survivor, principal.getName());
		redirect.addFlashAttribute("notice", "Merged: contact " + survivor + " kept (merge " + record
				+ "; it can be undone below).");
		return "redirect:/duplicates";
	}

	@PostMapping("/duplicates/{id}/dismiss")
	String dismiss(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		merges.dismiss(id, principal.getName());
		redirect.addFlashAttribute("notice", "Dismissed: the pair will not be suggested again.");
		return "redirect:/duplicates";
	}

	@PostMapping("/merges/{id}/undo")
	String undo(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		merges.undo(id, principal.getName());
		redirect.addFlashAttribute("notice", "Merge " + id + " undone: both contacts are back.");
		return "redirect:/duplicates";
	}
}
