#!/usr/bin/env bash
# Benchmark of crm-push to HubSpot, on one machine, standalone and as a cluster: bench/hubspot-stub/HubSpotStub.java
# plays HubSpot (its contact properties, and a batch upsert that answers after 100 ms and refuses, with 429
# TEN_SECONDLY_ROLLING as HubSpot does, any request past 1,000 in a rolling 10 s), a fresh embedded PostgreSQL holds
# generated contacts (about half of them in the HubSpot mapping's scope: an email, not archived), and the shipped
# mappings/hubspot.yml has its rate limit raised to the stub's 1,000 requests per 10 s.
#
# For each worker count in WORKERS the same generated store is pushed once, through the HTTP trigger of a server
# started for it: 0 is a standalone server (partitions on its own threads); N is a manager (with its embedded broker)
# and N workers (which run every partition). Each run prints what the stub saw (requests taken, answers of 429, the
# most requests in any 10 s window, records, records written twice), the push step's time against the best the limit
# and the latency allow, and the CPU seconds per 100,000 contacts pushed of the JVMs and of PostgreSQL. The same push
# is then run again on the warmed-up servers (the links to HubSpot cleared), and a last push sends only what changed.
# The contact pushes run with every conversation open, so that the mapping's activities (closed chats) wait; then
# CONVERSATIONS conversations of pushed contacts are closed and pushed as notes (the activities phase: requests
# should be CONVERSATIONS / 100, and a second push none).
# The machine's load average is printed: other work on it slows the push.
#
#   bench/crm-push.sh
#   CONTACTS=20000 WORKERS="0 2" bench/crm-push.sh
#
# Needs Java 17+, curl, awk and psql (Debian's postgresql-client).
# Settings (environment): CONTACTS=404000 (55% get an email, 10% are archived) WORKERS="0 1 2" CONCURRENCY=32
#   CONVERSATIONS=200000 (closed for the activities phase)
#   PORT=18095 (the stub; the servers use the ports after it) WORK=data/bench-crm JAR=target/contact-sync.jar
#   JAVA_OPTS= (options for the servers' JVMs)
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-404000}
WORKERS=${WORKERS:-0 1 2}
CONCURRENCY=${CONCURRENCY:-32}
CONVERSATIONS=${CONVERSATIONS:-200000}
PORT=${PORT:-18095}
WORK=${WORK:-$root/data/bench-crm}
JAR=${JAR:-$root/target/contact-sync.jar}
JAVA_OPTS=${JAVA_OPTS:-}
LIMIT=1000
WINDOW_SECONDS=10
LATENCY_MS=100
TOKEN=crm-push-benchmark-token-0123456789
BROKER=tcp://127.0.0.1:$((PORT + 66))

[[ -f $JAR ]] || { echo "crm-push: $JAR does not exist; build it with: mvn -B -DskipTests package" >&2; exit 1; }
jackson=$HOME/.m2/repository/com/fasterxml/jackson/core
if [[ ! -f $jackson/jackson-databind/2.21.4/jackson-databind-2.21.4.jar ]]; then
	mvn -B -q dependency:get -Dartifact=com.fasterxml.jackson.core:jackson-databind:2.21.4 >/dev/null
fi
stub_classpath=$jackson/jackson-databind/2.21.4/jackson-databind-2.21.4.jar:$jackson/jackson-core/2.21.4/jackson-core-2.21.4.jar:$jackson/jackson-annotations/2.21/jackson-annotations-2.21.jar
mkdir -p "$WORK/mappings"
WORK=$(cd "$WORK" && pwd)
generated=$WORK/postgres-generated-$$
database=$WORK/postgres-$$
stub_pid=
servers=()
stop_servers() {
	((${#servers[@]})) || return 0
	kill "${servers[@]}" 2>/dev/null || true
	wait "${servers[@]}" 2>/dev/null || true
	servers=()
}
cleanup() {
	stop_servers
	[[ -n $stub_pid ]] && kill "$stub_pid" 2>/dev/null || true
	rm -rf "$generated" "$database"
}
trap cleanup EXIT

# EXEC=exec makes the JVM take the place of the shell running this, so that a server's $! is the JVM's pid.
contact_sync() {
	${EXEC:-} env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		CONTACTSYNC_ADMIN_TOKEN=$TOKEN HUBSPOT_ACCESS_TOKEN=pat-na1-benchmark HUBSPOT_BASE_URL="http://127.0.0.1:$PORT" \
		java $JAVA_OPTS -jar "$JAR" "$@" --contactsync.embedded-database.data-directory="$database" \
		--contactsync.mappings-directory="$WORK/mappings" --contactsync.reports-directory="$WORK/reports" \
		--contactsync.crm.concurrency="$CONCURRENCY" --contactsync.scheduler.enabled=false
}

# Starts a server on port $1 with the remaining arguments and waits until it is ready.
start_server() {
	local port=$1
	shift
	EXEC=exec contact_sync --server.port="$port" "$@" >"$WORK/server-$port.log" 2>&1 &
	servers+=($!)
	for _ in $(seq 1 240); do
		curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return 0
		sleep 0.5
	done
	echo "crm-push: the server on port $port did not get ready; see $WORK/server-$port.log" >&2
	exit 1
}

# CPU seconds (user + system) of the given processes.
cpu_seconds() {
	local pid
	for pid in "$@"; do cat "/proc/$pid/stat" 2>/dev/null || true; done |
		sed 's/^.*) //' | awk -v hz="$(getconf CLK_TCK)" '{ ticks += $12 + $13 } END { printf "%.2f", ticks / hz }'
}

# The embedded PostgreSQL's processes: its postmaster (which runs apart from the JVM that started it) and backends.
postgres_pids() {
	local postmaster
	postmaster=$(head -1 "$database/postmaster.pid")
	echo "$postmaster" $(pgrep -P "$postmaster")
}

json_number() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" <<<"$2"; }
# Epoch seconds of a step's start and end, from an execution's JSON.
step_times() {
	grep -o "\"name\":\"$1\"[^}]*" <<<"$2" | sed -n 's/.*"start_time":"\([^"]*\)".*"end_time":"\([^"]*\)".*/\1 \2/p' |
		while read -r start end; do echo "$(date -d "$start" +%s.%N) $(date -d "$end" +%s.%N)"; done
}

# Pushes through the HTTP trigger of the server on port $1 and waits for the run's end; sets execution (its JSON).
push() {
	curl -s -X POST "http://127.0.0.1:$PORT/__reset" >/dev/null
	local launched id
	launched=$(curl -s -X POST "http://127.0.0.1:$1/api/v1/jobs/crm-push/executions" -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' -d '{"target":"hubspot"}')
	id=$(json_number id "$launched")
	[[ -n $id ]] || { echo "crm-push: the push was not launched: $launched" >&2; exit 1; }
	while execution=$(curl -s "http://127.0.0.1:$1/api/v1/executions/$id" -H "Authorization: Bearer $TOKEN") &&
		grep -Eq '^\{"id":[0-9]+,"job":"crm-push","status":"(STARTING|STARTED|STOPPING)"' <<<"$execution"; do
		sleep 0.2
	done
	echo "$execution" >"$WORK/execution-$id.json"
	grep -q '"status":"COMPLETED"' <<<"$execution" || { echo "crm-push: the push did not complete: $execution" >&2; exit 1; }
}

# A push as push does it, measured: sets stats (the stub's), seconds (of the step $1, pushContacts without it), and
# the CPU seconds the JVMs (jvm) and PostgreSQL (postgres) spent meanwhile; for pushContacts also created and updated.
measured_push() {
	local step=${1:-pushContacts} jvm_before database_before start end
	jvm_before=$(cpu_seconds "${servers[@]}")
	database_before=$(cpu_seconds $(postgres_pids))
	push "$manager_port"
	jvm=$(awk -v a="$jvm_before" -v b="$(cpu_seconds "${servers[@]}")" 'BEGIN { print b - a }')
	postgres=$(awk -v a="$database_before" -v b="$(cpu_seconds $(postgres_pids))" 'BEGIN { print b - a }')
	stats=$(curl -s "http://127.0.0.1:$PORT/__stats")
	read -r start end <<<"$(step_times "$step" "$execution")"
	seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
	read -r created updated <<<"$(grep -o '"name":"pushContacts"[^}]*' <<<"$execution" |
		sed -n 's/.*"exit_message":"\([0-9]*\) created, \([0-9]*\) updated.*/\1 \2/p')"
}

# Prints the last measured push as a row labelled $1, with $2 in the last column.
row() {
	awk -v label="$1" -v last="$2" -v created="$created" -v updated="$updated" -v records="$(json_number records "$stats")" \
		-v twice="$(json_number writtenTwice "$stats")" -v r="$(json_number requests "$stats")" \
		-v refused="$(json_number refused "$stats")" -v most="$(json_number mostInWindow "$stats")" -v s="$seconds" \
		-v jvm="$jvm" -v postgres="$postgres" -v limit="$LIMIT" -v window="$WINDOW_SECONDS" 'BEGIN {
		pushed = created + updated; best = r / (limit / window)
		printf "%-31s %8d %8d %6d %9d %5d %9d %7.1f %10.0f %7.0f%% %10.1f %11.1f  %s\n", label, created, records, twice,
			r, refused, most, s, pushed / s, 100 * best / s, jvm * 100000 / pushed, postgres * 100000 / pushed, last
	}'
}

# psql on the embedded PostgreSQL of the server whose log is $1 (the log names its port).
store_sql() {
	local port
	port=$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$1" | tail -n 1)
	shift
	PGPASSWORD=$(cat "$database/contact-sync.password") psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
		-U postgres -d postgres "$@"
}

# The activities phase: $CONVERSATIONS chats of contacts now in HubSpot closed, pushed as notes, then pushed again.
activities_phase() {
	store_sql "$WORK/server-$manager_port.log" -c "
		update conversation set status = 'closed', closed_at = coalesce(last_message_at, started_at)
		where id in (select c.id from conversation c
		             join crm_link l on l.contact_id = c.contact_id and l.target = 'hubspot' and l.status = 'synced'
		             where c.message_count >= 2 order by c.id limit $CONVERSATIONS)"
	local notes again
	measured_push pushActivities
	notes=$(grep -o '"name":"pushActivities"[^}]*' <<<"$execution" | sed -n 's/.*"exit_message":"\([0-9]*\) activities created.*/\1/p')
	push "$manager_port"
	again=$(json_number noteRequests "$(curl -s "http://127.0.0.1:$PORT/__stats")")
	awk -v label="$1, activities" -v created="$notes" -v held="$(json_number notes "$stats")" \
		-v twice="$(json_number notesTwice "$stats")" -v r="$(json_number noteRequests "$stats")" \
		-v refused="$(json_number refused "$stats")" -v most="$(json_number mostInWindow "$stats")" -v s="$seconds" \
		-v jvm="$jvm" -v postgres="$postgres" -v limit="$LIMIT" -v window="$WINDOW_SECONDS" -v again="$again" 'BEGIN {
		best = r / (limit / window)
		printf "%-31s %8d %8d %6d %9d %5d %9d %7.1f %10.0f %7.0f%% %10.1f %11.1f  %s\n", label, created, held, twice,
			r, refused, most, s, created / s, 100 * best / s, jvm * 100000 / created, postgres * 100000 / created,
			again " note requests (ceil(" created " / 100) = " int((created + 99) / 100) ")"
	}'
}

echo "Contact Sync crm-push benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)${JAVA_OPTS:+, JVM options $JAVA_OPTS}"
java -cp "$stub_classpath" "$root/bench/hubspot-stub/HubSpotStub.java" "$PORT" "$LIMIT" $((WINDOW_SECONDS * 1000)) \
	"$LATENCY_MS" "$root/bench/hubspot-stub/properties.json" >"$WORK/stub.log" 2>&1 &
stub_pid=$!
sed "s/^rateLimit:.*/rateLimit: {requests: $LIMIT, perSeconds: $WINDOW_SECONDS}/" "$root/mappings/hubspot.yml" \
	>"$WORK/mappings/hubspot.yml"

echo "Generating $CONTACTS contacts ..."
contact_sync run generate contacts="$CONTACTS" >/dev/null
mv "$database" "$generated"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/__stats" >/dev/null && break; sleep 0.5; done

echo
echo "The stub answers after $LATENCY_MS ms and takes $LIMIT requests per $WINDOW_SECONDS s; $CONCURRENCY requests in flight per process at most."
printf '%-31s %8s %8s %6s %9s %5s %9s %7s %10s %8s %10s %11s  %s\n' run created records twice requests 429s \
	"most/${WINDOW_SECONDS}s" "push s" contacts/s "of best" "CPU s/100k" "PostgreSQL" "push again"
for workers in $WORKERS; do
	cp -a "$generated" "$database"
	curl -s -X POST "http://127.0.0.1:$PORT/__forget" >/dev/null
	manager_port=$((PORT + 10))
	if ((workers == 0)); then
		label="standalone"
		start_server "$manager_port"
	else
		label="manager + $workers worker"
		((workers == 1)) || label+=s
		start_server "$manager_port" --contactsync.cluster.mode=manager --contactsync.cluster.embedded-broker="$BROKER"
		for worker in $(seq 1 "$workers"); do
			start_server $((manager_port + worker)) --contactsync.cluster.mode=worker --spring.artemis.broker-url="$BROKER"
		done
	fi
	# Every chat open: the contact pushes send no notes (the mapping's activities take closed chats only).
	store_sql "$WORK/server-$manager_port.log" -c "update conversation set status = 'open', closed_at = null"
	measured_push
	row "$label, first push" "-"
	# The same push again on JVMs that have run it once, as a server does from its second night on: the store's
	# links to HubSpot cleared, the stub's records forgotten.
	store_sql "$WORK/server-$manager_port.log" -c "delete from crm_link where target = 'hubspot'"
	curl -s -X POST "http://127.0.0.1:$PORT/__forget" >/dev/null
	measured_push
	push "$manager_port"
	read -r second_start second_end <<<"$(step_times pushContacts "$execution")"
	row "$label, warm" "$(json_number requests "$(curl -s "http://127.0.0.1:$PORT/__stats")") requests, $(awk -v a="$second_start" \
		-v b="$second_end" 'BEGIN { printf "%.1f s", b - a }')"
	activities_phase "$label"
	stop_servers
	rm -rf "$database"
done
echo
cat <<NOTES
created: records the push step created; records: those the stub holds (one per email); twice: records written twice,
  emails two contacts in the store share (the generated store's duplicates, which dedup would merge first: the push
  writes the record once for each and keeps the later one as shared); requests: those the stub took (schema check
  included); most/${WINDOW_SECONDS}s: the most it took in any rolling ${WINDOW_SECONDS} s; push s: the push step (partitioning, batches, the
  workers' replies; not JVM start); of best: requests / ($LIMIT / $WINDOW_SECONDS s) against it; CPU s/100k: CPU seconds of
  the Contact Sync JVMs per 100,000 contacts pushed (created + updated), PostgreSQL: of its processes; first push: on
  servers just started (the JIT compiles the push while it runs); warm: the same push again on the same servers; push
  again: one more push after the warm one, which sends only the records shared emails left to correct. activities:
  the closed chats pushed as notes (created, held by the stub, created twice, note requests, per second of the
  pushActivities step, CPU per 100,000 notes); its last column is the note requests of one more push.
NOTES
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
