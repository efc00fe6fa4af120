from odoo import models
from odoo.exceptions import UserError


class BeneficiaryDataRequest(models.Model):
    _inherit = "beneficiary.data.request"

    def action_anonymize(self):
        """Accept an erasure request: anonymise the beneficiary and close the request."""
        self.ensure_one()
        if self.request_type != "erasure" or self.state not in self._workflow_states_open:
            raise UserError(self.env._("Only an open erasure request anonymises the beneficiary."))
        self.beneficiary_id.action_anonymize()
        # the request's own text was erased with the rest: record the answer given
        self.write({"response": self.env._("Personal data anonymised.")})
        self._set_state("done")
        self._sla_stop()
        return True
