from odoo import api, models


class ReportBeneficiaryLetter(models.AbstractModel):
    """Renders a letter only for the records it makes sense for (no decision letter
    for an undecided request), with a message naming the record otherwise."""

    _name = "report.beneficiary_relations.letter"
    _description = "Beneficiary Letter Report"
    _letter_model = None
    _letter = None

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._letter_model].browse(docids)
        docs._letter_check_printable(self._letter)
        return {"doc_ids": docids, "doc_model": self._letter_model, "docs": docs}
