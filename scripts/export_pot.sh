#!/usr/bin/env bash
# `make pot`: export i18n/beneficiary_relations.pot from a fresh database where the module
# is installed, then merge it into i18n/ar.po (new strings appear untranslated, removed
# ones are dropped). Translate the new entries of ar.po afterwards.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
trap br_cleanup EXIT

br_find_odoo
br_pg_setup
br_odoo_db_args
br_addons_dir
br_new_db_name pot
ODOO_ARGS=(--addons-path="$ADDONS" --data-dir="$BR_TMP/data" "${ODOO_DB_ARGS[@]}" -d "$DB" --http-port="$(br_free_port)")
br_log "Installing $BR_MODULE on $DB..."
"$ODOO" "${ODOO_ARGS[@]}" -i "$BR_MODULE" --without-demo=all --stop-after-init >"$BR_TMP/install.log" 2>&1 \
    || { tail -n 40 "$BR_TMP/install.log"; br_die "Install failed."; }
br_log "Exporting the template..."
"$ODOO" "${ODOO_ARGS[@]}" --i18n-export="$BR_TMP/$BR_MODULE.pot" --modules="$BR_MODULE" --stop-after-init \
    >"$BR_TMP/export.log" 2>&1 || { tail -n 40 "$BR_TMP/export.log"; br_die "Export failed."; }
cp "$BR_TMP/$BR_MODULE.pot" "$BR_ROOT/i18n/$BR_MODULE.pot"
if [ -f "$BR_ROOT/i18n/ar.po" ]; then
    msgmerge --quiet --no-fuzzy-matching --no-wrap --backup=none --update "$BR_ROOT/i18n/ar.po" "$BR_ROOT/i18n/$BR_MODULE.pot"
else
    msginit --no-translator --no-wrap --locale=ar --input="$BR_ROOT/i18n/$BR_MODULE.pot" --output-file="$BR_ROOT/i18n/ar.po"
fi
untranslated=$(msgattrib --untranslated --no-obsolete "$BR_ROOT/i18n/ar.po" | grep -c '^msgid ' || true)
br_log "i18n/ar.po updated; $((untranslated > 0 ? untranslated - 1 : 0)) entries to translate."
