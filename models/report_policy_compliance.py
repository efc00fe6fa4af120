from odoo import api, models


class ReportPolicyCompliance(models.AbstractModel):
    """Gives the compliance report template the figures of each wizard it prints."""

    _name = "report.beneficiary_relations.report_policy_compliance"
    _description = "Policy Compliance Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # the figures' names and labels in the reader's language, as the template's t-lang
        docs = self.env["beneficiary.compliance.report"].with_context(lang=self.env.user.lang).browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": docs._name,
            "docs": docs,
            "figures": {
                doc.id: docs._get_compliance_data(doc.date_from, doc.date_to, doc.company_id) for doc in docs
            },
        }
