from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date


class BeneficiaryProgramSession(models.Model):
    """A day the program meets, with its daily attendance sheet («كشف الحضور اليومي»)."""

    _name = "beneficiary.program.session"
    _description = "Program Session Day"
    _order = "date, id"
    _check_company_auto = True

    program_id = fields.Many2one(
        "beneficiary.program",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    date = fields.Date(required=True, index=True)
    topic = fields.Char()
    state = fields.Selection(
        string="Status",
        selection=[("planned", "Planned"), ("done", "Attendance Taken")],
        required=True,
        default="planned",
    )
    attendance_ids = fields.One2many(
        "beneficiary.program.attendance", "session_id", string="Attendance Sheet"
    )
    present_count = fields.Integer(string="Present", compute="_compute_attendance", store=True)
    absent_count = fields.Integer(string="Absent", compute="_compute_attendance", store=True)
    excused_count = fields.Integer(string="Excused", compute="_compute_attendance", store=True)
    attendance_rate = fields.Float(compute="_compute_attendance", store=True, aggregator="avg")

    _sql_constraints = [
        ("program_date_uniq", "unique(program_id, date)", "The program already has a session on this day."),
    ]

    @api.depends("attendance_ids.status")
    def _compute_attendance(self):
        for session in self:
            session.update(session.attendance_ids._attendance_figures())

    @api.depends("program_id.name", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for session in self:
            day = format_date(self.env, session.date, date_format="EEEE d MMMM y") if session.date else ""
            session.display_name = f"{session.program_id.name} - {day}" if session.program_id else day

    @api.constrains("date", "program_id")
    def _check_date(self):
        for session in self:
            program = session.program_id
            if session.date and not (program.date_start <= session.date <= program.date_end):
                raise ValidationError(
                    self.env._(
                        "The session of %(date)s is outside the dates of %(program)s.",
                        date=session.date,
                        program=program.name,
                    )
                )

    def _sync_attendance_lines(self):
        """Give every confirmed participant of the session's program a line on its sheet."""
        registrations = self.env["beneficiary.program.registration"].search(
            [("program_id", "in", self.program_id.ids), ("state", "=", "confirmed")]
        )
        existing = {(line.session_id.id, line.registration_id.id) for line in self.attendance_ids}
        vals_list = [
            {"session_id": session.id, "registration_id": registration.id}
            for session in self
            for registration in registrations
            if registration.program_id == session.program_id and (session.id, registration.id) not in existing
        ]
        return self.env["beneficiary.program.attendance"].create(vals_list)

    def _get_own_lines(self):
        """The sheet's lines of the participants the user serves (all of them for managers)."""
        return self.env["beneficiary.program.attendance"].search([("session_id", "in", self.ids)])

    def action_take_attendance(self):
        self.ensure_one()
        self._sync_attendance_lines()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def action_mark_all_present(self):
        """Mark the whole group present, so that only the absences are left to adjust."""
        self._sync_attendance_lines()
        self._get_own_lines().write({"status": "present"})
        return True

    def action_close_sheet(self):
        """Close the attendance sheet: participants left unmarked are recorded absent."""
        self._sync_attendance_lines()
        self._get_own_lines().filtered(lambda line: not line.status).write({"status": "absent"})
        self.write({"state": "done"})
        return True

    def action_reopen_sheet(self):
        self.write({"state": "planned"})
        return True
