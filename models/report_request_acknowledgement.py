from odoo import models


class ReportRequestAcknowledgement(models.AbstractModel):
    _name = "report.beneficiary_relations.report_request_acknowledgement"
    _inherit = "report.beneficiary_relations.letter"
    _description = "Request Acknowledgement Letter"
    _letter_model = "beneficiary.service.request"
    _letter = "acknowledgement"
