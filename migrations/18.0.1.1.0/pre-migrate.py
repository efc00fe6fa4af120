"""18.0.1.1.0, before the module's models are updated.

- ``beneficiary.compensation.minutes_approved`` (one checkbox for every member of the
  investigation committee) is removed: its values are kept aside in a column the ORM does
  not know, and become one approval per committee member in post-migrate.py.
"""

from odoo.tools.sql import column_exists, rename_column

LEGACY_MINUTES_APPROVED = "br_legacy_minutes_approved"


def migrate(cr, version):
    if not version:
        return
    if column_exists(cr, "beneficiary_compensation", "minutes_approved") and not column_exists(
        cr, "beneficiary_compensation", LEGACY_MINUTES_APPROVED
    ):
        rename_column(cr, "beneficiary_compensation", "minutes_approved", LEGACY_MINUTES_APPROVED)
