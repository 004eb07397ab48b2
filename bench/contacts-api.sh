#!/usr/bin/env bash
# Benchmark of the contacts list API and the dashboard's contacts page on a generated store, against the
# packaged jar and its embedded PostgreSQL. Generates the contacts first when the store holds fewer than
# asked, starts a private server on the loopback interface, times sequential requests (the API's with a
# bearer token, the pages signed in through the dashboard's form), and stops everything it started. The first
# page is also timed as PostgreSQL runs it: the same two statements the API sends for it (the page's select and
# the EXPLAIN its total is estimated from) through psql, RUNS times, so that the ratio shows what HTTP, security
# and JSON add.
#
#   bench/contacts-api.sh                          # 1,000,000 contacts: the first run generates them (minutes)
#   CONTACTS=20000 RUNS=20 DATA_DIR=/tmp/cs-bench bench/contacts-api.sh
#
# Requests go one after another over one kept-alive connection, as from an HTTP client library; the first page is
# also timed with a new connection for each request, as a shell script's curl calls would.
#
# Settings (environment): CONTACTS=1000000 SEED=1 PORT=18080 RUNS=200 WARMUP=5000 (requests of each API query
#   before timing, a fifth as many of each dashboard page: a running server has answered thousands; with 20 the
#   API's first page took 9 ms instead of 2.4, and the JIT compiler still works through the first few thousand)
#   DATA_DIR=data/bench (kept between runs, so the generation is paid once) JAR=target/contact-sync.jar
#   JAVA_OPTS (for the JVMs, e.g. -Xmx1g). Defaults are relative to the repository root; paths
#   you pass are relative to where you are.
# Needs: Linux (memory is read from /proc), java 17+, curl, awk, sort, psql (Debian's postgresql-client).
set -euo pipefail
export LC_ALL=C # decimal points, not commas, in times and in awk

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-1000000}
SEED=${SEED:-1}
PORT=${PORT:-18080}
RUNS=${RUNS:-200}
WARMUP=${WARMUP:-5000}
DATA_DIR=${DATA_DIR:-$root/data/bench}
JAR=${JAR:-$root/target/contact-sync.jar}
JAVA_OPTS=${JAVA_OPTS:-}

# The generator's mean: 1.67 conversations of 3 messages per contact.
MESSAGES_PER_CONTACT=5.0
SURNAMES=(smith garcia m%C3%BCller nguyen ivanov patel)

die() {
	echo "contacts-api: $*" >&2
	exit 1
}

for n in CONTACTS SEED PORT RUNS WARMUP; do
	[[ ${!n} =~ ^[0-9]+$ && ${!n} -gt 0 ]] || die "$n must be a positive whole number, not '${!n}'"
done
command -v java >/dev/null || die "java is not on the PATH (Java 17 or newer is needed)"
command -v curl >/dev/null || die "curl is not on the PATH"
command -v psql >/dev/null || die "psql is not on the PATH (Debian: apt-get install postgresql-client)"
[[ -f $JAR ]] || die "$JAR does not exist; build it first with: mvn -B -DskipTests package"
[[ -d /proc/self ]] || die "this script reads memory from /proc and so runs on Linux only"

mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
base=http://127.0.0.1:$PORT
work=$(mktemp -d "${TMPDIR:-/tmp}/contacts-api-bench.XXXXXX")
server_log=$work/server.log
server_pid=
# shellcheck source=bench/server.sh
source "$root/bench/server.sh"

now_ms() {
	if [[ -n ${EPOCHREALTIME:-} ]]; then
		local us=${EPOCHREALTIME/./}
		echo $((10#$us / 1000))
	else
		echo $(($(date +%s) * 1000))
	fi
}

# The PostgreSQL that runs on DATA_DIR, if any: its pid from postmaster.pid when that process lives.
postgres_on_data_dir() {
	local pid
	[[ -f $DATA_DIR/postmaster.pid ]] || return 1
	pid=$(head -n 1 "$DATA_DIR/postmaster.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]] || return 1
	echo "$pid"
}

# Whether the process runs (an exited child that was not yet waited for does not).
running() {
	local state
	state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) && [[ -n $state && $state != Z ]]
}

# Waits up to $2 tenths of a second for process $1 to end; fails if it still runs.
await_end() {
	local i
	for ((i = 0; i < $2; i++)); do
		running "$1" || return 0
		sleep 0.1
	done
	! running "$1"
}

cleanup() {
	local status=$? pid
	trap - EXIT INT TERM
	if [[ -n $server_pid ]] && running "$server_pid"; then
		# SIGTERM lets the server shut down gracefully, which stops its PostgreSQL too.
		kill -TERM "$server_pid" 2>/dev/null || true
		if ! await_end "$server_pid" 600; then
			echo "The server did not stop within 60 s; killing it" >&2
			kill -KILL "$server_pid" 2>/dev/null || true
		fi
	fi
	if [[ -n $server_pid ]]; then
		wait "$server_pid" 2>/dev/null || true
	fi
	# We refused to start if another PostgreSQL ran on DATA_DIR, so one still there is ours, left behind
	# by a server that had to be killed: fast shutdown.
	if [[ -n $server_pid ]] && pid=$(postgres_on_data_dir); then
		echo "Stopping the embedded PostgreSQL (pid $pid) the server left running" >&2
		kill -INT "$pid" 2>/dev/null || true
		await_end "$pid" 300 || echo "PostgreSQL (pid $pid) is still stopping" >&2
	fi
	if ((status != 0)) && [[ -n $server_pid ]]; then
		echo "contacts-api: failed; the server's log is kept in $server_log" >&2
	else
		rm -rf "$work"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A fresh token each run, in a header file rather than on curl's command line, where ps would show it.
token=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
printf 'Authorization: Bearer %s\n' "$token" >"$work/auth-header"
chmod 600 "$work/auth-header"

# java with only our settings: a datasource URL in the caller's environment would point the run at
# another database, and other tokens could clash with ours. An array, not a function, so that the
# background server's $! is the JVM itself.
read -r -a java_opts <<<"$JAVA_OPTS"
contact_sync=(env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD
	-u CONTACTSYNC_OPERATOR_TOKEN -u CONTACTSYNC_VIEWER_TOKEN CONTACTSYNC_ADMIN_TOKEN="$token"
	java "${java_opts[@]}" -jar "$JAR")
data_dir_option=--contactsync.embedded-database.data-directory=$DATA_DIR

api() {
	curl -sS --max-time 60 -H @"$work/auth-header" "$base$1"
}

# "total total_is_estimate" of a list response.
page_total() {
	api "$1" | awk '{
		t = $0; e = $0
		if (!sub(/.*"total":/, "", t)) { print "? ?"; exit }
		sub(/[^0-9].*/, "", t)
		sub(/.*"total_is_estimate":/, "", e); sub(/[^a-z].*/, "", e)
		print t, e
	}'
}

if pid=$(postgres_on_data_dir); then
	die "PostgreSQL (pid $pid) already runs on $DATA_DIR, for another process; stop it or use another DATA_DIR"
fi
if curl -s -o /dev/null --max-time 2 "$base/"; then
	die "something already answers on port $PORT; set PORT to a free one"
fi

echo "Contact Sync contacts API benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -n 1)"
echo "Data: $DATA_DIR"
echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Starting the server on port $PORT (log: $server_log)"
"${contact_sync[@]}" --server.port="$PORT" --server.address=127.0.0.1 "$data_dir_option" >"$server_log" 2>&1 &
server_pid=$!
started=$(now_ms)
until curl -sf --max-time 2 "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; do
	if ! running "$server_pid"; then
		tail -n 30 "$server_log" >&2
		die "the server stopped while starting (log above)"
	fi
	(($(now_ms) - started < 120000)) || die "the server was not healthy within 120 s; see $server_log"
	sleep 0.5
done
echo "Server up in $(awk -v ms=$(($(now_ms) - started)) 'BEGIN { printf "%.1f", ms / 1000 }') s (pid $server_pid)"

counted=$(page_total "/api/v1/contacts?size=1")
read -r stored stored_is_estimate <<<"$counted"
[[ $stored =~ ^[0-9]+$ ]] || die "could not read the number of contacts from GET /api/v1/contacts?size=1"
# The total is an estimate above 10,000 (and a poor one before PostgreSQL has analysed the new rows),
# so ask instead whether contact number CONTACTS exists: page CONTACTS of size 1 is empty if not.
probe=$(api "/api/v1/contacts?size=1&page=$CONTACTS")
[[ $probe == *'"contacts":'* ]] || die "unexpected answer to GET /api/v1/contacts?size=1&page=$CONTACTS: $probe"
if [[ $probe == *'"contacts":[]'* ]]; then
	echo
	echo "The store holds fewer than $CONTACTS contacts (total says $stored$([[ $stored_is_estimate == true ]] && echo ', an estimate')); generating $CONTACTS (seed $SEED)..."
	started=$(now_ms)
	if ! "${contact_sync[@]}" run generate contacts="$CONTACTS" seed="$SEED" "$data_dir_option" >"$work/generate.log" 2>&1; then
		cat "$work/generate.log" >&2
		die "the generate job failed (output above, kept in $work/generate.log); running the script again resumes it"
	fi
	elapsed_ms=$(($(now_ms) - started))
	# The job's own report: from its "Job generate ..." line on.
	awk '/^Job /{ shown = 1 } shown' "$work/generate.log"
	# Rates over the job's own time; the wall time adds the JVM's start and stop.
	awk -v ms="$elapsed_ms" -v per="$MESSAGES_PER_CONTACT" '
		/^Job / { for (i = 1; i < NF; i++) if ($i == "in") job = $(i + 1) }
		$1 == "generateContacts" { written = $4 }
		END {
			if (job <= 0) job = ms / 1000
			printf "Generated %d new contacts in %.1f s of job time (%.1f s wall): %.0f contacts/s, ~%.0f messages/s\n",
				written, job, ms / 1000, written / job, written * per / job
			printf "(messages estimated at the generator'"'"'s mean of %.1f a contact: ~%.0f)\n", per, written * per
		}' "$work/generate.log"
else
	echo "The store already holds $CONTACTS contacts or more (total says $stored$([[ $stored_is_estimate == true ]] && echo ', an estimate')); no generation needed"
fi

queries_a=("/api/v1/contacts")
queries_b=()
for s in "${SURNAMES[@]}"; do
	queries_b+=("/api/v1/contacts?q=$s&channel=telegram")
done

# How requests authenticate: the API's bearer token, or (for the dashboard's pages) the signed-in session's cookie.
auth=(-H @"$work/auth-header")

# Prints "http_code seconds" for RUNS requests, cycling over the given paths, sent one after another over one
# kept-alive connection as an HTTP client library would (curl reads them from a config file: no long command line).
timed_requests() {
	local runs=$1 i
	shift
	local -a paths=("$@")
	for ((i = 0; i < runs; i++)); do
		printf 'url = "%s"\noutput = "/dev/null"\n' "$base${paths[i % ${#paths[@]}]}"
	done >"$work/requests"
	curl -s --max-time 600 "${auth[@]}" -w '%{http_code} %{time_total}\n' -K "$work/requests" || true
}

# The same, each request on a connection of its own (curl started anew), as a shell script or a cron job calls.
timed_new_connections() {
	local runs=$1 i
	shift
	local -a paths=("$@")
	for ((i = 0; i < runs; i++)); do
		curl -s -o /dev/null --max-time 60 "${auth[@]}" -w '%{http_code} %{time_total}\n' \
			"$base${paths[i % ${#paths[@]}]}" || true
	done
}

# "median p95 max" in ms of RUNS requests timed by the function $1 (timed_requests by default); fails on any
# answer but 200.
measure() {
	local file=$work/times timer=timed_requests
	if [[ $1 == timed_* ]]; then
		timer=$1
		shift
	fi
	"$timer" "$RUNS" "$@" >"$file"
	if awk '$1 != 200 { bad++ } END { exit !bad }' "$file"; then
		die "some requests did not answer 200 (status counts: $(awk '{ print $1 }' "$file" | sort | uniq -c | tr -s ' \n' ' '))"
	fi
	awk '{ printf "%.3f\n", $2 * 1000 }' "$file" | sort -n | awk '
		{ v[NR] = $1 }
		END {
			n = NR
			median = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
			p95 = v[int((95 * n + 99) / 100)] # nearest rank
			printf "%.2f %.1f %.1f", median, p95, v[n]
		}'
}

echo
echo "Warming up: $WARMUP requests of each query"
timed_requests "$WARMUP" "${queries_a[@]}" >/dev/null
timed_requests "$WARMUP" "${queries_b[@]}" >/dev/null

# Assigned, not read from a process substitution, so that a failure stops the script.
counted=$(page_total "${queries_a[0]}")
read -r total_a estimate_a <<<"$counted"
stats=$(measure "${queries_a[@]}")
read -r median_a p95_a max_a <<<"$stats"
stats=$(measure timed_new_connections "${queries_a[@]}")
read -r median_n p95_n max_n <<<"$stats"
stats=$(measure "${queries_b[@]}")
read -r median_b p95_b max_b <<<"$stats"

# The first page's statements as ContactRepository sends them for an unfiltered list, timed by psql itself.
first_page_sql="select id, name, email, phone, channel, created_at, last_activity_at, lead_status, lead_temperature
    from live_contact where true order by created_at desc, id desc limit 50 offset 0;
explain select 1 from live_contact where true;"
query_stats=$(for ((i = 0; i < WARMUP + RUNS; i++)); do echo "$first_page_sql"; done |
	store_sql "$server_log" "$DATA_DIR" -o /dev/null -c '\timing on' -f - | awk -v skip="$WARMUP" '
	/^Time: / { ms += $2; if (++statements % 2 == 0) { if (++runs > skip) print ms; ms = 0 } }' | sort -n | awk '
	{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')

echo
echo "$RUNS sequential requests per query over one connection, times in ms (curl time_total):"
row='%-48s %10s %9s %8s %8s %8s\n'
# shellcheck disable=SC2059 # the format is ours
{
	printf "$row" query total estimate median p95 max
	printf "$row" "GET ${queries_a[0]}" "$total_a" "$estimate_a" "$median_a" "$p95_a" "$max_a"
	printf "$row" "    the same, a new connection each" "" "" "$median_n" "$p95_n" "$max_n"
	printf "$row" "GET /api/v1/contacts?q=<surname>&channel=telegram" "" "" "$median_b" "$p95_b" "$max_b"
	for s in "${SURNAMES[@]}"; do
		counted=$(page_total "/api/v1/contacts?q=$s&channel=telegram")
		read -r total_s estimate_s <<<"$counted"
		printf "$row" "    q=$s" "$total_s" "$estimate_s" "" "" ""
	done
}
awk -v api="$median_a" -v query="$query_stats" 'BEGIN {
	printf "\nFloor: the first page'"'"'s two statements in psql, %.2f ms median. The API'"'"'s first page %.2f ms = %.2fx the floor\n",
		query, api, api / query }'

# The dashboard's contacts page runs the same list query and renders it as HTML: sign in as a person does
# (the token from a file, the CSRF token from the form) and time the pages with the session's cookie.
echo
echo "Signing in to the dashboard"
printf '%s' "$token" >"$work/token"
chmod 600 "$work/token"
form=$(curl -sS --max-time 10 -c "$work/cookies" "$base/sign-in")
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$form" | head -n 1)
[[ -n $csrf ]] || die "no CSRF token in the sign-in form"
signed_in=$(curl -sS --max-time 10 -b "$work/cookies" -c "$work/cookies" -o /dev/null -w '%{http_code} %{redirect_url}' \
	--data-urlencode "token@$work/token" --data-urlencode "_csrf=$csrf" "$base/sign-in")
[[ $signed_in == "302 "*/contacts ]] || die "signing in to the dashboard failed ($signed_in)"
auth=(-b "$work/cookies")
pages_a=("/contacts")
pages_b=()
for s in "${SURNAMES[@]}"; do
	pages_b+=("/contacts?q=$s&channel=telegram")
done
pages_c=("/contacts?sort=last_activity&page=2" "/contacts?created=30d&status=active")
timed_requests $((WARMUP / 5)) "${pages_a[@]}" "${pages_b[@]}" "${pages_c[@]}" >/dev/null
stats=$(measure "${pages_a[@]}")
read -r median_pa p95_pa max_pa <<<"$stats"
stats=$(measure "${pages_b[@]}")
read -r median_pb p95_pb max_pb <<<"$stats"
stats=$(measure "${pages_c[@]}")
read -r median_pc p95_pc max_pc <<<"$stats"
page_size=$(curl -s -o /dev/null "${auth[@]}" -w '%{size_download}' "$base/contacts")
echo
echo "Dashboard pages (HTML, 50 contacts a page, $page_size bytes), $RUNS sequential requests each, times in ms (curl time_total):"
# shellcheck disable=SC2059 # the format is ours
{
	printf "$row" page "" "" median p95 max
	printf "$row" "GET /contacts (first page)" "" "" "$median_pa" "$p95_pa" "$max_pa"
	printf "$row" "GET /contacts?q=<surname>&channel=telegram" "" "" "$median_pb" "$p95_pb" "$max_pb"
	printf "$row" "GET /contacts?sort=last_activity&page=2, ..." "" "" "$median_pc" "$p95_pc" "$max_pc"
}

echo
echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status")
echo
echo "Server JVM resident memory (VmRSS, embedded PostgreSQL not included): $((rss_kb / 1024)) MiB"
