#!/usr/bin/env bash
# Benchmark of crm-push to HubSpot: a WireMock stub of HubSpot's batch upsert that answers after 100 ms, and of
# the contact properties the push checks the mapping against first
# (bench/hubspot-stub), a fresh embedded PostgreSQL with generated contacts (about 100,000 of them with an
# email and not archived: the HubSpot mapping's scope), the shipped mappings/hubspot.yml with its rate limit raised to the
# 1,000 requests per 10 s the stub allows. Prints requests (as the job counted them and as the stub
# received them), the job's wall time and contacts/s of a first push, how close that is to the rate the limit
# and the latency allow, and a second push (which should send nothing). The machine's load average is
# printed before and after: other work on the machine slows the push down.
#
#   bench/crm-push.sh
#   CONTACTS=20000 bench/crm-push.sh
#
# Settings (environment): CONTACTS=202000 (55% get an email, 10% are archived) CONCURRENCY=32 PORT=18095
#   WORK=data/bench-crm JAR=target/contact-sync.jar JAVA_OPTS= (options for the app's JVM, e.g.
#   -XX:TieredStopAtLevel=1; empty runs it as the README's command does)
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-202000}
CONCURRENCY=${CONCURRENCY:-32}
PORT=${PORT:-18095}
WORK=${WORK:-$root/data/bench-crm}
JAR=${JAR:-$root/target/contact-sync.jar}
JAVA_OPTS=${JAVA_OPTS:-}
LIMIT=1000
WINDOW_SECONDS=10
LATENCY_MS=100

[[ -f $JAR ]] || { echo "crm-push: $JAR does not exist; build it with: mvn -B -DskipTests package" >&2; exit 1; }
wiremock=$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar
if [[ ! -f $wiremock ]]; then
	mvn -B -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2 >/dev/null
fi
mkdir -p "$WORK/mappings"
WORK=$(cd "$WORK" && pwd)
database=$WORK/postgres-$$
stub_pid=
cleanup() {
	[[ -n $stub_pid ]] && kill "$stub_pid" 2>/dev/null || true
	rm -rf "$database"
}
trap cleanup EXIT

contact_sync() {
	env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		HUBSPOT_ACCESS_TOKEN=pat-na1-benchmark HUBSPOT_BASE_URL="http://127.0.0.1:$PORT" \
		java $JAVA_OPTS -jar "$JAR" "$@" --contactsync.embedded-database.data-directory="$database" \
		--contactsync.mappings-directory="$WORK/mappings" --contactsync.crm.concurrency="$CONCURRENCY"
}

echo "Contact Sync crm-push benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)${JAVA_OPTS:+, JVM options $JAVA_OPTS}"
java -jar "$wiremock" --port "$PORT" --bind-address 127.0.0.1 --root-dir "$root/bench/hubspot-stub" \
	--disable-banner --container-threads 64 >"$WORK/stub.log" 2>&1 &
stub_pid=$!
sed "s/^rateLimit:.*/rateLimit: {requests: $LIMIT, perSeconds: $WINDOW_SECONDS}/" "$root/mappings/hubspot.yml" \
	>"$WORK/mappings/hubspot.yml"

echo "Generating $CONTACTS contacts ..."
contact_sync run generate contacts="$CONTACTS" >/dev/null

# Upserts the stub received since it was last asked, from its request journal (which it then forgets).
stub_upserts() {
	curl -s -X POST "http://127.0.0.1:$PORT/__admin/requests/count" \
		-d '{"method": "POST", "urlPath": "/crm/v3/objects/contacts/batch/upsert"}' | tr -dc '0-9'
	curl -s -X DELETE "http://127.0.0.1:$PORT/__admin/requests" >/dev/null
}

# Runs a push; prints what it did and sets seconds (the job's wall time, from its start to its end, both
# steps), requests (the push step's), received (the stub's count) and pushed.
push() {
	local log=$WORK/push-$$.log
	stub_upserts >/dev/null
	contact_sync run crm-push target=hubspot >"$log"
	# Each step's line of the report (with its time), then what the steps said.
	grep -E '^  (step |pushContacts|deleteRemoved)' "$log" | sed 's/^  //'
	seconds=$(awk '/^Job crm-push/ { for (i = 1; i <= NF; i++) if ($i == "in") print $(i + 1) }' "$log" | tr -d s)
	requests=$(sed -n 's/^  pushContacts: .* in \([0-9]*\) requests.*/\1/p' "$log")
	pushed=$(sed -n 's/^  pushContacts: \([0-9]*\) created, \([0-9]*\) updated.*/\1 \2/p' "$log" | awk '{ print $1 + $2 }')
	received=$(stub_upserts)
	rm -f "$log"
}

echo
echo "First push (stub answers after $LATENCY_MS ms, client limit $LIMIT requests per $WINDOW_SECONDS s, $CONCURRENCY at once):"
push
awk -v s="$seconds" -v r="$requests" -v p="$pushed" -v limit="$LIMIT" -v window="$WINDOW_SECONDS" \
	-v latency="$LATENCY_MS" -v c="$CONCURRENCY" -v received="$received" 'BEGIN {
	allowed = limit / window; by_latency = c * 1000 / latency
	rate = (allowed < by_latency) ? allowed : by_latency
	ideal = r / rate
	printf "requests %d (the stub received %d), %.1f s, %.0f contacts/s, %.0f requests/s\n", r, received, s, p / s, r / s
	printf "the limit and the latency allow %.0f requests/s: %.1f s at best, so this run reached %.0f%% of it\n", rate, ideal, 100 * ideal / s
}'

echo
echo "Second push (nothing changed):"
push
echo "requests $requests (the stub received $received), $seconds s"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
