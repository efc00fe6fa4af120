#!/usr/bin/env python3
"""Snapshot and compare what an association's database holds across an upgrade.

    upgrade_check.py snapshot DBNAME SNAPSHOT.json   before `-u`, on the previous release
    upgrade_check.py compare  DBNAME SNAPSHOT.json   after `-u`, on the current code

Connects with the standard PG* environment variables. Every row of the module's tables
listed below must still be there after the upgrade, with the same reference, status,
deadline and dates (columns added by the upgrade are not compared; columns removed are
reported). A column made translatable (Odoo turns the text into JSON, the value becoming
its English source) is compared by that source. Prints what differs and exits 1 when
anything does.
"""

import json
import pathlib
import sys

import polib
import psycopg2

PO_FILE = pathlib.Path(__file__).resolve().parent.parent / "i18n" / "ar.po"

# table -> the columns that must survive as they are (those present before the upgrade)
TABLES = {
    "beneficiary_beneficiary": ["reference", "name", "state", "national_id", "category_id", "partner_id"],
    "beneficiary_service_request": [
        "name", "state", "beneficiary_id", "service_type_id", "date_received", "date_complete",
        "date_decision", "decided_by_id", "sla_deadline", "sla_status", "escalation_level",
        "declaration_signed_on",
    ],
    "beneficiary_complaint": [
        "name", "state", "beneficiary_id", "category_id", "date_received", "sla_deadline", "sla_status",
        "escalation_level",
    ],
    "beneficiary_compensation": ["name", "state", "beneficiary_id", "amount_agreed", "approved_by_id"],
    "beneficiary_eligibility_assessment": ["name", "state", "request_id", "result", "date_done"],
    "beneficiary_program": ["name", "state", "date_start", "date_end", "seats"],
    "beneficiary_program_registration": ["name", "state", "program_id", "beneficiary_id", "receipt_number"],
    "beneficiary_policy": ["name", "state", "version", "approval_date", "company_id"],
    "beneficiary_data_request": ["name", "state", "beneficiary_id", "sla_deadline"],
    "beneficiary_request_document": ["request_id", "document_type_id", "state"],
}  # fmt: skip


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s",
        [table],
    )
    return {row[0] for row in cr.fetchall()}


def _value(value):
    """A column's value as text; a translated one (jsonb) by its English source."""
    if isinstance(value, dict) and "en_US" in value:
        value = value["en_US"]
    return None if value is None else str(value)


def snapshot(cr):
    data = {}
    for table, wanted in TABLES.items():
        present = _columns(cr, table)
        columns = [column for column in wanted if column in present]
        if not columns:
            continue
        # identifiers from the fixed list above, never from input
        cr.execute(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id")
        data[table] = {
            "columns": columns,
            "rows": {str(row[0]): [_value(value) for value in row[1:]] for row in cr.fetchall()},
        }
    return data


def compare(before, after):
    problems = []
    for table, snap in before.items():
        if not snap["rows"]:
            continue
        now = after.get(table)
        if now is None:
            problems.append(f"{table}: table gone")
            continue
        missing_columns = [column for column in snap["columns"] if column not in now["columns"]]
        if missing_columns:
            problems.append(f"{table}: columns gone: {', '.join(missing_columns)}")
        for record_id, values in snap["rows"].items():
            row = now["rows"].get(record_id)
            if row is None:
                problems.append(f"{table} #{record_id}: record gone")
                continue
            current = dict(zip(now["columns"], row, strict=True))
            for column, value in zip(snap["columns"], values, strict=True):
                if column in current and current[column] != value:
                    problems.append(f"{table} #{record_id}.{column}: {value!r} became {current[column]!r}")
    return problems


def check_arabic(cr):
    """Where the database speaks Arabic, the upgrade brought this release's Arabic: a
    corrected term, and the program e-mails reloaded though they are `noupdate`."""
    cr.execute("SELECT 1 FROM res_lang WHERE code = 'ar_001' AND active")
    if not cr.fetchone():
        return ["Arabic is not installed in the upgraded database: its translations were not checked"]
    problems = []
    expected = polib.pofile(str(PO_FILE)).find("Settled Amicably").msgstr
    cr.execute(
        """SELECT selection.name->>'ar_001'
             FROM ir_model_fields_selection selection
             JOIN ir_model_fields field ON field.id = selection.field_id
            WHERE field.model = 'beneficiary.complaint' AND field.name = 'state' AND selection.value = 'settled'"""
    )
    found = cr.fetchone()
    if not found or found[0] != expected:
        problems.append(f"complaint state 'settled' reads {found and found[0]!r} in Arabic, not {expected!r}")
    cr.execute(
        """SELECT template.body_html->>'ar_001', data.noupdate
             FROM mail_template template
             JOIN ir_model_data data ON data.model = 'mail.template' AND data.res_id = template.id
            WHERE data.module = 'beneficiary_relations' AND data.name = 'mail_template_program_receipt'"""
    )
    body, noupdate = cr.fetchone()
    if 'dir="rtl"' not in (body or ""):
        problems.append("the Arabic receipt e-mail was not reloaded (no right-to-left body)")
    if not noupdate:
        problems.append("the receipt e-mail is no longer noupdate after the upgrade")
    return problems


def main(argv):
    if len(argv) != 4 or argv[1] not in ("snapshot", "compare"):
        sys.exit(__doc__)
    mode, dbname, path = argv[1:]
    with psycopg2.connect(dbname=dbname) as connection, connection.cursor() as cr:
        data = snapshot(cr)
    if mode == "snapshot":
        with open(path, "w", encoding="utf-8") as file:
            json.dump(data, file)
        rows = sum(len(snap["rows"]) for snap in data.values())
        print(f"snapshot: {rows} rows of {len(data)} tables")
        return 0
    with open(path, encoding="utf-8") as file:
        before = json.load(file)
    problems = compare(before, data)
    with psycopg2.connect(dbname=dbname) as connection, connection.cursor() as cr:
        problems += check_arabic(cr)
    rows = sum(len(snap["rows"]) for snap in before.values())
    if not rows:
        print("the previous release's database held no record to compare")
        return 1
    for problem in problems[:50]:
        print(problem)
    print(f"compared {rows} rows: {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
