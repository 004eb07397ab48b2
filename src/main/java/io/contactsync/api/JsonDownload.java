package io.contactsync.api;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A JSON document answered as a file to save, for the API and the dashboard alike. */
public final class JsonDownload {

	private JsonDownload() {
	}

	public static ResponseEntity<String> of(String fileName, String json) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
			.body(json);
	}
}
