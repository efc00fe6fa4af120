from odoo import models


class BeneficiaryCompensation(models.Model):
    """What the settlement minutes of a compensation need."""

    _inherit = "beneficiary.compensation"

    def _letter_lang(self):
        """The beneficiary's language, else the association's."""
        self.ensure_one()
        return self.partner_id.lang or self.company_id.partner_id.lang or self.env.lang or "en_US"

    def _report_signatories(self):
        """[(role, name)] of who signs the minutes: the investigation committee (chair
        first), or the manager who approved the compensation, then the beneficiary."""
        self.ensure_one()
        committee = self.investigation_committee_id
        signatories = []
        if committee:
            if committee.chair_id:
                signatories.append((self.env._("Chair of the Committee"), committee.chair_id.name))
            for member in committee.member_ids - committee.chair_id:
                signatories.append((self.env._("Committee Member"), member.name))
        else:
            signatories.append(
                (self.env._("For the Association"), self.approved_by_id.name or self.company_id.name)
            )
        signatories.append((self.env._("The Beneficiary"), self.beneficiary_id.name))
        return signatories
