"""18.0.1.1.0, after the module's models and data are updated.

- The checkbox ``minutes_approved`` of compensations becomes one approval of the minutes
  per member of the compensation's investigation committee (``approved``, dated the
  minutes' date), and a note on the compensation says so: the members approved the
  minutes together before the module recorded each one. A compensation whose box was
  ticked without a committee gets a note asking for the committee.
- The current policy of each company is due for review a review period (the new company
  setting, 12 months by default) after its board approval.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

LEGACY_MINUTES_APPROVED = "br_legacy_minutes_approved"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    if column_exists(cr, "beneficiary_compensation", LEGACY_MINUTES_APPROVED):
        migrate_minutes_approvals(env)
    set_policy_review_dates(env)


def set_policy_review_dates(env):
    env.cr.execute(
        """
        UPDATE beneficiary_policy policy
           SET review_date = policy.approval_date + make_interval(months => company.beneficiary_policy_review_months)
          FROM res_company company
         WHERE company.id = policy.company_id
           AND policy.state = 'approved'
           AND policy.review_date IS NULL
           AND policy.approval_date IS NOT NULL
           AND COALESCE(company.beneficiary_policy_review_months, 0) > 0
        """
    )


def migrate_minutes_approvals(env):
    """Turn the kept checkbox values into the members' approvals, then drop the column."""
    cr = env.cr
    members = env["beneficiary.committee"]._fields["member_ids"]
    cr.execute(
        SQL(
            """
            INSERT INTO beneficiary_compensation_minutes_approval
                   (compensation_id, company_id, member_id, decision, date,
                    create_uid, create_date, write_uid, write_date)
            SELECT compensation.id, compensation.company_id, rel.%(user_column)s, 'approved',
                   COALESCE(compensation.minutes_date::timestamp + interval '9 hours',
                            compensation.write_date, now() at time zone 'UTC'),
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM beneficiary_compensation compensation
              JOIN %(relation)s rel ON rel.%(committee_column)s = compensation.investigation_committee_id
             WHERE compensation.%(legacy)s
               AND compensation.basis = 'association_fault'
            ON CONFLICT (compensation_id, member_id) DO NOTHING
            RETURNING compensation_id
            """,
            relation=SQL.identifier(members.relation),
            committee_column=SQL.identifier(members.column1),
            user_column=SQL.identifier(members.column2),
            legacy=SQL.identifier(LEGACY_MINUTES_APPROVED),
            uid=SUPERUSER_ID,
        )
    )
    approved_ids = sorted({row[0] for row in cr.fetchall()})
    cr.execute(
        SQL(
            """SELECT id FROM beneficiary_compensation
                WHERE %s AND basis = 'association_fault' AND investigation_committee_id IS NULL""",
            SQL.identifier(LEGACY_MINUTES_APPROVED),
        )
    )
    orphan_ids = [row[0] for row in cr.fetchall()]
    Compensation = env["beneficiary.compensation"]
    for compensation in Compensation.browse(approved_ids):
        compensation.message_post(
            body=env._(
                "Upgrade: the minutes were marked as approved by the committee members; an approval is "
                "now recorded for each member of the investigation committee."
            )
        )
    for compensation in Compensation.browse(orphan_ids):
        compensation.message_post(
            body=env._(
                "Upgrade: the minutes were marked as approved, but no investigation committee is set. "
                "Choose the committee: each of its members then approves the minutes."
            )
        )
    cr.execute(
        SQL("ALTER TABLE beneficiary_compensation DROP COLUMN %s", SQL.identifier(LEGACY_MINUTES_APPROVED))
    )
