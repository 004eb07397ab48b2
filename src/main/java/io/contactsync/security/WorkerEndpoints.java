package io.contactsync.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A cluster's worker serves health and metrics only: the API, the dashboard and the job trigger are the manager's,
 * and a worker answering them would show one process's view of a cluster and start jobs behind the manager's back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "contactsync.cluster.mode", havingValue = "worker")
class WorkerEndpoints {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> workerEndpointsOnly() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				if (path.equals("/actuator") || path.startsWith("/actuator/")) {
					chain.doFilter(request, response);
					return;
				}
				response.sendError(HttpStatus.NOT_FOUND.value(),
						"This is a Contact Sync worker: the API and dashboard are the manager's");
			}
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}
}
