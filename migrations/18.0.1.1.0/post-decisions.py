"""18.0.1.1.0, the competent committee decides: what an upgraded 18.0.1.0.0 database
needs beyond what the update does by itself.

The update itself:
- adds ``beneficiary.committee.decision_rule``, filled with its default ``member`` (one
  member records the committee's decision, as before): no committee votes until the
  association says so;
- creates ``beneficiary.service.request.vote`` (empty) and the requests'
  ``decision_authority`` and ``decision_override_reason`` columns (empty);
- creates the requests' ``clarification_answer``, ``clarification_answered_by_id`` and
  ``clarification_answered_on`` columns (empty: no answer was recorded before).

Here, the requests decided before the upgrade say who decided them where the record
shows it: ``committee`` when the member of staff who decided sits on the request's
committee. The others (decided by a manager outside the committee, who was not asked
why then) are left without an authority: their letter names the committee as before,
and nothing invents a reason for them.
"""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("UPDATE beneficiary_committee SET decision_rule = 'member' WHERE decision_rule IS NULL"))
    cr.execute(
        SQL(
            """
            UPDATE beneficiary_service_request request
               SET decision_authority = 'committee'
             WHERE request.decision_authority IS NULL
               AND request.decided_by_id IS NOT NULL
               AND request.state IN ('accepted', 'rejected', 'registered', 'delivered')
               AND EXISTS (
                   SELECT 1
                     FROM beneficiary_committee_res_users_rel rel
                    WHERE rel.beneficiary_committee_id = request.committee_id
                      AND rel.res_users_id = request.decided_by_id
               )
            """
        )
    )
