#!/usr/bin/env bash
# `make bench`: the performance benchmark (docs/PERFORMANCE.md).
#
# In a throwaway database (throwaway PostgreSQL cluster unless PG* settings are given):
#   1. install the module's dependencies without demo data, then time the install of
#      the module alone;
#   2. install the benchmark's helper addon (bench/beneficiary_relations_bench, outside
#      the module's tests) and run its tests: they build the dataset (100,000
#      beneficiaries, 300,000 service requests, 50,000 complaints over 3 years) with bulk
#      SQL and measure the operations through the ORM and HTTP, as users and crons do,
#      each beside its floor measured in the same run, and fail when a target is missed;
#   3. print one table (operation | size | time | SQL queries | floor | target | met?)
#      and the machine's load before and after; exit non-zero when a target is missed.
#
# Environment: as scripts/test.sh (ODOO_BIN, ODOO_PYTHON, PG*, BR_KEEP, BR_LOG_DIR), and
#   BR_BENCH_SCALE   a factor on the dataset's size (default 1; 0.1 for a quick try)

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
trap br_cleanup EXIT

br_find_odoo
cd "$BR_ROOT"
LOGDIR="${BR_LOG_DIR:-$(br_tmp)/logs}"
mkdir -p "$LOGDIR"
br_pg_setup
br_odoo_db_args
br_addons_dir
ln -s "$BR_ROOT/bench/beneficiary_relations_bench" "$ADDONS/beneficiary_relations_bench"
DATA_DIR="$(br_tmp)/data"
RESULTS="$LOGDIR/bench-results.tsv"
: >"$RESULTS"
run_odoo() {
    local log=$1
    shift
    "$ODOO" --addons-path="$ADDONS" --data-dir="$DATA_DIR" "${ODOO_DB_ARGS[@]}" \
        --http-interface=127.0.0.1 --http-port="$(br_free_port)" --gevent-port="$(br_free_port)" \
        --max-cron-threads=0 --workers=0 --stop-after-init "$@" >"$log" 2>&1
}
bench_start=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- install time
DEPS=$("$PY" -c "import ast; print(','.join(ast.literal_eval(open('__manifest__.py').read())['depends']))")
br_new_db_name bench
br_log "Installing the dependencies ($DEPS) without demo data on $DB..."
run_odoo "$LOGDIR/odoo-deps.log" -d "$DB" -i "$DEPS" --without-demo=all \
    || { tail -n 40 "$LOGDIR/odoo-deps.log"; br_die "the dependencies did not install"; }
br_log "Installing $BR_MODULE alone..."
start=$("$PY" -c 'import time; print(time.time())')
run_odoo "$LOGDIR/odoo-install.log" -d "$DB" -i "$BR_MODULE" --without-demo=all \
    || { tail -n 40 "$LOGDIR/odoo-install.log"; br_die "$BR_MODULE did not install"; }
process_s=$("$PY" -c "import time; print(f'{time.time() - $start:.1f}')")
# Odoo logs "Module beneficiary_relations loaded in X.XXs, NNNN queries (+NN other)"
line=$(grep -a -oE "Module $BR_MODULE loaded in [0-9.]+s, [0-9]+ queries" "$LOGDIR/odoo-install.log" | tail -n1)
install_s=$(echo "$line" | sed -E 's/.* in ([0-9.]+)s.*/\1/')
install_queries=$(echo "$line" | sed -E 's/.* ([0-9]+) queries/\1/')
"$PY" - "$RESULTS" "${install_s:-0}" "${install_queries:-?}" "$process_s" <<'PY'
import sys
path, seconds, queries, process = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
met = "yes" if seconds < 30 else f"NO (+{seconds - 30:.1f} s)"
with open(path, "a", encoding="utf-8") as out:
    out.write(
        f"install of the module (-i, dependencies already installed, no demo)\t"
        f"whole process {process} s\t{seconds:.1f} s\t{queries}\t-\t< 30 s\t{met}\n"
    )
PY

# ---------------------------------------------------------------- dataset and measures
br_log "Building the dataset and measuring (bench/beneficiary_relations_bench)..."
set +e
BR_BENCH_RESULTS="$RESULTS" run_odoo "$LOGDIR/odoo-bench.log" -d "$DB" -i beneficiary_relations_bench \
    --test-enable --test-tags="bench/beneficiary_relations_bench" \
    --log-handler=odoo.addons.beneficiary_relations_bench.tests.test_bench:INFO
rc=$?
set -e
grep -a -E "beneficiary_relations_bench\.tests\.test_bench: " "$LOGDIR/odoo-bench.log" | sed -E 's/^.*test_bench: //' >&2 || true
if [ $rc -ne 0 ] || grep -a -qE "(FAIL|ERROR): |Traceback" "$LOGDIR/odoo-bench.log"; then
    grep -a -E "ERROR|FAIL|Traceback" -A25 "$LOGDIR/odoo-bench.log" | head -n 80
    br_log "The benchmark did not complete (log: $LOGDIR/odoo-bench.log)."
    failed=1
fi

# ---------------------------------------------------------------- the table
echo
"$PY" - "$RESULTS" <<'PY'
import sys
header = ("operation", "size", "time", "SQL queries", "floor, measured in the same run", "target", "met?")
rows = [header] + [tuple(line.rstrip("\n").split("\t")) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
def fmt(row):
    return "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |"
print(fmt(header))
print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
for row in rows[1:]:
    print(fmt(row))
PY
echo
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
pg=$(psql -d postgres -Atqc 'show server_version' 2>/dev/null || echo '?')
echo "Machine: $(nproc) cores, $cpu, PostgreSQL $pg, $(date -u '+%Y-%m-%d %H:%M UTC'); whole run $(($(date +%s) - bench_start)) s."
echo "Load average (1, 5, 15 min): $load_before before the run, $(cut -d' ' -f1-3 /proc/loadavg) after."
if grep -q "	NO" "$RESULTS"; then
    br_log "Targets missed: see the rows marked NO."
    failed=1
fi
[ -z "${failed:-}" ]
