package io.contactsync.capture;

/**
 * The merge of a run's attributes into contact.attributes, fill-only and key by key: a key the contact has, or one
 * a person edited or removed (contact.edited_fields holds {@code attributes.<key>}), stays theirs; of the run's
 * events the newest value wins; a contact takes at most 50 keys. Only the staged rows with attributes are read,
 * through their partial index, so a run without any pays nothing.
 */
final class AttributesMerge {

	static final MergeStatement STATEMENT = new MergeStatement("contacts given attributes", """
					update contact c set attributes = c.attributes || n.added, version = c.version + 1, updated_at = now()
					from (select t.contact_id, jsonb_object_agg(t.key, t.value) as added
					      from (select f.contact_id, f.key, f.value,
					                   row_number() over (partition by f.contact_id order by f.key) as nth,
					                   (select count(*) from jsonb_object_keys(now.attributes)) as held
					            from (select distinct on (v.contact_id, e.key) v.contact_id, e.key, e.value
					                  from capture_staging s
					                  join run_visitor v on v.channel = s.channel and v.visitor = s.visitor
					                  cross join lateral jsonb_each(s.attributes) e
					                  where s.run_id = :run and s.attributes is not null
					                  order by v.contact_id, e.key, s.at desc, s.seq desc) f
					            join contact now on now.id = f.contact_id
					            where now.attributes -> f.key is null
					              and not ('attributes.' || f.key) = any(now.edited_fields)) t
					      where t.held + t.nth <= 50
					      group by t.contact_id) n
					where c.id = n.contact_id""");

	private AttributesMerge() {
	}
}
