from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class BeneficiaryConsent(models.Model):
    """A beneficiary's consent to one purpose of data processing, until withdrawn."""

    _name = "beneficiary.consent"
    _description = "Data Processing Consent"
    _inherit = ["beneficiary.personal.data.mixin"]
    _order = "date desc, id desc"
    _rec_name = "purpose_id"
    _check_company_auto = True
    _personal_fields = ("withdrawal_reason",)
    _personal_export_key = "consents"
    _personal_export_fields = (
        "purpose_id",
        "date",
        "channel_id",
        "state",
        "withdrawn_date",
        "withdrawal_reason",
    )

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    purpose_id = fields.Many2one(
        "beneficiary.consent.purpose", string="Purpose", required=True, ondelete="restrict"
    )
    date = fields.Datetime(string="Given On", required=True, default=fields.Datetime.now)
    channel_id = fields.Many2one(
        "beneficiary.channel",
        string="Given Through",
        help="How the beneficiary gave the consent: at an interview, on the portal, on a signed form...",
    )
    withdrawn_date = fields.Datetime(string="Withdrawn On", copy=False)
    withdrawal_reason = fields.Text(copy=False)
    state = fields.Selection(
        string="Status",
        selection=[("given", "Given"), ("withdrawn", "Withdrawn")],
        compute="_compute_state",
        store=True,
    )

    @api.depends("withdrawn_date")
    def _compute_state(self):
        for consent in self:
            consent.state = "withdrawn" if consent.withdrawn_date else "given"

    @api.constrains("beneficiary_id", "purpose_id", "withdrawn_date")
    def _check_one_active_consent_per_purpose(self):
        given = self.filtered(lambda c: not c.withdrawn_date)
        if not given:
            return
        groups = self._read_group(
            [
                ("beneficiary_id", "in", given.beneficiary_id.ids),
                ("purpose_id", "in", given.purpose_id.ids),
                ("withdrawn_date", "=", False),
            ],
            ["beneficiary_id", "purpose_id"],
            ["__count"],
        )
        for beneficiary, purpose, count in groups:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(beneficiary)s has already consented to “%(purpose)s”. Withdraw the "
                        "existing consent before recording a new one.",
                        beneficiary=beneficiary.display_name,
                        purpose=purpose.display_name,
                    )
                )

    @api.constrains("date", "withdrawn_date")
    def _check_dates(self):
        for consent in self:
            if consent.withdrawn_date and consent.withdrawn_date < consent.date:
                raise ValidationError(self.env._("A consent cannot be withdrawn before it was given."))

    def action_open_withdraw(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Withdraw Consent"),
            "res_model": "beneficiary.consent.withdraw",
            "view_mode": "form",
            "target": "new",
            "context": {"default_consent_ids": self.ids},
        }

    def _withdraw(self, reason, date=None):
        if not reason or not reason.strip():
            raise UserError(self.env._("Please give the reason the consent is withdrawn."))
        withdrawn = self.filtered("withdrawn_date")
        if withdrawn:
            raise UserError(
                self.env._(
                    "The consent to “%(purpose)s” was already withdrawn.",
                    purpose=withdrawn[0].purpose_id.display_name,
                )
            )
        date = date or fields.Datetime.now()
        if any(consent.date > date for consent in self):
            raise ValidationError(self.env._("A consent cannot be withdrawn before it was given."))
        self.write({"withdrawn_date": date, "withdrawal_reason": reason.strip()})
        # the works published on these consents are to be taken down
        self.env["beneficiary.published.work"]._consent_withdrawn(self)
