from odoo import models


class ReportComplaintAcknowledgement(models.AbstractModel):
    _name = "report.beneficiary_relations.report_complaint_acknowledgement"
    _inherit = "report.beneficiary_relations.letter"
    _description = "Complaint Acknowledgement Letter"
    _letter_model = "beneficiary.complaint"
    _letter = "acknowledgement"
