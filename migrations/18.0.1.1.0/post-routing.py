"""18.0.1.1.0, every arrival has an owner: what an upgraded 18.0.1.0.0
database needs beyond what the update does by itself.

The update itself:
- adds the new stored fields and computes ``liaison_user_id`` of every existing request
  and complaint (the officer of the beneficiary's category for the service's domain, else
  the file's officer); ``staff_user_id``, ``from_application``, ``application_match``,
  the service types' ``domain_id`` and ``application_published`` and the complaint
  categories' ``user_id`` start empty; requests get a ``portal_ip_hash`` column;
- gives each company a follow-up and an investigation committee unless it has its own of
  that kind (``data/beneficiary_committee_data.xml``), pointing the complaint categories
  without a committee to the new follow-up committee.

Here:
- a company that already had its own follow-up committee keeps it, and its complaint
  categories without a committee now point to it, as a new installation's do;
- the officer is copied from the file onto the requests and complaints the update left
  without one (none, unless the computation was skipped), so supervision counts them.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Committee = env["beneficiary.committee"]
    categories = (
        env["beneficiary.complaint.category"]
        .with_context(active_test=False)
        .search([("committee_id", "=", False)])
    )
    for company in categories.company_id:
        committee = Committee._beneficiary_company_committee(company, "follow_up").filtered("active")
        if committee:
            categories.filtered(
                lambda category, company=company: category.company_id == company
            ).committee_id = committee
    for table in ("beneficiary_service_request", "beneficiary_complaint"):
        cr.execute(
            SQL(
                """UPDATE %s record SET liaison_user_id = beneficiary.liaison_user_id
                     FROM beneficiary_beneficiary beneficiary
                    WHERE record.beneficiary_id = beneficiary.id
                      AND record.liaison_user_id IS NULL
                      AND beneficiary.liaison_user_id IS NOT NULL""",
                SQL.identifier(table),
            )
        )
    env.invalidate_all()
