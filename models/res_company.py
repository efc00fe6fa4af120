from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    beneficiary_sla_days = fields.Integer(
        string="Response Deadline (working days)",
        default=15,
        help="Working days the association gives itself to decide a complete request, "
        "unless the service type sets its own.",
    )
    beneficiary_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar for Deadlines",
        help="Working days and holidays used to count deadlines. Defaults to the Saudi "
        "Sunday-Thursday calendar shipped with the module.",
    )

    beneficiary_compensation_journal_id = fields.Many2one(
        "account.journal",
        string="Compensation Journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Purchase journal of the vendor bills paying compensations.",
    )
    beneficiary_compensation_account_id = fields.Many2one(
        "account.account",
        string="Compensation Expense Account",
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost')), ('deprecated', '=', False)]",
        help="Expense account debited by compensation bills.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["ir.sequence"]._beneficiary_create_company_sequences(companies)
        return companies

    def _get_beneficiary_calendar(self):
        """The calendar deadlines are counted on: the company's choice, else the module's
        Saudi Sunday-Thursday calendar."""
        self.ensure_one()
        return self.beneficiary_calendar_id or self.env.ref(
            "beneficiary_relations.resource_calendar_saudi", raise_if_not_found=False
        )
