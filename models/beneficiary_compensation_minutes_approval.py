from odoo import api, fields, models
from odoo.exceptions import UserError

from .beneficiary_workflow_mixin import _IMPORTING


class BeneficiaryCompensationMinutesApproval(models.Model):
    """One member's approval of the investigation committee's minutes of a compensation
    case (policies 002 and 004: minutes «مؤرخ ومعتمد من أعضائها»): who, when, and whether
    with reservations.

    Recorded only by the compensation's own method (the member's *Approve the Minutes*
    button): no caller creates, changes or deletes a line directly, whatever the values
    or context keys it sends."""

    _name = "beneficiary.compensation.minutes.approval"
    _description = "Approval of the Investigation Minutes by a Committee Member"
    _inherit = ["beneficiary.personal.data.mixin"]
    _order = "date, id"
    _rec_name = "member_id"
    _personal_fields = ("reservations",)
    _personal_beneficiary_path = "compensation_id.beneficiary_id"

    compensation_id = fields.Many2one(
        "beneficiary.compensation", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="compensation_id.company_id", store=True, index=True)
    member_id = fields.Many2one("res.users", string="Committee Member", required=True, readonly=True)
    decision = fields.Selection(
        [("approved", "Approved"), ("reservations", "Approved with Reservations")],
        required=True,
        default="approved",
        readonly=True,
    )
    reservations = fields.Text(readonly=True)
    date = fields.Datetime(string="Approved On", required=True, readonly=True)

    _sql_constraints = [
        (
            "member_uniq",
            "unique(compensation_id, member_id)",
            "Each member approves the minutes of a compensation once.",
        ),
    ]

    def _check_recorded_by_the_compensation(self, compensation_ids):
        compensations = self.env["beneficiary.compensation"].browse(compensation_ids)
        if not compensations._workflow_is_unlocked():
            raise UserError(
                self.env._(
                    "The members' approvals of the minutes are recorded with the Approve the Minutes button only."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_recorded_by_the_compensation([vals.get("compensation_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._check_recorded_by_the_compensation(self.compensation_id.ids)
        if "compensation_id" in vals:
            self._check_recorded_by_the_compensation([vals["compensation_id"]])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_recorded_by_the_compensation(self):
        self._check_recorded_by_the_compensation(self.compensation_id.ids)

    @api.model
    def load(self, fields, data):
        # a user's import goes through the check of create()
        token = _IMPORTING.set(True)
        try:
            return super().load(fields, data)
        finally:
            _IMPORTING.reset(token)

    @api.model
    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        # modules' data files (demo) describe approvals as they are; a user's import does not
        if _IMPORTING.get():
            return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)
        with self.env["beneficiary.compensation"]._workflow_unlocked(every_record=True):
            return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)
