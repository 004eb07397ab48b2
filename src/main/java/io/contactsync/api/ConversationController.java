package io.contactsync.api;

import java.util.List;
import java.util.Map;

import io.contactsync.store.ConversationRepository;
import io.contactsync.store.Message;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Transcripts. */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationController {

	private final ConversationRepository conversations;

	ConversationController(ConversationRepository conversations) {
		this.conversations = conversations;
	}

	@GetMapping("/{id}/messages")
	Map<String, Object> messages(@PathVariable long id) {
		List<Message> messages = conversations.findMessages(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No conversation " + id));
		return Map.of("conversation_id", id, "messages", messages);
	}
}
