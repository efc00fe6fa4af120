from odoo import models, tools
from odoo.exceptions import UserError

COMPLAINT_LETTERS = {
    "acknowledgement": "beneficiary_relations.beneficiary_complaint_action_report_acknowledgement",
    "outcome": "beneficiary_relations.beneficiary_complaint_action_report_outcome",
}
OUTCOMES = ("settled", "resolved", "rejected")


class BeneficiaryComplaint(models.Model):
    """The letters a complaint gives its complainant (acknowledgement, answer), also
    when the complainant is not a known beneficiary."""

    _name = "beneficiary.complaint"
    _inherit = ["beneficiary.complaint", "beneficiary.letter.mixin"]

    def _letter_recipient(self):
        """The complainant as a partner: their contact, or, for a complainant who is not
        a contact of the association, an unsaved one with the name and mobile they left."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        return self.env["res.partner"].new(
            {"name": self.contact_name, "mobile": self.contact_mobile, "email": self.contact_email}
        )

    def _letter_outcome(self):
        """How the complaint ended (settled, resolved or rejected), also once closed;
        False while it is being handled."""
        self.ensure_one()
        if self.state in OUTCOMES:
            return self.state
        if self.state != "closed":
            return False
        if self.settlement_accepted_on and self.settlement_terms:
            return "settled"
        if (self.rejection_reason or "").strip() and tools.is_html_empty(self.resolution):
            return "rejected"
        return "resolved"

    def _letter_can_print(self, letter):
        self.ensure_one()
        if letter == "acknowledgement":
            return bool(self.date_acknowledged)
        if letter == "outcome":
            return bool(self._letter_outcome())
        return False

    def _letter_check_printable(self, letter):
        for complaint in self:
            if complaint._letter_can_print(letter):
                continue
            if letter == "acknowledgement":
                raise UserError(
                    self.env._(
                        "The acknowledgement of %(complaint)s can be printed once the complaint is acknowledged.",
                        complaint=complaint.name,
                    )
                )
            raise UserError(
                self.env._(
                    "The answer to %(complaint)s can be printed once the complaint is settled, "
                    "resolved or rejected.",
                    complaint=complaint.name,
                )
            )

    def _portal_letters(self):
        """{key: (report xml id, label)} of the letters the complainant may download."""
        self.ensure_one()
        labels = {
            "acknowledgement": self.env._("Acknowledgement Letter"),
            "outcome": self.env._("Answer Letter"),
        }
        return {
            key: (report, labels[key])
            for key, report in COMPLAINT_LETTERS.items()
            if self._letter_can_print(key)
        }
