from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    def _add_chair_to_members(self):
        for committee in self:
            if committee.chair_id and committee.chair_id not in committee.member_ids:
                committee.member_ids = [fields.Command.link(committee.chair_id.id)]
