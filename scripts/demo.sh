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

br_log "Creating the demo database $DB (Arabic, a Saudi association in riyals)..."
# The association is in Saudi Arabia before Invoicing is installed, so that Invoicing
# takes the Saudi chart of accounts (l10n_sa) and the riyal, not the generic chart in
# dollars. The module itself does not depend on l10n_sa.
"$ODOO" "${ODOO_ARGS[@]}" -i base --load-language=ar_001 --stop-after-init \
    --http-port="$(br_free_port)" >"$(br_tmp)/demo-install.log" 2>&1 \
    || { tail -n 40 "$(br_tmp)/demo-install.log"; br_die "Creating the database failed."; }
"$ODOO" shell "${ODOO_ARGS[@]}" --no-http >>"$(br_tmp)/demo-install.log" 2>&1 <<'PY' \
    || { tail -n 40 "$(br_tmp)/demo-install.log"; br_die "Could not place the association in Saudi Arabia."; }
env.ref("base.main_company").write({"country_id": env.ref("base.sa").id})
env.cr.commit()
PY
br_log "Installing the Saudi localisation (chart of accounts in riyals)..."
"$ODOO" "${ODOO_ARGS[@]}" -i l10n_sa --stop-after-init \
    --http-port="$(br_free_port)" >>"$(br_tmp)/demo-install.log" 2>&1 \
    || { tail -n 40 "$(br_tmp)/demo-install.log"; br_die "Installing l10n_sa failed."; }
br_log "Installing $BR_MODULE with its demo data..."
"$ODOO" "${ODOO_ARGS[@]}" -i "$BR_MODULE" --stop-after-init \
    --http-port="$(br_free_port)" >>"$(br_tmp)/demo-install.log" 2>&1 \
    || { tail -n 40 "$(br_tmp)/demo-install.log"; br_die "Install failed."; }
# Everyone works in Arabic, on Riyadh time; one association (the second company that
# l10n_sa's demo data adds is archived).
"$ODOO" shell "${ODOO_ARGS[@]}" --no-http >"$(br_tmp)/demo-shell.log" 2>&1 <<'PY' \
    || br_die "Could not switch the demo users to Arabic."
sa_demo = env.ref("base.demo_company_sa", raise_if_not_found=False)
if sa_demo:
    env["res.users"].with_context(active_test=False).search([("company_ids", "in", sa_demo.ids)]).write(
        {"company_ids": [(3, sa_demo.id)]}
    )
    sa_demo.active = False
# no mail or SMS gateway in a demo: what its data tried to send is not left queued or
# shown to staff as delivery failures
env["mail.notification"].search([("notification_type", "in", ("email", "sms"))]).unlink()
env["mail.mail"].search([]).unlink()
if "sms.sms" in env:
    env["sms.sms"].search([]).unlink()
# Arabic dates as the associations write them (Odoo's default is «07 ديسمبر, 2026» with
# a Latin comma, and times with seconds): README, Configuration
env.ref("base.lang_ar").write({"date_format": "%d/%m/%Y", "time_format": "%I:%M %p"})
users = env["res.users"].with_context(active_test=False).search([("login", "in", [
    "admin", "manager", "officer_orphans", "officer_families", "committee", "accountant",
    "portal_beneficiary",
])])
users.write({"lang": "ar_001", "tz": "Asia/Riyadh"})
env.cr.commit()
PY

br_log "Starting the server on port $PORT..."
"$ODOO" "${ODOO_ARGS[@]}" --db-filter="^$DB\$" --http-port="$PORT" --gevent-port="$(br_free_port)" \
    >"$(br_tmp)/demo-server.log" 2>&1 &
SERVER_PID=$!
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }
trap 'stop_server; br_cleanup' EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$(br_tmp)/demo-server.log"; br_die "The server stopped."; }
    curl -fsS -o /dev/null "http://localhost:$PORT/web/login" 2>/dev/null && break
    sleep 1
done
curl -fsS -o /dev/null "http://localhost:$PORT/web/login" 2>/dev/null \
    || { tail -n 40 "$(br_tmp)/demo-server.log"; br_die "The server does not answer on port $PORT (log: $(br_tmp)/demo-server.log)."; }

cat <<BANNER

  Beneficiary Relations demo is up: http://localhost:$PORT  (database $DB)
  جمعية البر الأهلية، الرياض — Arabic, riyals, Riyadh time. Password = login.

    manager             beneficiary relations manager   (lands on the service requests)
    officer_orphans     liaison officer: orphans, widows, Quran students
    officer_families    liaison officer: families in need, students, disabilities
    committee           committee member                (decides the referred requests)
    accountant          compensation accountant         (lands on the compensations)
    portal_beneficiary  a beneficiary on the portal     (http://localhost:$PORT/my)
    admin               administrator

  Public pages: http://localhost:$PORT/complaint  http://localhost:$PORT/beneficiary-policy
                http://localhost:$PORT/apply  http://localhost:$PORT/programs
  Server log: $(br_tmp)/demo-server.log
  Ctrl-C stops the server and drops the demo database (BR_KEEP=1 keeps it).

BANNER
wait "$SERVER_PID"
