from odoo import api, fields, models


class BeneficiaryCompensationNegotiation(models.Model):
    """One round of negotiation with the harmed beneficiary."""

    _name = "beneficiary.compensation.negotiation"
    _description = "Compensation Negotiation Round"
    _inherit = ["beneficiary.personal.data.mixin"]
    _order = "date, id"
    _personal_fields = ("notes",)
    _personal_beneficiary_path = "compensation_id.beneficiary_id"

    compensation_id = fields.Many2one(
        "beneficiary.compensation", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="compensation_id.company_id", store=True)
    currency_id = fields.Many2one(related="compensation_id.currency_id")
    date = fields.Date(required=True, default=lambda self: self.env.company._beneficiary_today())
    offer = fields.Monetary(string="Offer", required=True)
    answer = fields.Selection(
        [
            ("pending", "Awaiting Answer"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("counter", "Counter-Offer"),
        ],
        string="Beneficiary's Answer",
        required=True,
        default="pending",
    )
    counter_offer = fields.Monetary()
    notes = fields.Text()

    _sql_constraints = [
        ("offer_positive", "CHECK(offer > 0)", "An offer must be a positive amount."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        rounds = super().create(vals_list)
        rounds._sync_agreed_amount()
        return rounds

    def write(self, vals):
        res = super().write(vals)
        if "answer" in vals or "offer" in vals:
            self._sync_agreed_amount()
        return res

    def _sync_agreed_amount(self):
        """An accepted offer becomes the agreed amount."""
        for negotiation in self.filtered(lambda n: n.answer == "accepted"):
            if negotiation.compensation_id.state in ("draft", "investigation", "negotiation"):
                negotiation.compensation_id.amount_agreed = negotiation.offer
