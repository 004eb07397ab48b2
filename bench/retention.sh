#!/usr/bin/env bash
# Benchmark of the retention job on a generated store of 1,000,000 contacts (about 5,000,000 messages; the
# generate job makes them the first time, into DATA_DIR, and later runs reuse them). Each run works on a fresh
# copy of that store (WORK_DIR), so the figures repeat: the generated contacts are at most a year old, so the
# benchmark's policy archives after ARCHIVE_MONTHS and deletes after DELETE_MONTHS of quiet to give the run
# real work. Before the first run, ERASURES contacts (spread over the ids) are marked for erasure through the API
# (POST /api/v1/contacts/{id}/erasure with grace_days 0), so that the run purges them too. A second run then shows
# the nightly case, where nothing new is due. Prints each run's seconds, its steps with their counts and the peak
# heap.
#
#   bench/retention.sh                              # 1,000,000 contacts: the first time generates them (minutes)
#   CONTACTS=20000 DATA_DIR=/tmp/cs-retention bench/retention.sh
#
# Settings (environment): CONTACTS=1000000 SEED=1 HEAP=512m ARCHIVE_MONTHS=6 DELETE_MONTHS=10 ERASURES=1000
#   PORT=18083
#   DATA_DIR=data/bench (shared with bench/lead-scoring.sh and bench/contacts-api.sh)
#   WORK_DIR=data/bench-retention (replaced on every run) JAR=target/contact-sync.jar
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
[[ -f $JAR ]] || die "$JAR does not exist; build it first with: mvn -B -DskipTests package"
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
[[ $(realpath -m "$WORK_DIR") != "$DATA_DIR" ]] || die "WORK_DIR must not be DATA_DIR: the runs change the store"
work=$(mktemp -d "${TMPDIR:-/tmp}/retention-bench.XXXXXX")
# shellcheck source=bench/server.sh
source "$root/bench/server.sh"
server_pid=

cleanup() {
	local status=$?
	[[ -z $server_pid ]] || stop_server "$server_pid"
	((status == 0)) && rm -rf "$work" || echo "retention: failed; logs are in $work" >&2
	exit "$status"
}
trap cleanup EXIT
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

# The server on WORK_DIR takes the erasure requests, one per contact as an admin would send them, then stops.
request_erasures() {
	local id step=$((CONTACTS / (ERASURES > 0 ? ERASURES : 1))) accepted=0
	((ERASURES > 0)) || return 0
	"${contact_sync[@]}" "${options[@]}" --contactsync.embedded-database.data-directory="$WORK_DIR" \
		--server.port="$PORT" --server.address=127.0.0.1 --contactsync.scheduler.enabled=false >"$work/server.log" 2>&1 &
	server_pid=$!
	await_server "$server_pid" "$PORT" "$work/server.log"
	for ((id = 1; id <= step * ERASURES; id += step)); do
		code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H @"$work/auth-header" \
			-H 'Content-Type: application/json' -d '{"grace_days": 0}' \
			"http://127.0.0.1:$PORT/api/v1/contacts/$id/erasure")
		[[ $code == 202 ]] && accepted=$((accepted + 1))
	done
	stop_server "$server_pid"
	server_pid=
	echo "$accepted erasure requests accepted (the other ids no longer exist or were merged away)"
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
echo "Requesting $ERASURES erasures through the API ..."
request_erasures

for pass in first second; do
	echo
	echo "Retention, $pass run:"
	"${contact_sync[@]}" run retention "${options[@]}" --contactsync.embedded-database.data-directory="$WORK_DIR" \
		>"$work/log" 2>&1 || { cat "$work/log" >&2; die "retention failed"; }
	# The run's report: from its "Job retention ..." line on.
	awk '/^Job retention/ { shown = 1 } shown' "$work/log"
done
