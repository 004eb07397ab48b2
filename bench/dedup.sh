#!/usr/bin/env bash
# Benchmark of dedup: accuracy and speed.
#
#   bench/dedup.sh              # all three parts
#   bench/dedup.sh accuracy     # two labelled sets, precision, recall, F1 over linked pairs: contacts across
#                               # channels, and records corrupted by GeCo's model (typos, nicknames, Cyrillic,
#                               # dropped @ or dot; src/main/java/io/contactsync/demo/GecoSampleFactory.java)
#   bench/dedup.sh febrl        # FEBRL dataset3 and dataset4a+4b with bench/dedup-febrl.yml: F1
#   bench/dedup.sh speed        # 1,000,000 contacts, 10 % duplicates, -Xmx1g: pairs compared and seconds,
#                               # and the merge beside its floor
#   bench/dedup.sh peer         # Duke 1.2 (fetched from Maven Central by bench/duke/pom.xml, configured in
#                               # bench/duke-*.xml) beside Contact Sync on FEBRL and the GeCo sample: P, R, F1, time
#
# Settings (environment): SAMPLE=20000 (contacts of each accuracy set) CONTACTS=1000000 DUPLICATES=10
#   GECO_DUPLICATES=40 (the GeCo set's share of duplicate records) SEED=1
#   HEAP=1g (speed run) WORK=data/bench-dedup JAR=target/contact-sync.jar FEBRL=bench/febrl
# Every part loads a fresh embedded PostgreSQL under WORK. The speed part generates its million contacts once
# (2-5 minutes; the COPY into the contact table's indexes is most of it) into WORK/template-<n>-<d>-<seed>
# and copies that directory for each run, because dedup changes the store. The speed part then measures the
# merge's floor: on a fresh copy of the template, the same merges (the run's merge records: survivor and
# merged-away contact) as a hand-written script would do them, the survivors' update, the identities and
# conversations moved and the tombstones, through psql in one transaction rolled back; and prints the run's
# dedupMerge step as a ratio to it. PORT=18084 is the port of the server the floor is measured through; psql
# (Debian's postgresql-client) is needed for it.
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAMPLE=${SAMPLE:-20000}
CONTACTS=${CONTACTS:-1000000}
DUPLICATES=${DUPLICATES:-10}
GECO_DUPLICATES=${GECO_DUPLICATES:-40}
SEED=${SEED:-1}
HEAP=${HEAP:-1g}
WORK=${WORK:-$root/data/bench-dedup}
JAR=${JAR:-$root/target/contact-sync.jar}
FEBRL=${FEBRL:-$root/bench/febrl}
PORT=${PORT:-18084}
parts=${1:-accuracy febrl speed}

die() {
	echo "dedup: $*" >&2
	exit 1
}

[[ -f $JAR ]] || die "$JAR does not exist; build it with: mvn -B -DskipTests package"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dedup-bench.XXXXXX")
# shellcheck source=bench/server.sh
source "$root/bench/server.sh"
bench=dedup
server_pid=

trap leave EXIT
token=$(new_token)

# Only our settings: a datasource URL in the environment would send the run to another database.
contact_sync() {
	local database=$1
	shift
	(cd "$root" && env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		java "${JAVA_OPTS[@]}" -jar "$JAR" run "$@" --contactsync.embedded-database.data-directory="$database")
}

# A server on the store in $1, for psql (store_sql) to reach its embedded PostgreSQL; stop_store ends it.
start_store() {
	start_server env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		-u CONTACTSYNC_VIEWER_TOKEN -u CONTACTSYNC_OPERATOR_TOKEN CONTACTSYNC_ADMIN_TOKEN="$token" \
		java -jar "$JAR" --contactsync.embedded-database.data-directory="$1"
}

stop_store() {
	stop_server "$server_pid"
	server_pid=
}

# The merges of the plan in $work/plan.csv as plain SQL: what each survivor gains (its empty fields from the
# oldest merged-away contact that has them, the latest activity, the tags and attributes), then the updates.
merge_floor_sql="begin;
create temp table plan (survivor_id bigint not null, merged_id bigint primary key);
\\copy plan from '$work/plan.csv' (format csv)
create index on plan (survivor_id);
analyze plan;
create temp table gain as
select p.survivor_id,
       (array_agg(m.name order by m.created_at, m.id) filter (where m.name is not null))[1] as name,
       (array_agg(m.email order by m.created_at, m.id) filter (where m.email is not null))[1] as email,
       (array_agg(m.phone order by m.created_at, m.id) filter (where m.phone is not null))[1] as phone,
       (array_agg(m.phone_e164 order by m.created_at, m.id) filter (where m.phone is not null))[1] as phone_e164,
       (array_agg(m.notes order by m.created_at, m.id) filter (where m.notes is not null))[1] as notes,
       max(m.last_activity_at) as last_activity_at,
       array(select distinct t from plan q join contact n on n.id = q.merged_id, unnest(n.tags) t
             where q.survivor_id = p.survivor_id) as tags,
       (select coalesce(jsonb_object_agg(x.key, x.value), '{}') from (
            select distinct on (e.key) e.key, e.value from plan q join contact n on n.id = q.merged_id,
                   jsonb_each(n.attributes) e
            where q.survivor_id = p.survivor_id order by e.key, n.created_at, n.id) x) as attributes
from plan p join contact m on m.id = p.merged_id group by p.survivor_id;
update contact s set name = coalesce(s.name, g.name), email = coalesce(s.email, g.email),
       phone = coalesce(s.phone, g.phone),
       phone_e164 = case when s.phone is null then g.phone_e164 else s.phone_e164 end,
       notes = coalesce(s.notes, g.notes), last_activity_at = greatest(s.last_activity_at, g.last_activity_at),
       attributes = g.attributes || s.attributes,
       tags = array(select distinct t from unnest(s.tags || g.tags) t order by t),
       version = s.version + 1, updated_at = now()
from gain g where s.id = g.survivor_id;
update contact_identity i set contact_id = p.survivor_id from plan p where i.contact_id = p.merged_id;
update conversation c set contact_id = p.survivor_id from plan p where c.contact_id = p.merged_id;
update contact m set merged_into = p.survivor_id from plan p where m.id = p.merged_id;
rollback;"

# Seconds of the floor for the merges the run on store $1 made, measured on a fresh copy of the template $2.
merge_floor() {
	local database=$1 template=$2 start end
	start_store "$database"
	store_sql "$work/server.log" "$database" -c "\\copy (select survivor_id, merged_id from merge_record) to '$work/plan.csv' (format csv)"
	stop_store
	rm -rf "$database"
	cp -a "$template" "$database"
	sync
	start_store "$database"
	start=$(date +%s.%N)
	store_sql "$work/server.log" "$database" <<<"$merge_floor_sql" >/dev/null
	end=$(date +%s.%N)
	stop_store
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'
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

# Duke 1.2 and its Lucene from Maven Central into $WORK/duke-lib, once.
duke_classpath() {
	if [[ ! -f $WORK/duke-lib/duke-1.2.jar ]]; then
		mvn -q -B -f "$root/bench/duke/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/duke-lib" >&2 \
			|| die "could not fetch Duke 1.2 from Maven Central"
	fi
	echo "$WORK/duke-lib/*"
}

# Duke with config $1 on CSV $2 (mode $3 for the evaluation): its figures, then the seconds it took.
duke() {
	local config=$1 csv=$2 mode=$3 start end
	sed "s#INPUT#$csv#" "$config" >"$work/duke.xml"
	start=$(date +%s.%N)
	java -cp "$(duke_classpath)" no.priv.garshol.duke.Duke --linkfile="$work/duke.links" "$work/duke.xml" \
		>"$work/duke.log" 2>&1 || { tail -n 20 "$work/duke.log" >&2; die "Duke failed"; }
	end=$(date +%s.%N)
	awk -F, -v mode="$mode" -f "$root/bench/duke/evaluate.awk" "$csv" "$work/duke.links"
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }'
}

# One line of the side-by-side table from our evaluate output ($1) and Duke's ($2), for the set named $3.
side_by_side() {
	awk -v set="$3" '
		FNR == NR && /COMPLETED in/ && /^Job dedup,/ { ours_s = $(NF - 1) }
		FNR == NR && /=>/ { match($0, /precision [0-9.]+, recall [0-9.]+, F1 [0-9.]+/); ours = substr($0, RSTART, RLENGTH)
			split(ours, o, /[ ,]+/); op = o[2]; orr = o[4]; of = o[6]; match($0, /review [0-9.]+$/); rv = substr($0, RSTART + 7) }
		FNR != NR && /Duke linked/ { match($0, /precision [0-9.]+, recall [0-9.]+, F1 [0-9.]+/); split(substr($0, RSTART, RLENGTH), d, /[ ,]+/) }
		FNR != NR && /^[0-9.]+$/ { duke_s = $1 }
		END { printf "| %s | %s / %s / %s | %s | %s s | %s / %s / %s | %s s | %.3f | %.1fx |\n", set, op, orr, of, rv, ours_s,
			d[2], d[4], d[6], duke_s, orr / d[4], duke_s / ours_s }' "$1" "$2"
}

# Contact Sync and Duke on the same records: FEBRL dataset3, dataset4a+4b, and the GeCo-corrupted sample.
peer() {
	local table=() set database
	echo
	echo "Peer: Duke 1.2 (bench/duke-febrl.xml, bench/duke-contacts.xml) beside Contact Sync on the same records"
	for set in dataset3.csv dataset4a.csv,dataset4b.csv; do
		echo "FEBRL $set"
		{ echo "rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id"
			# awk ends every line, dataset4a.csv's last one too, and drops the space after each comma.
			for file in ${set//,/ }; do awk 'NR > 1 { gsub(/, /, ","); print }' "$FEBRL/$file"; done; } >"$work/febrl.csv"
		database=$WORK/peer-$$
		contact_sync "$database" dedup-sample febrl="$(echo "$set" | sed "s#\([^,]*\)#$FEBRL/\1#g")" >/dev/null
		evaluate "$database" --contactsync.dedup.rules-file=bench/dedup-febrl.yml | tee "$work/ours.txt" | grep '=>'
		rm -rf "$database"
		duke "$root/bench/duke-febrl.xml" "$work/febrl.csv" febrl | tee "$work/duke.txt" | sed 's/^/  Duke: /'
		table+=("$(side_by_side "$work/ours.txt" "$work/duke.txt" "FEBRL $set")")
	done
	echo "GeCo sample, $SAMPLE records ($GECO_DUPLICATES % duplicates, seed $SEED)"
	database=$WORK/peer-$$
	contact_sync "$database" dedup-sample generator=geco contacts="$SAMPLE" duplicates="$GECO_DUPLICATES" seed="$SEED" \
		>/dev/null
	start_store "$database"
	store_sql "$work/server.log" "$database" -c "\\copy (select attributes ->> '_person' || ':' || id as id, name,
		coalesce(email, attributes ->> 'email_as_given') as email, phone, attributes ->> 'city' as city,
		attributes ->> 'date_of_birth' as date_of_birth from contact order by id) to '$work/geco.csv' (format csv, header)"
	stop_store
	evaluate "$database" | tee "$work/ours.txt" | grep '=>'
	rm -rf "$database"
	duke "$root/bench/duke-contacts.xml" "$work/geco.csv" label | tee "$work/duke.txt" | sed 's/^/  Duke: /'
	table+=("$(side_by_side "$work/ours.txt" "$work/duke.txt" "GeCo sample")")
	echo
	echo "| set | Contact Sync auto-merge P / R / F1 | with review R | time | Duke P / R / F1 | time | recall ours/Duke | Duke time/ours |"
	echo "|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${table[@]}"
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
		echo
		echo "Accuracy: $SAMPLE labelled records corrupted as GeCo corrupts ($GECO_DUPLICATES % duplicates, seed $SEED), jobs/dedup.yml"
		database=$WORK/geco-$$
		contact_sync "$database" dedup-sample generator=geco contacts="$SAMPLE" duplicates="$GECO_DUPLICATES" \
			seed="$SEED" >/dev/null
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
		sync # the copy written back now, not during the run (see bench/lead-scoring.sh)
		echo "Deduplicating $CONTACTS contacts with -Xmx$HEAP (load average $(cut -d' ' -f1-3 /proc/loadavg)) ..."
		JAVA_OPTS=("-Xmx$HEAP")
		evaluate "$database" | tee "$work/speed.log"
		JAVA_OPTS=()
		echo "Measuring the merge's floor on a fresh copy: the same merges as plain SQL, rolled back ..."
		floor=$(merge_floor "$database" "$template")
		awk -v f="$floor" -v plan="$(wc -l <"$work/plan.csv")" '$1 == "dedupMerge" && $2 == "COMPLETED" { merge = $(NF - 1) }
			END { printf "Floor: the %d merges as plain UPDATEs, %.1f s. dedupMerge %.1f s = %.2fx the floor\n", plan, f, merge, merge / f }' \
			"$work/speed.log"
		rm -rf "$database"
		;;
	peer)
		peer
		;;
	*)
		echo "dedup: unknown part '$part'; use accuracy, febrl, speed or peer" >&2
		exit 2
		;;
	esac
done
