from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BeneficiaryProgramAttendance(models.Model):
    """One participant on one session day's attendance sheet."""

    _name = "beneficiary.program.attendance"
    _description = "Program Attendance"
    _inherit = ["beneficiary.personal.data.mixin"]
    _order = "session_date desc, beneficiary_id, id"
    _rec_name = "beneficiary_id"
    _check_company_auto = True
    _personal_fields = ("note",)

    session_id = fields.Many2one(
        "beneficiary.program.session",
        string="Session Day",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    registration_id = fields.Many2one(
        "beneficiary.program.registration",
        string="Registration",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    program_id = fields.Many2one(related="session_id.program_id", store=True, index=True)
    session_date = fields.Date(related="session_id.date", store=True, string="Date")
    beneficiary_id = fields.Many2one(
        related="registration_id.beneficiary_id", store=True, string="Participant"
    )
    category_id = fields.Many2one(related="registration_id.category_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    status = fields.Selection(
        [("present", "Present"), ("absent", "Absent"), ("excused", "Excused")],
        help="Leave empty until the attendance is taken; excused absences do not lower the attendance rate.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "session_registration_uniq",
            "unique(session_id, registration_id)",
            "This participant is already on the attendance sheet of this session.",
        ),
    ]

    @api.constrains("session_id", "registration_id")
    def _check_same_program(self):
        for line in self:
            if line.registration_id.program_id != line.session_id.program_id:
                raise ValidationError(
                    self.env._(
                        "%(beneficiary)s is not registered in %(program)s.",
                        beneficiary=line.registration_id.beneficiary_id.name,
                        program=line.session_id.program_id.name,
                    )
                )

    def _attendance_figures(self):
        """The figures of these attendance lines (a session's or a participant's): how many
        present, absent and excused, and the attendance rate, excused absences aside."""
        statuses = self.mapped("status")
        present = statuses.count("present")
        absent = statuses.count("absent")
        return {
            "present_count": present,
            "absent_count": absent,
            "excused_count": statuses.count("excused"),
            "attendance_rate": 100.0 * present / (present + absent) if present + absent else 0.0,
        }

    def action_set_present(self):
        self.write({"status": "present"})

    def action_set_absent(self):
        self.write({"status": "absent"})

    def action_set_excused(self):
        self.write({"status": "excused"})
