from odoo import models
from odoo.exceptions import UserError

REQUEST_LETTERS = {
    "acknowledgement": "beneficiary_relations.beneficiary_service_request_action_report_acknowledgement",
    "decision": "beneficiary_relations.beneficiary_service_request_action_report_decision",
}


class BeneficiaryServiceRequest(models.Model):
    """The letters a request gives its beneficiary (acknowledgement, decision): when
    they can be printed, in which language and on which day they are dated."""

    _name = "beneficiary.service.request"
    _inherit = ["beneficiary.service.request", "beneficiary.letter.mixin"]

    def _letter_can_print(self, letter, portal=False):
        """Whether ``letter`` (a key of ``REQUEST_LETTERS``) makes sense for the request
        now. Staff may print the acknowledgement from the submission on, with the
        documents still missing; the beneficiary downloads it once the request is
        complete."""
        self.ensure_one()
        if letter == "acknowledgement":
            if portal:
                return bool(self.date_complete) and self.state != "cancelled"
            return self.state not in ("draft", "cancelled")
        if letter == "decision":
            return self.state in self._workflow_states_decided
        return False

    def _letter_check_printable(self, letter):
        for request in self:
            if request._letter_can_print(letter):
                continue
            if letter == "acknowledgement":
                raise UserError(
                    self.env._(
                        "The acknowledgement of %(request)s can be printed once the request is submitted "
                        "(and as long as it is not cancelled).",
                        request=request.name,
                    )
                )
            raise UserError(
                self.env._(
                    "The decision letter of %(request)s can be printed once the request is accepted or rejected.",
                    request=request.name,
                )
            )

    def _portal_letters(self):
        """{key: (report xml id, label)} of the letters the beneficiary may download."""
        self.ensure_one()
        labels = {
            "acknowledgement": self.env._("Acknowledgement Letter"),
            "decision": self.env._("Decision Letter"),
        }
        return {
            key: (report, labels[key])
            for key, report in REQUEST_LETTERS.items()
            if self._letter_can_print(key, portal=True)
        }
