from odoo import api, fields, models
from odoo.exceptions import UserError

from .ir_qweb_field_count import count_text


class BeneficiaryProgram(models.Model):
    """The program's evaluation form («استمارة تقييم البرنامج»), sent to the participants
    when the program ends (policy 002, step 7), and its results for the program report."""

    _inherit = "beneficiary.program"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Evaluation Form",
        domain=[("survey_type", "in", ("survey", "custom"))],
        help="Survey sent to the participants when the program ends.",
    )
    evaluation_sent_date = fields.Datetime(string="Evaluation Sent On", readonly=True, copy=False)
    evaluation_invited_count = fields.Integer(
        string="Evaluation Invitations", compute="_compute_evaluation_stats", compute_sudo=True
    )
    evaluation_answer_count = fields.Integer(
        string="Evaluation Answers", compute="_compute_evaluation_stats", compute_sudo=True
    )
    evaluation_satisfaction = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_evaluation_stats",
        compute_sudo=True,
        help="Average of the answers to the rating-scale questions, from 0 (lowest) to 100 (highest).",
    )

    @api.depends("survey_id", "registration_ids.evaluation_input_id.state")
    def _compute_evaluation_stats(self):
        for program in self:
            inputs = program.registration_ids.evaluation_input_id
            done = inputs.filtered(lambda answer: answer.state == "done")
            program.evaluation_invited_count = len(inputs)
            program.evaluation_answer_count = len(done)
            program.evaluation_satisfaction = program._get_satisfaction(done)

    def action_send_evaluation(self):
        """Invite every confirmed participant to answer the program's evaluation form."""
        self.ensure_one()
        if self.state not in ("running", "done"):
            raise UserError(self.env._("The evaluation form is sent when the program is running or done."))
        if not self.survey_id:
            raise UserError(self.env._("Choose the evaluation form of %(program)s first.", program=self.name))
        registrations = self.registration_ids.filtered(lambda r: r.state == "confirmed")
        if not registrations:
            raise UserError(
                self.env._("%(program)s has no confirmed participant to evaluate it.", program=self.name)
            )
        self.survey_id.check_validity()
        partners = registrations.partner_id
        invite = (
            self.env["survey.invite"]
            .with_context(default_email_layout_xmlid="mail.mail_notification_light")
            .create(
                {
                    "survey_id": self.survey_id.id,
                    "partner_ids": [fields.Command.set(partners.ids)],
                    "template_id": self.env.ref("survey.mail_template_user_input_invite").id,
                    "existing_mode": "resend",
                }
            )
        )
        invite.action_invite()
        answers = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey_id.id), ("partner_id", "in", partners.ids)],
            order="create_date desc, id desc",
        )
        answer_by_partner = {}
        for answer in answers:
            answer_by_partner.setdefault(answer.partner_id, answer)
        for registration in registrations:
            registration._workflow_write(
                {
                    "evaluation_input_id": answer_by_partner.get(
                        registration.partner_id, self.env["survey.user_input"]
                    ).id
                }
            )
        self.evaluation_sent_date = fields.Datetime.now()
        self.message_post(
            body=self.env._(
                "Evaluation form sent to %(participants)s.",
                participants=count_text(self.env, len(registrations), "participant", case="oblique"),
            )
        )
        return True

    @api.model
    def _get_satisfaction(self, answers):
        """Average of the rating-scale answers of ``answers``, as 0-100."""
        lines = answers.user_input_line_ids.filtered(
            lambda line: line.answer_type == "scale" and not line.skipped
        )
        scores = []
        for line in lines:
            question = line.question_id
            span = question.scale_max - question.scale_min
            if span > 0:
                scores.append(100.0 * (line.value_scale - question.scale_min) / span)
        return sum(scores) / len(scores) if scores else 0.0

    def _get_evaluation_summary(self):
        """Per-question results of the evaluation form, for the program report.

        Only averages and counts leave this method, never who answered what; it reads the
        survey answers as superuser once the caller's access to the program is checked."""
        self.ensure_one()
        self.check_access("read")
        program_sudo = self.sudo()
        answers = program_sudo.registration_ids.evaluation_input_id.filtered(lambda a: a.state == "done")
        summary = []
        for question in program_sudo.survey_id.question_ids.filtered(
            lambda q: q.question_type in ("scale", "numerical_box")
        ):
            lines = answers.user_input_line_ids.filtered(
                lambda line, q=question: line.question_id == q and not line.skipped
            )
            values = [
                line.value_scale if question.question_type == "scale" else line.value_numerical_box
                for line in lines
            ]
            summary.append(
                {
                    "question": question.title,
                    "answers": len(values),
                    "average": sum(values) / len(values) if values else 0.0,
                    "scale_max": question.scale_max if question.question_type == "scale" else False,
                }
            )
        return summary
