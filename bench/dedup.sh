#!/usr/bin/env bash
# Benchmark of dedup: accuracy and speed.
#
#   bench/dedup.sh              # all three parts
#   bench/dedup.sh accuracy     # labelled contacts across channels: precision, recall, F1 over linked pairs
#   bench/dedup.sh febrl        # FEBRL dataset3 and dataset4a+4b with bench/dedup-febrl.yml: F1
#   bench/dedup.sh speed        # 1,000,000 contacts, 10 % duplicates, -Xmx1g: pairs compared and seconds
#
# Settings (environment): SAMPLE=20000 (contacts of the accuracy set) CONTACTS=1000000 DUPLICATES=10 SEED=1
#   HEAP=1g (speed run) WORK=data/bench-dedup JAR=target/contact-sync.jar FEBRL=bench/febrl
# Every part loads a fresh embedded PostgreSQL under WORK. The speed part generates its million contacts once
# (2-5 minutes; the COPY into the contact table's indexes is most of it) into WORK/template-<n>-<d>-<seed>
# and copies that directory for each run, because dedup changes the store.
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAMPLE=${SAMPLE:-20000}
CONTACTS=${CONTACTS:-1000000}
DUPLICATES=${DUPLICATES:-10}
SEED=${SEED:-1}
HEAP=${HEAP:-1g}
WORK=${WORK:-$root/data/bench-dedup}
JAR=${JAR:-$root/target/contact-sync.jar}
FEBRL=${FEBRL:-$root/bench/febrl}
parts=${1:-accuracy febrl speed}

[[ -f $JAR ]] || { echo "dedup: $JAR does not exist; build it with: mvn -B -DskipTests package" >&2; exit 1; }
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

# Only our settings: a datasource URL in the environment would send the run to another database.
contact_sync() {
	local database=$1
	shift
	(cd "$root" && env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		java "${JAVA_OPTS[@]}" -jar "$JAR" run "$@" --contactsync.embedded-database.data-directory="$database")
}
JAVA_OPTS=()

# The lines a person reads: the job's figures and each step's summary, not the start-up log.
figures() {
	grep -E '^Job |^  (dedup|peak)' || true
}

evaluate() {
	local database=$1
	shift
	contact_sync "$database" dedup "$@" | figures
	contact_sync "$database" dedup-evaluate "$@" | grep 'dedupEvaluate:' | sed 's/^ *dedupEvaluate: /  => /'
}

echo "Contact Sync dedup benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
for part in $parts; do
	case $part in
	accuracy)
		echo
		echo "Accuracy: $SAMPLE labelled contacts across channels ($DUPLICATES % duplicates, seed $SEED), jobs/dedup.yml"
		database=$WORK/accuracy-$$
		contact_sync "$database" dedup-sample contacts="$SAMPLE" duplicates="$DUPLICATES" seed="$SEED" >/dev/null
		evaluate "$database"
		rm -rf "$database"
		;;
	febrl)
		for set in dataset3.csv dataset4a.csv,dataset4b.csv; do
			echo
			echo "FEBRL $set with bench/dedup-febrl.yml"
			files=$(echo "$set" | sed "s#\([^,]*\)#$FEBRL/\1#g")
			database=$WORK/febrl-$$
			contact_sync "$database" dedup-sample febrl="$files" >/dev/null
			evaluate "$database" --contactsync.dedup.rules-file=bench/dedup-febrl.yml
			rm -rf "$database"
		done
		;;
	speed)
		echo
		template=$WORK/template-$CONTACTS-$DUPLICATES-$SEED
		if [[ ! -d $template ]]; then
			echo "Generating $CONTACTS labelled contacts ($DUPLICATES % duplicates) into $template (once) ..."
			contact_sync "$template.tmp" dedup-sample contacts="$CONTACTS" duplicates="$DUPLICATES" seed="$SEED" \
				| figures
			mv "$template.tmp" "$template"
		fi
		database=$WORK/speed-$$
		cp -a "$template" "$database"
		echo "Deduplicating $CONTACTS contacts with -Xmx$HEAP ..."
		JAVA_OPTS=("-Xmx$HEAP")
		evaluate "$database"
		JAVA_OPTS=()
		rm -rf "$database"
		;;
	*)
		echo "dedup: unknown part '$part'; use accuracy, febrl or speed" >&2
		exit 2
		;;
	esac
done
