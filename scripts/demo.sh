#!/usr/bin/env bash
# `make demo`: installs the module's Python requirements into the Python that runs Odoo,
# creates a demo database with the module, its demo data and Arabic, and serves it on
# http://localhost:8069 (BR_DEMO_PORT to change). Ctrl-C stops it; the database (and the
# throwaway PostgreSQL cluster, if one was started) is then dropped, unless BR_KEEP=1.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
trap br_cleanup EXIT

br_find_odoo
br_log "Installing the Python requirements into $PY..."
"$PY" -m pip install --quiet -r "$BR_ROOT/requirements.txt" \
    || br_die "pip install -r requirements.txt failed for $PY."
br_pg_setup
br_odoo_db_args
br_addons_dir
DATA_DIR="$(br_tmp)/data"
PORT=${BR_DEMO_PORT:-8069}
br_new_db_name demo
ODOO_ARGS=(--addons-path="$ADDONS" --data-dir="$DATA_DIR" "${ODOO_DB_ARGS[@]}" -d "$DB")

br_log "Creating the demo database $DB (module, demo data, Arabic)..."
"$ODOO" "${ODOO_ARGS[@]}" -i "$BR_MODULE" --load-language=ar_001 --stop-after-init \
    --http-port="$(br_free_port)" >"$(br_tmp)/demo-install.log" 2>&1 \
    || { tail -n 40 "$(br_tmp)/demo-install.log"; br_die "Install failed."; }
# Everyone works in Arabic, on Riyadh time.
"$ODOO" shell "${ODOO_ARGS[@]}" --no-http >"$(br_tmp)/demo-shell.log" 2>&1 <<'PY' \
    || br_die "Could not switch the demo users to Arabic."
users = env["res.users"].with_context(active_test=False).search([("login", "in", [
    "admin", "manager", "officer_orphans", "officer_families", "committee", "accountant",
    "portal_beneficiary",
])])
users.write({"lang": "ar_001", "tz": "Asia/Riyadh"})
env.cr.commit()
PY

cat <<BANNER

  Beneficiary Relations demo on http://localhost:$PORT  (database $DB)

  Logins (password = login):
    admin               administrator
    manager             beneficiary relations manager
    officer_orphans     liaison officer: orphans, widows
    officer_families    liaison officer: families in need, students
    committee           committee member
    accountant          compensation accountant
    portal_beneficiary  a beneficiary on the portal (/my)

  Ctrl-C stops the server and drops the demo database (BR_KEEP=1 keeps it).

BANNER
"$ODOO" "${ODOO_ARGS[@]}" --db-filter="^$DB\$" --http-port="$PORT" --gevent-port="$(br_free_port)"
