# Sourced by the benchmarks that start the packaged jar as a server (bench/export.sh, bench/retention.sh,
# bench/lead-scoring.sh, bench/dedup.sh). The caller sets work (its temporary directory) and bench (its name),
# and defines die.

# A fresh token: echoed for the server's environment and kept as a header file for curl, where ps cannot see it.
new_token() {
	local token
	token=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
	printf 'Authorization: Bearer %s\n' "$token" >"$work/auth-header"
	chmod 600 "$work/auth-header"
	echo "$token"
}

# Starts the command in the arguments (the jar, its options) as a private server on loopback port $PORT, without
# the scheduler, logging to $work/server.log, and waits until it is healthy; its pid is server_pid.
start_server() {
	"$@" --server.port="$PORT" --server.address=127.0.0.1 --contactsync.scheduler.enabled=false \
		>"$work/server.log" 2>&1 &
	server_pid=$!
	await_server "$server_pid" "$PORT" "$work/server.log"
}

# Waits up to two minutes for the server with pid $1 to answer healthy on port $2; its log is $3.
await_server() {
	local i
	for ((i = 0; i < 240; i++)); do
		curl -sf --max-time 2 "http://127.0.0.1:$2/actuator/health" 2>/dev/null | grep -q '"UP"' && return 0
		kill -0 "$1" 2>/dev/null || { tail -n 30 "$3" >&2; die "the server stopped while starting"; }
		sleep 0.5
	done
	die "the server was not healthy within two minutes; see $3"
}

# SIGTERM: the server with pid $1 stops gracefully, and its embedded PostgreSQL with it.
stop_server() {
	kill -TERM "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# psql on the embedded PostgreSQL of the server whose log is $1 (the log names its port) and whose data
# directory is $2 (it holds the password); the other arguments go to psql.
store_sql() {
	local log=$1 data=$2 port
	shift 2
	port=$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$log" | tail -n 1)
	[[ -n $port ]] || die "$log does not say which port the embedded PostgreSQL listens on"
	PGPASSWORD=$(cat "$data/contact-sync.password") psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
		-U postgres -d postgres "$@"
}

# The EXIT trap of the benchmarks that need nothing else stopped: the server they started (server_pid), if any,
# and their temporary directory, kept with its logs when the script failed.
leave() {
	local status=$?
	[[ -z ${server_pid:-} ]] || stop_server "$server_pid"
	((status == 0)) && rm -rf "$work" || echo "$bench: failed; logs are in $work" >&2
	exit "$status"
}
