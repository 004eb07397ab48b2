package io.contactsync.api;

import java.lang.reflect.Type;
import java.util.Map;

import io.contactsync.store.StorableText;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Every string in a request body, keys included, is text PostgreSQL can store, or the request is a 400 naming
 * where in the body it is ({@code tags[2]}, {@code name}). Captures are the exception: there a visitor's bad field
 * is cleaned and reported by the import, not a reason to refuse the event.
 */
@ControllerAdvice
class RequestBodyTextCheck extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return parameter.getContainingClass() != CaptureController.class
				&& (JsonNode.class.isAssignableFrom(parameter.getParameterType())
						|| parameter.getParameterType() == String.class);
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		if (body instanceof JsonNode node) {
			check(node, "");
		}
		else if (body instanceof String text) {
			refuse("The body", StorableText.problem(text).orElse(null));
		}
		return body;
	}

	private static void check(JsonNode node, String path) {
		if (node.isString()) {
			refuse(path.isEmpty() ? "The body" : path, StorableText.problem(node.asString()).orElse(null));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), path + "[" + i + "]");
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
				refuse("The name of " + name, StorableText.problem(field.getKey()).orElse(null));
				check(field.getValue(), name);
			}
		}
	}

	private static void refuse(String where, String problem) {
		if (problem != null) {
			throw new BadRequestException(where + " " + problem + "; send text without it.");
		}
	}
}
