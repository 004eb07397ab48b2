-- retention: the erasure requests a run has to carry out are found through this index, however large the store.
create index contact_erasure_due_idx on contact (erasure_due_at) where erasure_due_at is not null;

-- Processed capture payloads are dropped after the retention period; this finds the old ones without a scan.
create index capture_inbox_processed_idx on capture_inbox (processed_at) where status <> 'pending';
