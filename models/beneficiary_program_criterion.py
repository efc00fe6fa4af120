from odoo import fields, models


class BeneficiaryProgramCriterion(models.Model):
    """An admission condition of a program (policy 002, programs with a personal
    interview, step 5: «إجراء المقابلات الشخصية والتأكد من شروط قبولهم»): the interview
    checks each one; not meeting a mandatory one fails the interview."""

    _name = "beneficiary.program.criterion"
    _description = "Program Admission Condition"
    _order = "program_id, sequence, id"

    program_id = fields.Many2one("beneficiary.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Condition", required=True)
    description = fields.Text(help="How the interviewer checks it.")
    mandatory = fields.Boolean(default=True, help="Not meeting it fails the interview.")
