from odoo import models

from ..lib import rtl_words


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

    def _report_evidence_names(self, attachments):
        """[(name, direction)] of the evidence files as the minutes list them: an Arabic
        file name reads right to left, without its extension ("محضر اللجنة", not
        "pdf.محضر اللجنة"); other names left to right, as they are."""
        names = []
        for attachment in attachments:
            name = attachment.name or ""
            if rtl_words.ARABIC.search(name):
                stem, dot, _extension = name.rpartition(".")
                names.append((stem if dot and stem else name, "rtl"))
            else:
                names.append((name, "ltr"))
        return names
