"""18.0.1.1.0, before the module's models are updated.

- ``beneficiary.compensation.minutes_approved`` (one checkbox for every member of the
  investigation committee) is removed: its values are kept aside in a column the ORM does
  not know, and become one approval per committee member in post-migrate.py.
- ``beneficiary.policy.acknowledgment`` gets a status (``pending`` for employees without a
  login who have not signed their link yet, ``done``): the existing acknowledgments are
  done (the column is created here, so that the ORM does not fill it with the default).
"""

from odoo.tools.sql import column_exists, create_column, rename_column, table_exists

LEGACY_MINUTES_APPROVED = "br_legacy_minutes_approved"


def migrate(cr, version):
    if not version:
        return
    if column_exists(cr, "beneficiary_compensation", "minutes_approved") and not column_exists(
        cr, "beneficiary_compensation", LEGACY_MINUTES_APPROVED
    ):
        rename_column(cr, "beneficiary_compensation", "minutes_approved", LEGACY_MINUTES_APPROVED)
    if table_exists(cr, "beneficiary_policy_acknowledgment") and not column_exists(
        cr, "beneficiary_policy_acknowledgment", "state"
    ):
        create_column(cr, "beneficiary_policy_acknowledgment", "state", "varchar")
        cr.execute("UPDATE beneficiary_policy_acknowledgment SET state = 'done'")
