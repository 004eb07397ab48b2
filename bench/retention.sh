#!/usr/bin/env bash
# Benchmark of the retention job on a generated store of 1,000,000 contacts (about 5,000,000 messages; the
# generate job makes them the first time, into DATA_DIR, and later runs reuse them). Each run works on a fresh
# copy of that store (WORK_DIR), so the figures repeat: the generated contacts are at most a year old, so the
# benchmark's policy archives after ARCHIVE_MONTHS and deletes after DELETE_MONTHS of quiet to give the run
# real work. A second run then shows the nightly case, where nothing new is due.
# Prints each run's seconds, its steps with their counts and the peak heap.
#
#   bench/retention.sh                              # 1,000,000 contacts: the first time generates them (minutes)
#   CONTACTS=20000 DATA_DIR=/tmp/cs-retention bench/retention.sh
#
# Settings (environment): CONTACTS=1000000 SEED=1 HEAP=512m ARCHIVE_MONTHS=6 DELETE_MONTHS=10
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
[[ -f $JAR ]] || die "$JAR does not exist; build it first with: mvn -B -DskipTests package"
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
[[ $(realpath -m "$WORK_DIR") != "$DATA_DIR" ]] || die "WORK_DIR must not be DATA_DIR: the runs change the store"
work=$(mktemp -d "${TMPDIR:-/tmp}/retention-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The benchmark's policy: the shipped files, with the months above in retention.yml.
cp -r "$root/jobs" "$work/jobs"
sed -i -e "s/^  archive-after-months: .*/  archive-after-months: $ARCHIVE_MONTHS/" \
	-e "s/^  delete-after-months: .*/  delete-after-months: $DELETE_MONTHS/" "$work/jobs/retention.yml"

# Only our settings: a datasource URL in the environment would send the runs to another database.
contact_sync() {
	local data=$1
	shift
	env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		java "-Xmx$HEAP" -jar "$JAR" "$@" --contactsync.embedded-database.data-directory="$data" \
		--contactsync.jobs-directory="$work/jobs"
}

echo "Contact Sync retention benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, heap $HEAP"
echo "Policy: archive after $ARCHIVE_MONTHS months of quiet, delete after $DELETE_MONTHS, keep lead status active and tag vip"
# generate adds nothing when the seed's contacts are there already, so this costs little after the first time.
echo "Making sure $DATA_DIR holds $CONTACTS generated contacts (seed $SEED) ..."
contact_sync "$DATA_DIR" run generate contacts="$CONTACTS" seed="$SEED" >"$work/log" 2>&1 ||
	{ cat "$work/log" >&2; die "generate failed"; }
awk '/^Job generate/' "$work/log"
echo "Copying it to $WORK_DIR ..."
rm -rf "$WORK_DIR"
cp -a "$DATA_DIR" "$WORK_DIR"

for pass in first second; do
	echo
	echo "Retention, $pass run:"
	contact_sync "$WORK_DIR" run retention >"$work/log" 2>&1 || { cat "$work/log" >&2; die "retention failed"; }
	# The run's report: from its "Job retention ..." line on.
	awk '/^Job retention/ { shown = 1 } shown' "$work/log"
done
