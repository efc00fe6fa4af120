from odoo import models


class ReportComplaintOutcome(models.AbstractModel):
    _name = "report.beneficiary_relations.report_complaint_outcome"
    _inherit = "report.beneficiary_relations.letter"
    _description = "Complaint Answer Letter"
    _letter_model = "beneficiary.complaint"
    _letter = "outcome"
