from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _beneficiary_next(self, code, company):
        """Next number of ``code`` for ``company``: each association numbers its files,
        requests and complaints on its own, from a copy of the shared sequence made the
        first time it needs one."""
        return self._beneficiary_sequence(code, company)._next()

    @api.model
    def _beneficiary_next_numbers(self, code, company, count):
        """``count`` next numbers at once (batch creation)."""
        sequence = self._beneficiary_sequence(code, company)
        return [sequence._next() for _i in range(count)]

    @api.model
    def _beneficiary_sequence(self, code, company):
        Sequence_sudo = self.sudo().with_company(company)
        if not Sequence_sudo.search_count([("code", "=", code), ("company_id", "=", company.id)], limit=1):
            template = Sequence_sudo.search([("code", "=", code), ("company_id", "=", False)], limit=1)
            if template:
                # One creator at a time: each creator updates the template's row first.
                # A concurrent creator waits here; since its transaction began before the
                # first one committed, it cannot see the copy just made and PostgreSQL
                # stops it with a serialization failure, which Odoo retries with a fresh
                # view (no second copy numbering from 1 again).
                self.env.cr.execute(
                    SQL("UPDATE ir_sequence SET write_date = write_date WHERE id = %s", template.id)
                )
                if not Sequence_sudo.search_count(
                    [("code", "=", code), ("company_id", "=", company.id)], limit=1
                ):
                    template.copy(
                        {
                            "company_id": company.id,
                            "number_next": 1,
                            "name": f"{template.name} ({company.name})",
                        }
                    )
        return Sequence_sudo.search(
            [("code", "=", code), ("company_id", "in", [company.id, False])], order="company_id", limit=1
        )
