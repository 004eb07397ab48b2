#!/usr/bin/env bash
# Benchmark of lead-scoring on a generated store: 1,000,000 contacts with about 5,000,000 messages (the
# generate job makes them the first time, into DATA_DIR, and later runs reuse them). Each benchmark scores a
# fresh copy of that store (WORK_DIR), so that its first run is always one over a store never scored, twice
# with a small heap: the first run as after a day of new data, the second as a nightly run where little changed.
# Prints each run's seconds, its steps and the peak heap. After the first run it measures the floor: one
# set-based UPDATE of the same three columns on the same rows (psql against the store, rolled back), and prints
# the first run and its applyScores step as ratios to it.
#
#   bench/lead-scoring.sh                          # 1,000,000 contacts: the first run generates them (minutes)
#   CONTACTS=20000 DATA_DIR=/tmp/cs-scoring bench/lead-scoring.sh
#
# Settings (environment): CONTACTS=1000000 SEED=1 HEAP=256m DATA_DIR=data/bench (shared with
#   bench/contacts-api.sh) WORK_DIR=data/bench-scoring (replaced on every run) JAR=target/contact-sync.jar
#   PORT=18083 (the server the floor is measured through)
# Needs: java 17+, curl, awk, psql (Debian's postgresql-client).
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-1000000}
SEED=${SEED:-1}
HEAP=${HEAP:-256m}
DATA_DIR=${DATA_DIR:-$root/data/bench}
WORK_DIR=${WORK_DIR:-$root/data/bench-scoring}
JAR=${JAR:-$root/target/contact-sync.jar}
PORT=${PORT:-18083}

die() {
	echo "lead-scoring: $*" >&2
	exit 1
}

[[ $CONTACTS =~ ^[0-9]+$ && $CONTACTS -gt 0 ]] || die "CONTACTS must be a positive whole number, not '$CONTACTS'"
[[ -f $JAR ]] || die "$JAR does not exist; build it first with: mvn -B -DskipTests package"
command -v psql >/dev/null || die "psql is not on the PATH (Debian: apt-get install postgresql-client)"
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
[[ $(realpath -m "$WORK_DIR") != "$DATA_DIR" ]] || die "WORK_DIR must not be DATA_DIR: the runs change the store"
work=$(mktemp -d "${TMPDIR:-/tmp}/lead-scoring-bench.XXXXXX")
log=$work/log
# shellcheck source=bench/server.sh
source "$root/bench/server.sh"
bench=lead-scoring
server_pid=

trap leave EXIT

# Only our settings: a datasource URL in the environment would send the runs to another database. The data
# directory is given per call; `run` must be the jar's first argument.
contact_sync=(env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD
	-u CONTACTSYNC_VIEWER_TOKEN -u CONTACTSYNC_OPERATOR_TOKEN CONTACTSYNC_ADMIN_TOKEN="$(new_token)"
	java "-Xmx$HEAP" -jar "$JAR")

echo "Contact Sync lead-scoring benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, heap $HEAP"
# generate adds nothing when the seed's contacts are there already, so this costs little after the first time.
echo "Making sure $DATA_DIR holds $CONTACTS generated contacts (seed $SEED) ..."
"${contact_sync[@]}" run generate contacts="$CONTACTS" seed="$SEED" \
	--contactsync.embedded-database.data-directory="$DATA_DIR" >"$log" 2>&1 || { cat "$log" >&2; die "generate failed"; }
awk '/^Job generate/' "$log"
echo "Copying it to $WORK_DIR ..."
rm -rf "$WORK_DIR"
cp -a "$DATA_DIR" "$WORK_DIR"
# Written back now, not by the kernel during the first run: a copy's gigabytes of dirty pages slowed its commits.
sync

# Sets floor, the seconds of the floor: the scores just applied written again by one UPDATE, in a transaction
# rolled back, on a server started for it (the embedded PostgreSQL lives as long as the jar). VACUUM then clears
# what it left.
update_floor() {
	local start end
	start_server "${contact_sync[@]}" --contactsync.embedded-database.data-directory="$WORK_DIR"
	start=$(date +%s.%N)
	store_sql "$work/server.log" "$WORK_DIR" -c "begin" -c "update contact c set lead_score = l.score,
		lead_temperature = l.temperature, lead_status = l.status from lead_score l where l.contact_id = c.id" \
		-c "rollback" >/dev/null
	end=$(date +%s.%N)
	store_sql "$work/server.log" "$WORK_DIR" -c "vacuum (analyze) contact" >/dev/null
	stop_server "$server_pid"
	server_pid=
	floor=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
}

for pass in first second; do
	echo
	echo "Scoring, $pass run (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
	"${contact_sync[@]}" run lead-scoring --contactsync.embedded-database.data-directory="$WORK_DIR" >"$log" 2>&1 ||
		{ cat "$log" >&2; die "lead-scoring failed"; }
	# The run's report: from its "Job lead-scoring ..." line on.
	awk '/^Job lead-scoring/ { shown = 1 } shown' "$log"
	if [[ $pass == first ]]; then
		run=$(awk '/^Job lead-scoring/ { print $(NF - 1) }' "$log")
		apply=$(awk '$1 == "applyScores" && $2 == "COMPLETED" { print $(NF - 1) }' "$log")
		update_floor
		awk -v r="$run" -v a="$apply" -v f="$floor" 'BEGIN {
			printf "\nFloor: one UPDATE of the same columns on the same rows, %.1f s. First run %.1f s = %.2fx the floor;", f, r, r / f
			printf " applyScores %.1f s = %.2fx\n", a, a / f }'
	fi
done
