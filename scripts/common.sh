# Shared helpers of the project's scripts (sourced, not run).
#
# - find Odoo: $ODOO_BIN, else the `odoo` command on PATH;
# - find the Python that runs Odoo ($ODOO_PYTHON, else the interpreter of that command);
# - PostgreSQL: the standard PG* settings when they reach a server, else a throwaway
#   cluster on loopback started with the machine's PostgreSQL binaries;
# - an addons folder holding this repository as `beneficiary_relations`.
# Everything created is recorded and removed by `br_cleanup`; nothing else is touched.

set -euo pipefail

BR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BR_MODULE=beneficiary_relations
BR_TMP=$(mktemp -d "${TMPDIR:-/tmp}/br.XXXXXX")
chmod 755 "$BR_TMP"
BR_PG_STARTED=""
BR_PG_BIN=""
BR_DBS_CREATED=()

br_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
br_die() { printf 'ERROR: %s\n' "$*" >&2; exit 2; }

br_tmp() { printf '%s' "$BR_TMP"; }

br_find_odoo() {
    if [ -n "${ODOO_BIN:-}" ]; then
        [ -x "$ODOO_BIN" ] || br_die "ODOO_BIN=$ODOO_BIN is not an executable file."
        ODOO="$ODOO_BIN"
    elif command -v odoo >/dev/null 2>&1; then
        ODOO=$(command -v odoo)
    else
        br_die "Odoo 18 was not found: put the 'odoo' command on PATH or set ODOO_BIN=/path/to/odoo-bin. \
The Odoo test suite cannot run without it, so this run fails."
    fi
    if [ -n "${ODOO_PYTHON:-}" ]; then
        PY="$ODOO_PYTHON"
    else
        local shebang
        shebang=$(head -n1 "$ODOO" | sed -n 's/^#! *//p')
        case "$shebang" in
            */env\ *) PY=$(command -v "${shebang##* }") ;;
            "") PY=$(command -v python3) ;;
            *) PY=${shebang%% *} ;;
        esac
    fi
    "$PY" -c 'import odoo' 2>/dev/null || br_die "The Python that runs Odoo ($PY) cannot import odoo; set ODOO_PYTHON."
    local version
    version=$("$PY" -c 'import odoo.release as r; print(r.serie)' 2>/dev/null || true)
    [ "$version" = "18.0" ] || br_die "Odoo 18.0 is required, found '${version:-unknown}' at $ODOO."
    export ODOO PY
}

# Sets ADDONS: a folder holding this repository as `beneficiary_relations`.
br_addons_dir() {
    ADDONS="$BR_TMP/addons"
    mkdir -p "$ADDONS"
    [ -e "$ADDONS/$BR_MODULE" ] || ln -s "$BR_ROOT" "$ADDONS/$BR_MODULE"
}

br_free_port() {
    "${PY:-python3}" - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

br_pg_reachable() {
    command -v psql >/dev/null 2>&1 || return 1
    psql -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

# Sets PGHOST/PGPORT/PGUSER (and keeps PGPASSWORD) for Odoo and psql.
br_pg_setup() {
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGDATABASE:-}" ] && br_pg_reachable; then
        br_log "Using the PostgreSQL server of the PG* settings (${PGHOST:-socket}:${PGPORT:-5432})."
        [ "${PGUSER:-$(id -un)}" != "postgres" ] || br_die "Odoo refuses the 'postgres' role: set PGUSER to another role."
        return
    fi
    BR_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    [ -n "$BR_PG_BIN" ] && [ -x "$BR_PG_BIN/initdb" ] || BR_PG_BIN=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    [ -x "$BR_PG_BIN/initdb" ] || br_die "No PostgreSQL server configured (PG* settings) and no PostgreSQL binaries (initdb) found."
    local dir port runas=()
    dir="$(br_tmp)/pg"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || br_die "Running as root needs the 'postgres' system user to start PostgreSQL."
        chown postgres "$dir"
        runas=(runuser -u postgres --)
    fi
    port=$(br_free_port)
    br_log "Starting a throwaway PostgreSQL cluster on 127.0.0.1:$port ($dir)."
    "${runas[@]}" "$BR_PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; br_die "initdb failed."; }
    "${runas[@]}" "$BR_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null || { cat "$dir/server.log" >&2; br_die "PostgreSQL did not start."; }
    BR_PG_STARTED="$dir"
    export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
    unset PGDATABASE PGPASSWORD
    psql -d postgres -qc "CREATE ROLE odoo_br LOGIN CREATEDB SUPERUSER" >/dev/null
    export PGUSER=odoo_br
}

br_odoo_db_args() {
    ODOO_DB_ARGS=(--db_host="${PGHOST:-}" --db_port="${PGPORT:-5432}" --db_user="${PGUSER:-$(id -un)}")
    [ -z "${PGPASSWORD:-}" ] || ODOO_DB_ARGS+=(--db_password="$PGPASSWORD")
    [ -n "${PGHOST:-}" ] || ODOO_DB_ARGS=("${ODOO_DB_ARGS[@]:1}")
}

# Sets DB to a new database name, recorded so that br_cleanup drops it.
br_new_db_name() {
    DB="br_${1:-test}_$(date +%Y%m%d%H%M%S)_$$"
    if psql -d postgres -Atqc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
        br_die "Database $DB exists."
    fi
    BR_DBS_CREATED+=("$DB")
}

br_cleanup() {
    local rc=$?
    set +e
    if [ -n "${BR_KEEP:-}" ]; then
        br_log "BR_KEEP set: keeping ${BR_DBS_CREATED[*]:-no database} and $BR_TMP (PGHOST=${PGHOST:-} PGPORT=${PGPORT:-} PGUSER=${PGUSER:-})."
        return $rc
    fi
    if [ -z "$BR_PG_STARTED" ]; then
        for db in "${BR_DBS_CREATED[@]}"; do
            psql -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1
        done
    fi
    if [ -n "$BR_PG_STARTED" ]; then
        local runas=()
        [ "$(id -u)" != 0 ] || runas=(runuser -u postgres --)
        "${runas[@]}" "$BR_PG_BIN/pg_ctl" -D "$BR_PG_STARTED/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$BR_TMP"
    return $rc
}
