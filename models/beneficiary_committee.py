from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the committees every association has from the start, in each of its companies: the
# follow-up committee handles complaints quickly (policies 002 and 004), the
# investigation committee establishes the facts of a compensation case
SHIPPED_KINDS = ("follow_up", "investigation")


class BeneficiaryCommittee(models.Model):
    """A committee or unit that studies and decides requests (educational affairs,
    social research...), follows complaints, or investigates compensation cases."""

    _name = "beneficiary.committee"
    _description = "Committee"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("educational_affairs", "Educational Affairs Committee"),
            ("social_research", "Social Research Committee"),
            ("competent_unit", "Competent Unit"),
            ("follow_up", "Follow-up Committee"),
            ("investigation", "Investigation and Follow-up Committee"),
            ("other", "Other"),
        ],
        required=True,
        default="competent_unit",
        tracking=True,
    )
    chair_id = fields.Many2one(
        "res.users",
        string="Chair",
        tracking=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("beneficiary_relations.group_committee_member").id)
        ],
    )
    member_ids = fields.Many2many(
        "res.users",
        string="Members",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("beneficiary_relations.group_committee_member").id)
        ],
    )
    decision_rule = fields.Selection(
        [
            ("member", "One Member Records the Decision"),
            ("majority", "Majority of the Members' Votes"),
            ("unanimous", "All Members Agree"),
        ],
        string="Decision",
        required=True,
        default="member",
        tracking=True,
        help="How the committee decides the requests referred to it. When its members vote, each "
        "member's vote is recorded on the request, and the decision needs the majority of the "
        "committee's members, or all of them.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.constrains("chair_id", "member_ids")
    def _check_members(self):
        group = self.env.ref("beneficiary_relations.group_committee_member")
        for committee in self:
            outsiders = (committee.member_ids | committee.chair_id).filtered(
                lambda u: group not in u.groups_id
            )
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(users)s must be in the Committee Member group to sit on a committee.",
                        users=", ".join(outsiders.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        committees = super().create(vals_list)
        committees._add_chair_to_members()
        self.env.registry.clear_cache()  # record rules list the committees of the user
        return committees

    def write(self, vals):
        res = super().write(vals)
        if "chair_id" in vals:
            self._add_chair_to_members()
        if {"member_ids", "chair_id", "active"} & set(vals):
            self.env.registry.clear_cache()
        return res

    # ------------------------------------------------------------------ shipped committees
    @api.model
    def _beneficiary_shipped_values(self, kind):
        """Name and description of the shipped committee of ``kind``, in the current
        language."""
        if kind == "follow_up":
            return {
                "name": self.env._("Follow-up Committee"),
                "description": self.env._(
                    "Handles complaints on arrival, seeks amicable settlements and closes complaints."
                ),
            }
        return {
            "name": self.env._("Investigation Committee"),
            "description": self.env._(
                "Establishes the facts of a compensation case and approves its minutes."
            ),
        }

    @api.model
    def _beneficiary_company_committee(self, company, kind):
        """The committee of ``kind`` of ``company`` (the shipped one, or the one the
        association made), archived ones last; empty when there is none."""
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("company_id", "=", company.id), ("kind", "=", kind)],
                order="active desc, sequence, id",
                limit=1,
            )
        )

    @api.model
    def _beneficiary_create_company_committees(self, companies):
        """A follow-up committee and an investigation committee for each of ``companies``
        that has none of that kind yet (made when a company is created, and for the
        existing ones when the module is installed or upgraded; an association's own
        committee of that kind, even archived, is kept instead). The complaint categories
        of a company that name no committee are given its new follow-up committee.

        The committees start without chair nor members: until they are named, what
        reaches the committee reaches the managers (see ``beneficiary.complaint``)."""
        if not companies:
            return self.browse()
        existing = {
            (committee.company_id.id, committee.kind)
            for committee in self.sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", companies.ids), ("kind", "in", SHIPPED_KINDS)])
        }
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        vals_list = []
        for company in companies:
            for kind in SHIPPED_KINDS:
                if (company.id, kind) not in existing:
                    vals = self.with_context(lang="en_US")._beneficiary_shipped_values(kind)
                    vals_list.append(dict(vals, kind=kind, company_id=company.id, sequence=90))
        committees = self.sudo().with_context(lang="en_US").create(vals_list)
        for committee in committees:
            for field in ("name", "description"):
                committee.update_field_translations(
                    field,
                    {
                        lang: self.with_context(lang=lang)._beneficiary_shipped_values(committee.kind)[field]
                        for lang in langs
                        if lang != "en_US"
                    },
                )
        main_company = self.env.ref("base.main_company", raise_if_not_found=False)
        # the main company's committees get an external id, kept as they are on upgrades
        # (noupdate): the demo data and the policy preset find them by it
        self.env["ir.model.data"].sudo()._update_xmlids(
            [
                {
                    "xml_id": f"beneficiary_relations.committee_{committee.kind}",
                    "record": committee,
                    "noupdate": True,
                }
                for committee in committees
                if committee.company_id == main_company
                and not self.env.ref(
                    f"beneficiary_relations.committee_{committee.kind}", raise_if_not_found=False
                )
            ]
        )
        follow_ups = committees.filtered(lambda c: c.kind == "follow_up")
        if follow_ups:
            categories = (
                self.env["beneficiary.complaint.category"]
                .sudo()
                .with_context(active_test=False)
                .search([("company_id", "in", follow_ups.company_id.ids), ("committee_id", "=", False)])
            )
            for committee in follow_ups:
                categories.filtered(
                    lambda c, company=committee.company_id: c.company_id == company
                ).committee_id = committee
        return committees

    @api.model
    def _beneficiary_create_all_company_committees(self):
        """Install and upgrade: every company gets the committees it lacks."""
        return self._beneficiary_create_company_committees(self.env["res.company"].sudo().search([]))

    def _add_chair_to_members(self):
        for committee in self:
            if committee.chair_id and committee.chair_id not in committee.member_ids:
                committee.member_ids = [fields.Command.link(committee.chair_id.id)]
