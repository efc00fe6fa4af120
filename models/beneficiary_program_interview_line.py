from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryProgramInterviewLine(models.Model):
    """One admission condition of a program, answered at an applicant's interview. The
    checklist is answered while the applicant is shortlisted; once the interview is
    concluded it is kept as it was answered."""

    _name = "beneficiary.program.interview.line"
    _description = "Interview Checklist Line"
    _inherit = ["beneficiary.personal.data.mixin"]
    _order = "registration_id, sequence, id"
    _personal_fields = ("note",)
    _personal_beneficiary_path = "registration_id.beneficiary_id"

    registration_id = fields.Many2one(
        "beneficiary.program.registration", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="registration_id.company_id", store=True, index=True)
    category_id = fields.Many2one(related="registration_id.category_id", store=True, index=True)
    criterion_id = fields.Many2one(
        "beneficiary.program.criterion", string="Admission Condition", ondelete="set null"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Condition", required=True)
    mandatory = fields.Boolean()
    result = fields.Selection([("met", "Met"), ("not_met", "Not Met")])
    note = fields.Char()

    def _check_interview_open(self, registrations):
        concluded = registrations.filtered(lambda r: r.state != "shortlisted")
        if concluded:
            raise UserError(
                self.env._(
                    "The interview of %(registration)s is concluded: its checklist is kept as it was answered.",
                    registration=concluded[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self._check_interview_open(lines.registration_id)
        return lines

    def write(self, vals):
        self._check_interview_open(self.registration_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_interviewing(self):
        self._check_interview_open(self.registration_id)
