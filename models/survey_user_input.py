from odoo import api, fields, models


class SurveyUserInput(models.Model):
    """A beneficiary's answers to a satisfaction or program survey: their contact details
    go on anonymisation, the scores stay for the statistics."""

    _name = "survey.user_input"
    _inherit = ["survey.user_input", "beneficiary.personal.data.mixin"]
    _personal_fields = ("email", "nickname")

    beneficiary_campaign_id = fields.Many2one(
        "beneficiary.survey.campaign",
        string="Satisfaction Campaign",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    @api.model
    def _personal_records(self, beneficiary):
        """Answered as the beneficiary's contact (or one of its child contacts), or with one
        of their e-mail addresses."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", beneficiary.partner_id.id)])
        )
        emails = [email for email in partners.mapped("email_normalized") if email]
        return self.sudo().search(["|", ("partner_id", "in", partners.ids), ("email", "in", emails)])

    # ------------------------------------------------------------------ notification hooks
    # the invitation of a satisfaction campaign goes through the notification service
    # like the workflows' messages (see beneficiary.workflow.mixin)
    def _notify_recipient(self):
        self.ensure_one()
        beneficiary = self.partner_id.beneficiary_ids[:1]
        if not beneficiary:
            return None
        return self.env["beneficiary.notification"]._recipient(beneficiary)

    def _notify_templates(self, kind):
        if kind == "survey":
            return (
                "survey.mail_template_user_input_invite",
                "beneficiary_relations.sms_template_survey_invitation",
            )
        return False, False

    def _notify_officer(self):
        self.ensure_one()
        return self.partner_id.beneficiary_ids[:1].liaison_user_id

    def _notify_deadline(self):
        return self.deadline or None

    def _notify_log_record(self):
        return self.beneficiary_campaign_id or self
