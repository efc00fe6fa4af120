from odoo import fields, models
from odoo.exceptions import UserError


class BeneficiaryProgramRegistration(models.Model):
    """The personal interview with the checklist of the program's admission conditions
    (policy 002): the conditions are copied on the registration when it is shortlisted,
    the interviewer answers each, and the interview is passed only when every mandatory
    one is met; otherwise it fails, with the conditions not met as the reason."""

    _inherit = "beneficiary.program.registration"

    interview_line_ids = fields.One2many(
        "beneficiary.program.interview.line", "registration_id", string="Interview Checklist", copy=False
    )

    def action_shortlist(self):
        res = super().action_shortlist()
        shortlisted = self.filtered(lambda r: r.state == "shortlisted" and not r.interview_line_ids)
        self.env["beneficiary.program.interview.line"].create(
            [
                {
                    "registration_id": registration.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "name": criterion.name,
                    "mandatory": criterion.mandatory,
                }
                for registration in shortlisted
                for criterion in registration.program_id.criterion_ids
            ]
        )
        return res

    def _get_unanswered_conditions(self):
        self.ensure_one()
        return self.interview_line_ids.filtered(lambda line: not line.result)

    def _get_unmet_conditions(self):
        self.ensure_one()
        return self.interview_line_ids.filtered(lambda line: line.mandatory and line.result == "not_met")

    def _check_checklist_answered(self):
        for registration in self:
            unanswered = registration._get_unanswered_conditions()
            if unanswered:
                raise UserError(
                    self.env._(
                        "Answer every admission condition of the interview of %(beneficiary)s first "
                        "(not answered: %(conditions)s).",
                        beneficiary=registration.beneficiary_id.name,
                        conditions=", ".join(unanswered.mapped("name")),
                    )
                )

    def action_interview_pass(self):
        shortlisted = self.filtered(lambda r: r.state == "shortlisted")
        shortlisted._check_checklist_answered()
        for registration in shortlisted:
            unmet = registration._get_unmet_conditions()
            if unmet:
                raise UserError(
                    self.env._(
                        "%(beneficiary)s does not meet %(conditions)s: the interview is failed, not passed.",
                        beneficiary=registration.beneficiary_id.name,
                        conditions=", ".join(unmet.mapped("name")),
                    )
                )
        shortlisted._record_interviewer()
        return super().action_interview_pass()

    def action_interview_fail(self):
        shortlisted = self.filtered(lambda r: r.state == "shortlisted")
        for registration in shortlisted:
            unmet = registration._get_unmet_conditions()
            if unmet and not (registration.rejection_reason or "").strip():
                registration.rejection_reason = registration._get_unmet_reason(unmet)
        shortlisted._record_interviewer()
        return super().action_interview_fail()

    def action_interview_conclude(self):
        """Conclude the interviews from their checklists: passed when every mandatory
        condition is met, failed otherwise with the conditions not met as the reason."""
        shortlisted = self.filtered(lambda r: r.state == "shortlisted")
        shortlisted._check_checklist_answered()
        failed = shortlisted.filtered(lambda r: r._get_unmet_conditions())
        for registration in failed:
            registration.rejection_reason = registration._get_unmet_reason(
                registration._get_unmet_conditions()
            )
        failed.action_interview_fail()
        (shortlisted - failed).action_interview_pass()
        return True

    def _get_unmet_reason(self, unmet):
        return self.env._(
            "Did not meet the program's admission conditions at the interview: %(conditions)s.",
            conditions=", ".join(unmet.mapped("name")),
        )

    def _record_interviewer(self):
        """Who interviewed and when, if not written before the interview."""
        now = fields.Datetime.now()
        for registration in self:
            vals = {}
            if not registration.interviewer_id:
                vals["interviewer_id"] = self.env.uid
            if not registration.interview_date:
                vals["interview_date"] = now
            if vals:
                registration.write(vals)
