#!/usr/bin/env bash
# Benchmark of lead-scoring on a generated store: 1,000,000 contacts with about 5,000,000 messages (the
# generate job makes them the first time, into DATA_DIR, and later runs reuse them), scored twice with a
# small heap: the first run as after a day of new data, the second as a nightly run where little changed.
# Prints each run's seconds, its steps and the peak heap. After the first run it measures the floor: one
# set-based UPDATE of the same three columns on the same rows (psql against the store, rolled back), and prints
# the first run and its applyScores step as ratios to it.
#
#   bench/lead-scoring.sh                          # 1,000,000 contacts: the first run generates them (minutes)
#   CONTACTS=20000 DATA_DIR=/tmp/cs-scoring bench/lead-scoring.sh
#
# Settings (environment): CONTACTS=1000000 SEED=1 HEAP=256m DATA_DIR=data/bench (shared with
#   bench/contacts-api.sh) JAR=target/contact-sync.jar PORT=18083 (the server the floor is measured through)
# Needs: java 17+, curl, awk, psql (Debian's postgresql-client).
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-1000000}
SEED=${SEED:-1}
HEAP=${HEAP:-256m}
DATA_DIR=${DATA_DIR:-$root/data/bench}
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
log=$(mktemp "${TMPDIR:-/tmp}/lead-scoring-bench.XXXXXX")
server_pid=
trap '[[ -z $server_pid ]] || { kill -TERM "$server_pid"; wait "$server_pid"; } 2>/dev/null; rm -f "$log" "$log.server"' EXIT

# Only our settings: a datasource URL in the environment would send the runs to another database.
contact_sync() {
	env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		java "-Xmx$HEAP" -jar "$JAR" "$@" --contactsync.embedded-database.data-directory="$DATA_DIR"
}

echo "Contact Sync lead-scoring benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, heap $HEAP"
echo "Data: $DATA_DIR"
# generate adds nothing when the seed's contacts are there already, so this costs little after the first time.
echo "Making sure the store holds $CONTACTS generated contacts (seed $SEED) ..."
contact_sync run generate contacts="$CONTACTS" seed="$SEED" >"$log" 2>&1 || { cat "$log" >&2; die "generate failed"; }
awk '/^Job generate/' "$log"

# Sets floor, the seconds of the floor: the scores just applied written again by one UPDATE, in a transaction rolled back, on a
# server started for it (the embedded PostgreSQL lives as long as the jar). VACUUM then clears what it left.
update_floor() {
	local port start end
	# A server needs a token to start; nobody calls its API, so a random one nobody knows.
	CONTACTSYNC_ADMIN_TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') contact_sync --server.port="$PORT" \
		--server.address=127.0.0.1 --contactsync.scheduler.enabled=false >"$log.server" 2>&1 &
	server_pid=$!
	local up=
	for _ in $(seq 240); do
		curl -sf --max-time 2 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"' && up=1 && break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.5
	done
	[[ -n $up ]] || { tail -n 30 "$log.server" >&2; die "the server for the floor did not start"; }
	# The server's log names the port its embedded PostgreSQL listens on.
	port=$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$log.server" | tail -n 1)
	store() {
		PGPASSWORD=$(cat "$DATA_DIR/contact-sync.password") psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
	}
	start=$(date +%s.%N)
	store -c "begin" -c "update contact c set lead_score = l.score, lead_temperature = l.temperature,
		lead_status = l.status from lead_score l where l.contact_id = c.id" -c "rollback" >/dev/null
	end=$(date +%s.%N)
	store -c "vacuum (analyze) contact" >/dev/null
	kill -TERM "$server_pid"
	wait "$server_pid" 2>/dev/null || true
	server_pid=
	floor=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
}

for pass in first second; do
	echo
	echo "Scoring, $pass run (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
	contact_sync run lead-scoring >"$log" 2>&1 || { cat "$log" >&2; die "lead-scoring failed"; }
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
