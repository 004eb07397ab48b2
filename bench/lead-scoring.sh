#!/usr/bin/env bash
# Benchmark of lead-scoring on a generated store: 1,000,000 contacts with about 5,000,000 messages (the
# generate job makes them the first time, into DATA_DIR, and later runs reuse them), scored twice with a
# small heap: the first run as after a day of new data, the second as a nightly run where little changed.
# Prints each run's seconds, its steps and the peak heap.
#
#   bench/lead-scoring.sh                          # 1,000,000 contacts: the first run generates them (minutes)
#   CONTACTS=20000 DATA_DIR=/tmp/cs-scoring bench/lead-scoring.sh
#
# Settings (environment): CONTACTS=1000000 SEED=1 HEAP=256m DATA_DIR=data/bench (shared with
#   bench/contacts-api.sh) JAR=target/contact-sync.jar
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS=${CONTACTS:-1000000}
SEED=${SEED:-1}
HEAP=${HEAP:-256m}
DATA_DIR=${DATA_DIR:-$root/data/bench}
JAR=${JAR:-$root/target/contact-sync.jar}

die() {
	echo "lead-scoring: $*" >&2
	exit 1
}

[[ $CONTACTS =~ ^[0-9]+$ && $CONTACTS -gt 0 ]] || die "CONTACTS must be a positive whole number, not '$CONTACTS'"
[[ -f $JAR ]] || die "$JAR does not exist; build it first with: mvn -B -DskipTests package"
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
log=$(mktemp "${TMPDIR:-/tmp}/lead-scoring-bench.XXXXXX")
trap 'rm -f "$log"' EXIT

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

for pass in first second; do
	echo
	echo "Scoring, $pass run:"
	contact_sync run lead-scoring >"$log" 2>&1 || { cat "$log" >&2; die "lead-scoring failed"; }
	# The run's report: from its "Job lead-scoring ..." line on.
	awk '/^Job lead-scoring/ { shown = 1 } shown' "$log"
done
