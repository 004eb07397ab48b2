package io.contactsync.crm;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.crm.StubSchema.Field;

/**
 * A {@code DescribeSObjectResult} as the Partner API 65.0 writes it. force-wsc reads a type's elements in the
 * WSDL's order and refuses a missing required one, so every required element is written, in that order, with
 * the values of an ordinary org; the ones that matter to a mapping come from the stub's schema.
 */
final class SalesforceDescribe {

	private SalesforceDescribe() {
	}

	static String result(String object, Collection<Field> fields) {
		StringBuilder xml = new StringBuilder("<result>");
		for (String flag : new String[] { "activateable", "associateEntityType", "associateParentEntity",
				"compactLayoutable", "createable", "custom", "customSetting", "deepCloneable", "defaultImplementation",
				"deletable", "deprecatedAndHidden", "feedEnabled" }) {
			xml.append(objectElement(flag, object));
		}
		fields.forEach(field -> xml.append("<fields>").append(field(field)).append("</fields>"));
		for (String flag : new String[] { "hasSubtypes", "idEnabled", "implementedBy", "implementsInterfaces",
				"isInterface", "isSubtype", "keyPrefix", "label", "labelPlural", "layoutable", "mergeable", "mruEnabled",
				"name", "networkScopeFieldName", "queryable", "replicateable", "retrieveable", "searchable",
				"undeletable", "updateable", "urlDetail", "urlEdit", "urlNew" }) {
			xml.append(objectElement(flag, object));
		}
		return xml.append("</result>").toString();
	}

	private static String objectElement(String name, String object) {
		return switch (name) {
			case "associateEntityType", "associateParentEntity", "defaultImplementation", "implementedBy",
					"implementsInterfaces", "networkScopeFieldName", "urlDetail", "urlEdit", "urlNew" ->
				"<" + name + " xsi:nil=\"true\"/>";
			case "keyPrefix" -> "<keyPrefix>00Q</keyPrefix>";
			case "label", "name" -> "<" + name + ">" + object + "</" + name + ">";
			case "labelPlural" -> "<labelPlural>" + object + "s</labelPlural>";
			case "custom", "customSetting", "deprecatedAndHidden", "hasSubtypes", "isInterface", "isSubtype" ->
				"<" + name + ">false</" + name + ">";
			default -> "<" + name + ">true</" + name + ">";
		};
	}

	/** A Field's required elements (and externalId, picklistValues) in the WSDL's order. */
	private static String field(Field field) {
		boolean picklist = field.type().equals("picklist");
		boolean required = field.required();
		Map<String, Object> elements = new LinkedHashMap<>();
		elements.put("aggregatable", true);
		elements.put("aiPredictionField", false);
		elements.put("autoNumber", false);
		elements.put("byteLength", picklist || field.type().equals("string") ? 765 : 0);
		elements.put("calculated", false);
		elements.put("caseSensitive", false);
		elements.put("createable", field.writable());
		elements.put("custom", field.name().endsWith("__c"));
		elements.put("defaultedOnCreate", field.name().equals("Status") || !field.writable());
		elements.put("deprecatedAndHidden", false);
		elements.put("digits", 0);
		elements.put("externalId", field.unique());
		elements.put("filterable", true);
		elements.put("groupable", true);
		elements.put("idLookup", field.unique() || field.type().equals("id"));
		elements.put("label", field.name());
		elements.put("length", picklist || field.type().equals("string") ? 255 : 0);
		elements.put("name", field.name());
		elements.put("nameField", false);
		elements.put("nillable", !required && !field.name().equals("Status") && field.writable());
		elements.put("permissionable", !required && field.writable());
		StringBuilder xml = new StringBuilder();
		elements.forEach((name, value) -> xml.append('<').append(name).append('>').append(value).append("</")
			.append(name).append('>'));
		field.options().forEach(option -> xml.append("<picklistValues><active>true</active><defaultValue>false"
				+ "</defaultValue><label>").append(option).append("</label><value>").append(option)
			.append("</value></picklistValues>"));
		xml.append("<polymorphicForeignKey>false</polymorphicForeignKey><precision>0</precision>"
				+ "<queryByDistance>false</queryByDistance><restrictedPicklist>").append(field.restricted())
			.append("</restrictedPicklist><scale>0</scale><searchPrefilterable>false</searchPrefilterable><soapType>")
			.append(soapType(field.type())).append("</soapType><type>").append(field.type()).append("</type><unique>")
			.append(false).append("</unique><updateable>").append(field.writable()).append("</updateable>");
		return xml.toString();
	}

	private static String soapType(String type) {
		return switch (type) {
			case "id" -> "tns:ID";
			case "boolean" -> "xsd:boolean";
			case "datetime" -> "xsd:dateTime";
			default -> "xsd:string";
		};
	}
}
