from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryVisit(models.Model):
    """A field survey, a supervisory visit to an office, an interview or a follow-up by
    top management: how the association measures and watches beneficiary satisfaction,
    each scored on the questionnaire of its kind (criteria scored 1 to 5, averaged)."""

    _name = "beneficiary.visit"
    _description = "Satisfaction Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    kind = fields.Selection(
        [
            ("field_survey", "Field Survey"),
            ("supervisory_visit", "Supervisory Visit to an Office"),
            ("interview", "Interview"),
            ("management_follow_up", "Top-Management Follow-up"),
        ],
        required=True,
        default="field_survey",
        tracking=True,
    )
    office = fields.Char(
        string="Office or Branch",
        tracking=True,
        help="The branch office, district or site visited.",
    )
    date = fields.Date(
        required=True, default=lambda self: self.env.company._beneficiary_today(), tracking=True
    )
    visitor_id = fields.Many2one(
        "res.users",
        string="Visitor",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    beneficiary_ids = fields.Many2many(
        "beneficiary.beneficiary",
        string="Beneficiaries Met",
        check_company=True,
    )
    category_ids = fields.Many2many(
        "beneficiary.category",
        string="Categories Met",
        compute="_compute_category_ids",
        store=True,
        help="The categories of the beneficiaries met: their officers work on the visit.",
    )
    score_ids = fields.One2many(
        "beneficiary.visit.score",
        "visit_id",
        string="Scores",
        copy=True,
        help="The questionnaire of the visit's kind, each criterion scored from 1 to 5.",
    )
    average_score = fields.Float(
        string="Average Score (out of 5)",
        compute="_compute_average_score",
        store=True,
        aggregator="avg",
        digits=(3, 2),
        help="Average of the criteria scored.",
    )
    findings = fields.Html()
    actions = fields.Html(string="Actions Decided")
    state = fields.Selection(
        string="Status",
        selection=[("planned", "Planned"), ("done", "Done")],
        required=True,
        default="planned",
        tracking=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("beneficiary_ids.category_id")
    def _compute_category_ids(self):
        for visit in self:
            visit.category_ids = visit.beneficiary_ids.category_id

    @api.depends("score_ids.score")
    def _compute_average_score(self):
        for visit in self:
            scores = [int(line.score) for line in visit.score_ids if line.score]
            visit.average_score = sum(scores) / len(scores) if scores else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = sequence.with_company(company).next_by_code("beneficiary.visit") or "/"
        visits = super().create(vals_list)
        visits.filtered(lambda v: not v.score_ids)._add_criteria()
        return visits

    def _get_criteria(self):
        self.ensure_one()
        return self.env["beneficiary.visit.criterion"].search(
            [
                ("kind", "in", (False, self.kind)),
                ("company_id", "in", (False, self.company_id.id)),
            ]
        )

    def _add_criteria(self):
        """Add the criteria of the visit's kind it does not score yet."""
        self.env["beneficiary.visit.score"].create(
            [
                {
                    "visit_id": visit.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "name": criterion.name,
                }
                for visit in self
                for criterion in visit._get_criteria() - visit.score_ids.criterion_id
            ]
        )

    def action_load_criteria(self):
        self._add_criteria()
        return True

    def action_done(self):
        for visit in self.filtered(lambda v: v.state == "planned"):
            unscored = visit.score_ids.filtered(lambda line: not line.score)
            if unscored:
                raise UserError(
                    self.env._(
                        "Score every criterion of %(visit)s before closing it (not scored: %(criteria)s).",
                        visit=visit.name,
                        criteria=", ".join(unscored.mapped("name")),
                    )
                )
        self.filtered(lambda v: v.state == "planned").write({"state": "done"})

    def action_reset(self):
        self.filtered(lambda v: v.state == "done").write({"state": "planned"})
