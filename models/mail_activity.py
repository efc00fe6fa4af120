from odoo import api, models
from odoo.exceptions import ValidationError

COMPLAINT_MODEL = "beneficiary.complaint"


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # the WhatsApp message, call or letter of an officer is done
        self.env["beneficiary.notification.log"]._update_from_activities(self)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    # ------------------------------------------------------------
    # COMPLAINT ROUTING
    # ------------------------------------------------------------
    @api.constrains("user_id", "res_model", "res_id")
    def _check_complaint_staff_member(self):
        """No to-do on a complaint for the staff member it is about: it would show them
        the complaint's name and the task."""
        on_complaints = self.filtered(lambda a: a.res_model == COMPLAINT_MODEL and a.user_id)
        if not on_complaints:
            return
        complaints_sudo = self.env[COMPLAINT_MODEL].sudo().browse(on_complaints.mapped("res_id")).exists()
        staff = {complaint.id: complaint.staff_user_id for complaint in complaints_sudo}
        for activity in on_complaints:
            if activity.user_id == staff.get(activity.res_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be given a to-do on a complaint about them.",
                        user=activity.user_id.name,
                    )
                )
