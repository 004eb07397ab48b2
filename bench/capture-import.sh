#!/usr/bin/env bash
# Benchmark of capture-import: generates canonical events as JSON Lines (once; later runs reuse the file),
# imports them into a fresh embedded PostgreSQL with a small heap, then, on the same database, times
# COPY loading the rows the import wrote (the copy-baseline job). Prints events/s, the peak heap and
# the import's time as a multiple of COPY's.
#
#   bench/capture-import.sh                        # 1,000,000 events: 100,000 visitors, 200,000 conversations
#   EVENTS=100000 VISITORS=10000 CONVERSATIONS=20000 bench/capture-import.sh
#
# Settings (environment): EVENTS=1000000 VISITORS=100000 CONVERSATIONS=200000 HEAP=512m
#   WORK=data/bench-capture (the events file is kept there) JAR=target/contact-sync.jar
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EVENTS=${EVENTS:-1000000}
VISITORS=${VISITORS:-100000}
CONVERSATIONS=${CONVERSATIONS:-200000}
HEAP=${HEAP:-512m}
WORK=${WORK:-$root/data/bench-capture}
JAR=${JAR:-$root/target/contact-sync.jar}

[[ -f $JAR ]] || { echo "capture-import: $JAR does not exist; build it with: mvn -B -DskipTests package" >&2; exit 1; }
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
events_file=$WORK/events-$EVENTS-$VISITORS-$CONVERSATIONS.jsonl
database=$WORK/postgres-$$
trap 'rm -rf "$database"' EXIT

# Only our settings: a datasource URL in the environment would send the run to another database.
contact_sync() {
	env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD java "$@"
}

echo "Contact Sync capture-import benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, heap $HEAP"
if [[ ! -s $events_file ]]; then
	echo "Writing $EVENTS events ($VISITORS visitors, $CONVERSATIONS conversations) to $events_file"
	contact_sync -jar "$JAR" run generate-captures output="$events_file" events="$EVENTS" visitors="$VISITORS" \
		conversations="$CONVERSATIONS" --contactsync.embedded-database.data-directory="$WORK/generator-db" >/dev/null
fi
echo "Events file: $(wc -l <"$events_file") lines, $(du -h "$events_file" | cut -f1)"

echo
echo "Importing into a fresh embedded PostgreSQL with -Xmx$HEAP ..."
import_log=$WORK/import-$$.log
contact_sync "-Xmx$HEAP" -jar "$JAR" run capture-import input="$events_file" \
	--contactsync.embedded-database.data-directory="$database" | tee "$import_log"
import_seconds=$(awk '/^Job capture-import/ { for (i = 1; i <= NF; i++) if ($i == "in") print $(i + 1) }' "$import_log")

echo
echo "Timing COPY of the rows the import wrote, on the same database ..."
copy_log=$WORK/copy-$$.log
contact_sync -jar "$JAR" run copy-baseline --contactsync.embedded-database.data-directory="$database" | tee "$copy_log"
copy_seconds=$(sed -n 's/.*COPY loaded [0-9]* rows in \([0-9.]*\) s.*/\1/p' "$copy_log")
copy_without_keys=$(sed -n 's/.*without foreign keys in \([0-9.]*\) s.*/\1/p' "$copy_log")
rm -f "$import_log" "$copy_log"

echo
awk -v events="$EVENTS" -v imp="$import_seconds" -v copy="$copy_seconds" -v bare="$copy_without_keys" 'BEGIN {
	printf "import: %d events in %.1f s = %.0f events/s\n", events, imp, events / imp
	printf "COPY of the same rows into tables like the store'"'"'s: %.1f s; import / COPY = %.2f (goal: at most 4)\n", copy, imp / copy
	printf "COPY into the same tables without their foreign keys: %.1f s; import / that = %.2f\n", bare, imp / bare
}'
