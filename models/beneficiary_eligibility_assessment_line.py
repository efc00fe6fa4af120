from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryEligibilityAssessmentLine(models.Model):
    """One criterion of an assessment's checklist: met or not, with a note. The
    criterion's wording is copied, so that later changes of the service type's criteria
    leave concluded assessments as they were."""

    _name = "beneficiary.eligibility.assessment.line"
    _description = "Eligibility Checklist Line"
    _inherit = ["beneficiary.personal.data.mixin"]
    _order = "assessment_id, sequence, id"
    _personal_fields = ("note",)
    _personal_beneficiary_path = "assessment_id.beneficiary_id"

    assessment_id = fields.Many2one(
        "beneficiary.eligibility.assessment", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    state = fields.Selection(related="assessment_id.state")
    criterion_id = fields.Many2one(
        "beneficiary.eligibility.criterion",
        string="Configured Criterion",
        ondelete="set null",
        index="btree_not_null",
    )
    sequence = fields.Integer(compute="_compute_from_criterion", store=True, readonly=False, precompute=True)
    name = fields.Char(
        string="Criterion",
        required=True,
        compute="_compute_from_criterion",
        store=True,
        readonly=False,
        precompute=True,
    )
    description = fields.Text(compute="_compute_from_criterion", store=True, readonly=False, precompute=True)
    mandatory = fields.Boolean(compute="_compute_from_criterion", store=True, readonly=False, precompute=True)
    # "fulfilled", not "met": a criterion is fulfilled (مستوفى), a deadline is met
    met = fields.Selection([("yes", "Fulfilled"), ("no", "Not Fulfilled")], string="Criterion Fulfilled")
    note = fields.Char()

    @api.depends("criterion_id")
    def _compute_from_criterion(self):
        for line in self:
            criterion = line.criterion_id
            if criterion:
                line.sequence = criterion.sequence
                line.name = criterion.name
                line.description = criterion.description
                line.mandatory = criterion.mandatory

    @api.model_create_multi
    def create(self, vals_list):
        self._check_assessment_open(
            self.env["beneficiary.eligibility.assessment"].browse(
                {vals["assessment_id"] for vals in vals_list if vals.get("assessment_id")}
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_assessment_open(self.assessment_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_assessment_concluded(self):
        self._check_assessment_open(self.assessment_id)

    def _check_assessment_open(self, assessments):
        locked = assessments.filtered(lambda a: a.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "The checklist of %(assessments)s is concluded or cancelled: it is kept as it is.",
                    assessments=", ".join(locked.mapped("name")),
                )
            )
