#!/usr/bin/env bash
# Benchmark of GET /api/v1/contacts/export on a generated store of 1,000,000 contacts (made by the generate
# job the first time, in DATA_DIR, shared with bench/contacts-api.sh and bench/lead-scoring.sh), against the
# packaged jar run with a small heap. Downloads every contact as CSV, then as XLSX (and JSON Lines), and prints
# each download's seconds, rows/s, size, and the server's peak heap while it ran (jstat, sampled every 0.2 s).
# Each CSV download is followed by its floor: PostgreSQL's own COPY of the same select to CSV (psql against the
# server's embedded PostgreSQL, output discarded), and the ratio of the two. FORMATS="csv csv" shows the first
# export after generation beside a second one.
#
#   bench/export.sh                                # 1,000,000 contacts, -Xmx256m
#   CONTACTS=20000 DATA_DIR=/tmp/cs-export bench/export.sh
#
# Settings (environment): CONTACTS=1000000 SEED=1 HEAP=256m PORT=18082 FORMATS="csv xlsx jsonl"
#   DATA_DIR=data/bench JAR=target/contact-sync.jar
# Needs: Linux, java 17+ with jstat, curl, awk, psql (Debian's postgresql-client) for the COPY floor.
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-1000000}
SEED=${SEED:-1}
HEAP=${HEAP:-256m}
PORT=${PORT:-18082}
FORMATS=${FORMATS:-csv xlsx jsonl}
DATA_DIR=${DATA_DIR:-$root/data/bench}
JAR=${JAR:-$root/target/contact-sync.jar}

die() {
	echo "export: $*" >&2
	exit 1
}

[[ $CONTACTS =~ ^[0-9]+$ && $CONTACTS -gt 0 ]] || die "CONTACTS must be a positive whole number, not '$CONTACTS'"
[[ -f $JAR ]] || die "$JAR does not exist; build it first with: mvn -B -DskipTests package"
command -v jstat >/dev/null || die "jstat (from the JDK) is not on the PATH"
command -v psql >/dev/null || die "psql is not on the PATH (Debian: apt-get install postgresql-client)"
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/export-bench.XXXXXX")
# shellcheck source=bench/server.sh
source "$root/bench/server.sh"
bench=export
server_pid=
sampler_pid=

cleanup() {
	local status=$?
	[[ -z $sampler_pid ]] || kill "$sampler_pid" 2>/dev/null || true
	[[ -z $server_pid ]] || stop_server "$server_pid"
	((status == 0)) && rm -rf "$work" || echo "export: failed; the server's log is in $work/server.log" >&2
	exit "$status"
}
trap cleanup EXIT

token=$(new_token)
# An array, not a function, so that the background server's $! is the JVM itself. The data directory goes
# last: `run` must be the jar's first argument.
contact_sync=(env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD
	-u CONTACTSYNC_VIEWER_TOKEN CONTACTSYNC_OPERATOR_TOKEN="$token" CONTACTSYNC_ADMIN_TOKEN="admin-$token"
	java "-Xmx$HEAP" -jar "$JAR")
data_dir=--contactsync.embedded-database.data-directory=$DATA_DIR

echo "Contact Sync export benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, server heap $HEAP"
echo "Making sure the store holds $CONTACTS generated contacts (seed $SEED) ..."
"${contact_sync[@]}" run generate contacts="$CONTACTS" seed="$SEED" "$data_dir" >"$work/generate.log" 2>&1 \
	|| { cat "$work/generate.log" >&2; die "generate failed"; }

start_server "${contact_sync[@]}" "$data_dir"
echo "Server up (pid $server_pid)"

# Heap in use (survivors + eden + old, KiB) every 0.2 s; the peak of a download is the most seen during it.
: >"$work/heap"
jstat -gc "$server_pid" 200 >>"$work/heap" 2>/dev/null &
sampler_pid=$!

# The export's own select (ContactExportRepository, no filter, newest first), as the floor COPYs it.
floor_sql="copy (select id, name, email, phone, phone_e164, channel, created_at, last_activity_at, lead_status,
  lead_temperature, lead_score, tags from live_contact where true order by created_at desc, id desc)
  to stdout (format csv, header)"
# Seconds psql takes to COPY the select to CSV on the server's embedded PostgreSQL, the output thrown away.
copy_floor() {
	local start end
	start=$(date +%s.%N)
	store_sql "$work/server.log" "$DATA_DIR" -c "$floor_sql" >/dev/null
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-6s %10s %9s %10s %10s %14s  %s\n' format rows seconds rows/s MiB "peak heap MiB" "COPY floor"
for format in $FORMATS; do
	before=$(wc -l <"$work/heap")
	result=$(curl -sS --max-time 900 -H @"$work/auth-header" -o "$work/contacts.$format" \
		-w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$PORT/api/v1/contacts/export?format=$format")
	read -r code seconds bytes <<<"$result"
	[[ $code == 200 ]] || die "the $format export answered $code"
	sleep 0.5
	case $format in
		csv | jsonl) rows=$(($(wc -l <"$work/contacts.$format") - $([[ $format == csv ]] && echo 1 || echo 0))) ;;
		*) rows=$CONTACTS ;;
	esac
	peak=$(tail -n +"$((before + 1))" "$work/heap" | awk '$1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f", max / 1024 }')
	floor=
	if [[ $format == csv ]]; then
		floor=$(copy_floor)
	fi
	awk -v f="$format" -v r="$rows" -v s="$seconds" -v b="$bytes" -v p="$peak" -v c="$floor" 'BEGIN {
		printf "%-6s %10d %9.1f %10.0f %10.1f %14s", f, r, s, r / s, b / 1048576, p
		if (c != "") printf "  %.2f s: the export is %s its floor", c, (c > 0 ? sprintf("%.2fx", s / c) : "(too fast to tell)")
		printf "\n" }'
	rm -f "$work/contacts.$format"
done
echo "(xlsx rows: the store's $CONTACTS, not counted in the file)"
echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
