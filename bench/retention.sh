#!/usr/bin/env bash
# Benchmark of the retention job on a generated store of 1,000,000 contacts (about 5,000,000 messages; the
# generate job makes them the first time, into DATA_DIR, and later runs reuse them). Each run works on a fresh
# copy of that store (WORK_DIR), so the figures repeat: the generated contacts are at most a year old, so the
# benchmark's policy archives after ARCHIVE_MONTHS and deletes after DELETE_MONTHS of quiet to give the run
# real work. Before the first run, ERASURES contacts (spread over the ids) are marked for erasure through the API
# (POST /api/v1/contacts/{id}/erasure with grace_days 0), so that the run purges them too. A second run then shows
# the nightly case, where nothing new is due. Prints each run's seconds, its steps with their counts and the peak
# heap. Before the first run it measures the floor on the same store: the plain DELETEs (children first) of the
# contacts the policy deletes and the plain UPDATE of those it archives, through psql in a transaction rolled
# back, and prints the reviewInactive step's time as a ratio to it, with both row counts.
#
#   bench/retention.sh                              # 1,000,000 contacts: the first time generates them (minutes)
#   CONTACTS=20000 DATA_DIR=/tmp/cs-retention bench/retention.sh
#
# Settings (environment): CONTACTS=1000000 SEED=1 HEAP=512m ARCHIVE_MONTHS=6 DELETE_MONTHS=10 ERASURES=1000
#   PORT=18083
#   DATA_DIR=data/bench (shared with bench/lead-scoring.sh and bench/contacts-api.sh)
#   WORK_DIR=data/bench-retention (replaced on every run) JAR=target/contact-sync.jar
# Needs: java 17+, curl, awk, psql (Debian's postgresql-client) for the floor.
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-1000000}
SEED=${SEED:-1}
HEAP=${HEAP:-512m}
ARCHIVE_MONTHS=${ARCHIVE_MONTHS:-6}
DELETE_MONTHS=${DELETE_MONTHS:-10}
ERASURES=${ERASURES:-1000}
PORT=${PORT:-18083}
DATA_DIR=${DATA_DIR:-$root/data/bench}
WORK_DIR=${WORK_DIR:-$root/data/bench-retention}
JAR=${JAR:-$root/target/contact-sync.jar}

die() {
	echo "retention: $*" >&2
	exit 1
}

[[ $CONTACTS =~ ^[0-9]+$ && $CONTACTS -gt 0 ]] || die "CONTACTS must be a positive whole number, not '$CONTACTS'"
[[ $ARCHIVE_MONTHS =~ ^[0-9]+$ && $DELETE_MONTHS =~ ^[0-9]+$ && $DELETE_MONTHS -gt $ARCHIVE_MONTHS ]] ||
	die "ARCHIVE_MONTHS and DELETE_MONTHS must be whole numbers, DELETE_MONTHS the larger"
[[ $ERASURES =~ ^[0-9]+$ && $ERASURES -le $CONTACTS ]] || die "ERASURES must be a whole number up to CONTACTS"
command -v curl >/dev/null || die "curl is not on the PATH"
command -v psql >/dev/null || die "psql is not on the PATH (Debian: apt-get install postgresql-client)"
[[ -f $JAR ]] || die "$JAR does not exist; build it first with: mvn -B -DskipTests package"
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
[[ $(realpath -m "$WORK_DIR") != "$DATA_DIR" ]] || die "WORK_DIR must not be DATA_DIR: the runs change the store"
work=$(mktemp -d "${TMPDIR:-/tmp}/retention-bench.XXXXXX")
# shellcheck source=bench/server.sh
source "$root/bench/server.sh"
bench=retention
server_pid=

trap leave EXIT
token=$(new_token)

# The benchmark's policy: the shipped files, with the months above in retention.yml.
cp -r "$root/jobs" "$work/jobs"
sed -i -e "s/^  archive-after-months: .*/  archive-after-months: $ARCHIVE_MONTHS/" \
	-e "s/^  delete-after-months: .*/  delete-after-months: $DELETE_MONTHS/" "$work/jobs/retention.yml"

# Only our settings: a datasource URL in the environment would send the runs to another database. An array, not a
# function, so that the background server's $! is the JVM itself. The data directory is given per call.
contact_sync=(env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD
	-u CONTACTSYNC_VIEWER_TOKEN -u CONTACTSYNC_OPERATOR_TOKEN CONTACTSYNC_ADMIN_TOKEN="$token"
	java "-Xmx$HEAP" -jar "$JAR")
options=(--contactsync.jobs-directory="$work/jobs")

# What a hand-written script would do: the policy's quiet contacts (and those merged into them) deleted with
# plain DELETEs, children first, then the quiet ones left archived; rolled back. The cut-offs are the policy's,
# from now, as the job computes them (service zone UTC). Prints "deleted archived seconds".
quiet="merged_into is null and coalesce(last_activity_at, created_at) < now() - interval '%d months'
    and lead_status <> 'active' and not tags && array['vip']"
# shellcheck disable=SC2059 # the format is ours
floor_sql="begin;
create temp table gone as select id from contact where erasure_requested_at is null and $(printf "$quiet" "$DELETE_MONTHS");
insert into gone select id from contact where merged_into in (select id from gone);
delete from message where conversation_id in (select c.id from conversation c join gone g on g.id = c.contact_id);
delete from conversation where contact_id in (select id from gone);
delete from contact_identity where contact_id in (select id from gone);
delete from lead_score where contact_id in (select id from gone);
delete from duplicate_candidate where contact_a in (select id from gone) or contact_b in (select id from gone);
delete from merge_record where survivor_id in (select id from gone) or merged_id in (select id from gone);
with deleted as (delete from contact where id in (select id from gone) returning 1) select count(*) from deleted;
with archived as (update contact set archived_at = now(), lead_status = 'archived', updated_at = now()
    where archived_at is null and erasure_requested_at is null and $(printf "$quiet" "$ARCHIVE_MONTHS")
    returning 1) select count(*) from archived;
rollback;"

# The server on WORK_DIR takes the erasure requests, one per contact as an admin would send them, then measures
# the floor on the store the runs will meet, vacuums what the floor's rolled-back changes left, and stops.
prepare_store() {
	local id step=$((CONTACTS / (ERASURES > 0 ? ERASURES : 1))) accepted=0 start end counts
	start_server "${contact_sync[@]}" "${options[@]}" --contactsync.embedded-database.data-directory="$WORK_DIR"
	for ((id = 1; ERASURES > 0 && id <= step * ERASURES; id += step)); do
		code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H @"$work/auth-header" \
			-H 'Content-Type: application/json' -d '{"grace_days": 0}' \
			"http://127.0.0.1:$PORT/api/v1/contacts/$id/erasure")
		[[ $code == 202 ]] && accepted=$((accepted + 1))
	done
	echo "$accepted erasure requests accepted (the other ids no longer exist or were merged away)"
	echo "Measuring the floor: the same deletes and archiving as plain SQL, rolled back ..."
	start=$(date +%s.%N)
	counts=$(store_sql "$work/server.log" "$WORK_DIR" -At <<<"$floor_sql" | tr '\n' ' ')
	end=$(date +%s.%N)
	store_sql "$work/server.log" "$WORK_DIR" -c "vacuum (analyze) contact, conversation, message, contact_identity,
		lead_score" >/dev/null
	stop_server "$server_pid"
	server_pid=
	floor=$(awk -v c="$counts" -v s="$start" -v e="$end" 'BEGIN { printf "%s%.1f", c, e - s }')
}

echo "Contact Sync retention benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, heap $HEAP"
echo "Policy: archive after $ARCHIVE_MONTHS months of quiet, delete after $DELETE_MONTHS, keep lead status active and tag vip"
# generate adds nothing when the seed's contacts are there already, so this costs little after the first time.
echo "Making sure $DATA_DIR holds $CONTACTS generated contacts (seed $SEED) ..."
"${contact_sync[@]}" run generate contacts="$CONTACTS" seed="$SEED" "${options[@]}" \
	--contactsync.embedded-database.data-directory="$DATA_DIR" >"$work/log" 2>&1 ||
	{ cat "$work/log" >&2; die "generate failed"; }
awk '/^Job generate/' "$work/log"
echo "Copying it to $WORK_DIR ..."
rm -rf "$WORK_DIR"
cp -a "$DATA_DIR" "$WORK_DIR"
# Written back now, not by the kernel during the first run, where the copy's gigabytes of dirty pages slow
# every commit.
sync
echo "Requesting $ERASURES erasures through the API ..."
prepare_store

for pass in first second; do
	echo
	echo "Retention, $pass run:"
	"${contact_sync[@]}" run retention "${options[@]}" --contactsync.embedded-database.data-directory="$WORK_DIR" \
		>"$work/log" 2>&1 || { cat "$work/log" >&2; die "retention failed"; }
	# The run's report: from its "Job retention ..." line on.
	awk '/^Job retention/ { shown = 1 } shown' "$work/log"
	if [[ $pass == first ]]; then
		awk -v floor="$floor" '$1 == "reviewInactive" && $2 == "COMPLETED" { step = $(NF - 1) }
			$1 == "reviewInactive:" { deleted = $2; archived = $4 }
			END {
				split(floor, f, " ")
				printf "\nFloor: plain DELETEs of %d contacts and an UPDATE archiving %d, %.1f s. reviewInactive (%d deleted,", f[1], f[2], f[3], deleted
				printf " %d archived) %.1f s = %.2fx the floor\n", archived, step, step / f[3] }' "$work/log"
	fi
done
