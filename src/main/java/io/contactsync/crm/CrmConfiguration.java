package io.contactsync.crm;

import io.contactsync.policy.PolicyFilesProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CRM settings, and the mappings read from their directory here so that {@link CrmMappings} keeps a
 * constructor of a plain path that its tests call directly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrmProperties.class)
class CrmConfiguration {

	@Bean
	CrmMappings crmMappings(PolicyFilesProperties policyFiles) {
		return new CrmMappings(policyFiles.mappingsDirectory());
	}
}
