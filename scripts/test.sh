#!/usr/bin/env bash
# `make test`: static checks, pure-Python tests of the helpers, then the Odoo suite on
# a fresh database (browser tours included) and an install/upgrade check without demo
# data, followed by a smoke run with --workers=2 --max-cron-threads=2. Ends with one line
# "N passed, N failed"; exits non-zero when anything failed.
#
# Environment:
#   ODOO_BIN / ODOO_PYTHON   where Odoo 18 is (default: `odoo` on PATH)
#   PG*                      an existing PostgreSQL server (default: a throwaway cluster)
#   BR_TEST_TAGS             extra --test-tags filter, e.g. ":TestBeneficiary" (default: all)
#   BR_SKIP_STATIC=1 / BR_SKIP_INSTALL_CHECK=1 / BR_SKIP_UPGRADE_CHECK=1   for quick local loops only
#   BR_KEEP=1                keep the database and logs for inspection
#   BR_LINT_ONLY=1           static checks and pure-Python tests only (`make lint`)

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
trap br_cleanup EXIT

PASSED=0
FAILED=0
FAILURES=()
pass() { PASSED=$((PASSED + ${2:-1})); br_log "PASS $1"; }
fail() { FAILED=$((FAILED + ${2:-1})); FAILURES+=("$1"); br_log "FAIL $1"; }

summary() {
    echo
    if [ ${#FAILURES[@]} -gt 0 ]; then
        printf 'Failed: %s\n' "${FAILURES[@]}"
    fi
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}

br_find_odoo
cd "$BR_ROOT"
LOGDIR="${BR_LOG_DIR:-$(br_tmp)/logs}"
mkdir -p "$LOGDIR"

# ---------------------------------------------------------------- static checks
if [ -z "${BR_SKIP_STATIC:-}" ]; then
    if "$PY" -m ruff --version >/dev/null 2>&1; then
        if "$PY" -m ruff check . >"$LOGDIR/ruff.log" 2>&1; then pass "ruff check"; else cat "$LOGDIR/ruff.log"; fail "ruff check"; fi
        if "$PY" -m ruff format --check . >"$LOGDIR/ruff-format.log" 2>&1; then
            pass "ruff format"
        else
            cat "$LOGDIR/ruff-format.log"; fail "ruff format"
        fi
    else
        fail "ruff is not installed in Odoo's Python (pip install -r requirements-test.txt)"
    fi
    if "$PY" -c 'import pylint_odoo' 2>/dev/null; then
        if "$PY" -m pylint --rcfile=.pylintrc --load-plugins=pylint_odoo --valid-odoo-versions=18.0 \
            "$BR_ROOT" >"$LOGDIR/pylint.log" 2>&1; then
            pass "pylint-odoo"
        else
            cat "$LOGDIR/pylint.log"; fail "pylint-odoo"
        fi
    else
        fail "pylint-odoo is not installed in Odoo's Python (pip install -r requirements-test.txt)"
    fi
    if "$PY" scripts/check_module.py >"$LOGDIR/check_module.log" 2>&1; then
        pass "XML well-formed and manifest files present"
    else
        cat "$LOGDIR/check_module.log"; fail "XML well-formed and manifest files present"
    fi
fi

# ---------------------------------------------------------------- pure-Python tests
read -r p_ok p_bad < <("$PY" scripts/run_pure_tests.py "$LOGDIR/pure.log" | tail -n1)
[ "${p_ok:-0}" -eq 0 ] || pass "pure-Python helper tests ($p_ok)" "$p_ok"
if [ "${p_bad:-1}" -ne 0 ]; then cat "$LOGDIR/pure.log"; fail "pure-Python helper tests" "${p_bad:-1}"; fi

# `make lint` (BR_LINT_ONLY=1): static checks and pure-Python tests only
if [ -n "${BR_LINT_ONLY:-}" ]; then summary; exit; fi

# ---------------------------------------------------------------- Odoo suite
br_pg_setup
br_odoo_db_args
br_addons_dir
DATA_DIR="$(br_tmp)/data"
run_odoo() {
    local log=$1
    shift
    "$ODOO" --addons-path="$ADDONS" --data-dir="$DATA_DIR" "${ODOO_DB_ARGS[@]}" \
        --http-interface=127.0.0.1 --http-port="$(br_free_port)" --gevent-port="$(br_free_port)" \
        --max-cron-threads=0 --workers=0 --stop-after-init "$@" >"$log" 2>&1
}

br_new_db_name test
TAGS="/$BR_MODULE${BR_TEST_TAGS:-}"
br_log "Installing $BR_MODULE with demo data on $DB and running its tests ($TAGS)..."
start=$(date +%s)
set +e
run_odoo "$LOGDIR/odoo-test.log" -d "$DB" -i "$BR_MODULE" --test-enable --test-tags="$TAGS"
rc=$?
set -e
br_log "Odoo suite finished in $(($(date +%s) - start))s (exit code $rc); log: $LOGDIR/odoo-test.log"

result=$(grep -a -E "tests when loading database" "$LOGDIR/odoo-test.log" | tail -n1 || true)
if [ -z "$result" ]; then
    grep -a -E "ERROR|CRITICAL|Traceback" -A20 "$LOGDIR/odoo-test.log" | head -n 80
    fail "Odoo suite did not run (no test result in the log)"
else
    read -r t_failed t_errors t_total < <(echo "$result" | sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/')
    t_skipped=$(grep -a -cE "odoo\.tests\.result: skipped " "$LOGDIR/odoo-test.log" || true)
    bad=$((t_failed + t_errors + t_skipped))
    good=$((t_total - bad))
    [ "$good" -ge 0 ] || good=0
    if [ "$t_total" -eq 0 ]; then
        fail "Odoo suite ran no test"
    fi
    [ "$good" -eq 0 ] || pass "Odoo tests ($good of $t_total)" "$good"
    if [ "$bad" -gt 0 ]; then
        grep -a -E ": (FAIL|ERROR): |odoo\.tests\.result: skipped|^[A-Za-z.]*Error: " "$LOGDIR/odoo-test.log" \
            | sed -E 's/^.*(FAIL|ERROR): /\1: /' | cut -c1-300 | head -n 60 || true
        fail "Odoo tests: $t_failed failed, $t_errors errors, $t_skipped skipped (a skipped test counts as failed)" "$bad"
    fi
    if grep -a -qE "websocket-client module is not installed|Chrome executable not found|Chrome not found" "$LOGDIR/odoo-test.log"; then
        fail "browser tests could not run (Chromium or websocket-client missing)"
    fi
    # every tour the module ships must have really run in Chromium (whole suite only)
    [ -n "${BR_TEST_TAGS:-}" ] && br_log "BR_TEST_TAGS set: tours not required in this run."
    [ -n "${BR_TEST_TAGS:-}" ] || for tour in $(grep -rhoE "web_tour\.tours\"\)\s*\.add\(\s*\"[a-z0-9_]+\"" static/tests 2>/dev/null | sed -E 's/.*add\(\s*"([a-z0-9_]+)"/\1/' | sort -u); do
        if grep -a -q "TOUR $tour SUCCEEDED" "$LOGDIR/odoo-test.log"; then
            pass "tour $tour ran in Chromium"
        else
            fail "tour $tour did not succeed in Chromium"
        fi
    done
fi
if grep -a -E "(WARNING|ERROR) .*odoo\.(modules\.loading|modules\.registry|addons\.base\.models\.ir_model|tools\.convert).*$BR_MODULE" "$LOGDIR/odoo-test.log" >/dev/null; then
    grep -a -E "(WARNING|ERROR) .*$BR_MODULE" "$LOGDIR/odoo-test.log" | head -n 20
    fail "the module logs warnings or errors while loading"
fi

# ---------------------------------------------------------------- several workers
# Odoo as in production: prefork workers and two cron threads on the installed database;
# the login page and the portal answer, and nothing is logged as an error.
smoke_workers() {
    local db=$1 port log="$LOGDIR/odoo-workers.log" pid code_login="" code_my="" i
    port=$(br_free_port)
    "$ODOO" --addons-path="$ADDONS" --data-dir="$DATA_DIR" "${ODOO_DB_ARGS[@]}" -d "$db" --db-filter="^$db\$" \
        --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$(br_free_port)" \
        --workers=2 --max-cron-threads=2 --limit-time-real=120 >"$log" 2>&1 &
    pid=$!
    for i in $(seq 1 60); do
        code_login=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/web/login" || true)
        [ "$code_login" = "200" ] && break
        sleep 1
    done
    code_my=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/my" || true)
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$code_login" = "200" ] && [ "$code_my" = "303" ] && ! grep -a -qE " (ERROR|CRITICAL) |Traceback" "$log"; then
        pass "Odoo with --workers=2 --max-cron-threads=2 serves /web/login and /my"
    else
        grep -a -E " (ERROR|CRITICAL) |Traceback" -A5 "$log" | head -n 20
        fail "Odoo with --workers=2 --max-cron-threads=2 (/web/login $code_login, /my $code_my; log: $log)"
    fi
}

# ---------------------------------------------------------------- install without demo, then upgrade
if [ -z "${BR_SKIP_INSTALL_CHECK:-}" ]; then
    br_new_db_name nodemo
    DB2=$DB
    br_log "Installing $BR_MODULE without demo data on $DB2, then upgrading it..."
    if run_odoo "$LOGDIR/odoo-install.log" -d "$DB2" -i "$BR_MODULE" --without-demo=all \
        && run_odoo "$LOGDIR/odoo-upgrade.log" -d "$DB2" -u "$BR_MODULE"; then
        noisy=$(grep -a -hE " (WARNING|ERROR|CRITICAL) " "$LOGDIR/odoo-install.log" "$LOGDIR/odoo-upgrade.log" \
            | grep -vE "Running as user 'root'|wkhtmltopdf|rtlcss" || true)
        if [ -n "$noisy" ]; then
            echo "$noisy" | head -n 20
            fail "install without demo / upgrade logged warnings or errors"
        else
            pass "install without demo data and upgrade (-u), clean log"
        fi
        smoke_workers "$DB2"
    else
        tail -n 40 "$LOGDIR/odoo-install.log" "$LOGDIR/odoo-upgrade.log" 2>/dev/null
        fail "install without demo data / upgrade"
    fi
fi

# ---------------------------------------------------------------- upgrade from the previous release
# An association's database made with the release it runs (scripts/previous_release: a
# commit of this repository), demo data included, upgraded to the current code: every
# record keeps its reference, status, deadline and dates (scripts/upgrade_check.py).
if [ -z "${BR_SKIP_UPGRADE_CHECK:-}${BR_SKIP_INSTALL_CHECK:-}" ]; then
    read -r prev_version prev_commit < <(grep -vE '^\s*(#|$)' scripts/previous_release | head -n1)
    prev_addons="$(br_tmp)/previous"
    mkdir -p "$prev_addons/$BR_MODULE"
    if git -C "$BR_ROOT" archive "$prev_commit" 2>"$LOGDIR/upgrade-archive.log" | tar -x -C "$prev_addons/$BR_MODULE"; then
        br_new_db_name upgrade
        DB3=$DB
        br_log "Installing release $prev_version ($prev_commit) with demo data on $DB3, then upgrading it to the current code..."
        if run_odoo "$LOGDIR/odoo-previous.log" --addons-path="$prev_addons" -d "$DB3" -i "$BR_MODULE" --load-language=ar_001 \
            && "$PY" scripts/upgrade_check.py snapshot "$DB3" "$LOGDIR/upgrade-snapshot.json" >"$LOGDIR/upgrade-check.log" 2>&1 \
            && run_odoo "$LOGDIR/odoo-upgrade-previous.log" -d "$DB3" -u "$BR_MODULE" \
            && "$PY" scripts/upgrade_check.py compare "$DB3" "$LOGDIR/upgrade-snapshot.json" >>"$LOGDIR/upgrade-check.log" 2>&1; then
            noisy=$(grep -a -hE " (ERROR|CRITICAL) " "$LOGDIR/odoo-upgrade-previous.log" || true)
            if [ -n "$noisy" ]; then
                echo "$noisy" | head -n 20
                fail "upgrade from $prev_version logged errors"
            else
                pass "upgrade from $prev_version with its demo data: $(tail -n1 "$LOGDIR/upgrade-check.log")"
            fi
        else
            cat "$LOGDIR/upgrade-check.log" 2>/dev/null | tail -n 30
            tail -n 30 "$LOGDIR/odoo-previous.log" "$LOGDIR/odoo-upgrade-previous.log" 2>/dev/null
            fail "upgrade from $prev_version (logs: $LOGDIR/odoo-previous.log, odoo-upgrade-previous.log)"
        fi
    else
        cat "$LOGDIR/upgrade-archive.log"
        fail "release $prev_version ($prev_commit) not found in the git history: a full clone is needed"
    fi
fi

summary
