from odoo import api, fields, models


class BeneficiaryVisit(models.Model):
    """A field survey, a supervisory visit to an office, an interview or a follow-up by
    top management: how the association measures and watches beneficiary satisfaction."""

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

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = sequence.with_company(company).next_by_code("beneficiary.visit") or "/"
        return super().create(vals_list)

    def action_done(self):
        self.filtered(lambda v: v.state == "planned").write({"state": "done"})

    def action_reset(self):
        self.filtered(lambda v: v.state == "done").write({"state": "planned"})
