from odoo import fields, models
from odoo.exceptions import UserError


class BeneficiaryServiceRequest(models.Model):
    """Unclear cases go to the named officer (policies 000-003: «إحالة الحالات غير
    الواضحة إلى مسؤول ...»), and the officer's answer is kept on the request: what was
    explained, by whom, when. Who and when are the application's; the answer is frozen
    once recorded."""

    _inherit = "beneficiary.service.request"
    _workflow_protected_fields = ("clarification_answered_by_id", "clarification_answered_on")

    clarification_answer = fields.Text(
        string="Officer's Answer",
        tracking=True,
        copy=False,
        help="What the officer explained to the beneficiary about the unclear case.",
    )
    clarification_answered_by_id = fields.Many2one(
        "res.users", string="Explained By", readonly=True, copy=False
    )
    clarification_answered_on = fields.Datetime(string="Explained On", readonly=True, copy=False)

    def _workflow_check_frozen(self, field_names):
        if "clarification_answer" in field_names:
            answered = self.filtered("clarification_answered_on")
            if answered:
                raise UserError(
                    self.env._(
                        "The officer's answer on %(requests)s is recorded: it can no longer be changed.",
                        requests=", ".join(answered.mapped("name")),
                    )
                )
        return super()._workflow_check_frozen(field_names)

    def action_record_clarification(self):
        """The officer named for the clarification (or a manager) records their answer."""
        is_manager = self.env.user.has_group("beneficiary_relations.group_manager")
        for request in self:
            if request.clarification_answered_on:
                raise UserError(
                    self.env._(
                        "The officer's answer on %(request)s is already recorded.", request=request.name
                    )
                )
            if not request.clarification_officer_id:
                raise UserError(self.env._("Choose the officer who will explain the procedure first."))
            if self.env.user != request.clarification_officer_id and not is_manager:
                raise UserError(
                    self.env._(
                        "Only %(officer)s, to whom %(request)s was referred, records the answer.",
                        officer=request.clarification_officer_id.name,
                        request=request.name,
                    )
                )
            if not (request.clarification_answer or "").strip():
                raise UserError(
                    self.env._("Write what was explained to the beneficiary before recording the answer.")
                )
        self._workflow_write(
            {
                "clarification_answered_by_id": self.env.user.id,
                "clarification_answered_on": fields.Datetime.now(),
            }
        )
        # the officer's to-do of the referral (action_refer_to_officer) is done
        summaries = {
            self.with_context(lang=lang).env._("Explain the procedure to the beneficiary")
            for lang in {self.env.lang or "en_US", "en_US", self.env.company.partner_id.lang or "en_US"}
        }
        for request in self:
            request.activity_ids.filtered(
                lambda a, r=request: a.user_id == r.clarification_officer_id and a.summary in summaries
            ).action_feedback(feedback=self.env._("Answer recorded."))
