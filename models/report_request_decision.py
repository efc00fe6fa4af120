from odoo import models


class ReportRequestDecision(models.AbstractModel):
    _name = "report.beneficiary_relations.report_request_decision"
    _inherit = "report.beneficiary_relations.letter"
    _description = "Request Decision Letter"
    _letter_model = "beneficiary.service.request"
    _letter = "decision"
