from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import committee_votes
from .beneficiary_workflow_mixin import workflow_method


class BeneficiaryServiceRequest(models.Model):
    """The competent committee decides (policies 000-004: «تُحال الطلبات إلى اللجنة
    المختصة ... وتُبلغ القرار»): its members decide, or vote where the committee votes
    (its *Decision* setting); a manager who decides in the committee's place records why.
    Who decided, in whose place and why are set by the application, never typed in."""

    _inherit = "beneficiary.service.request"
    _workflow_protected_fields = ("decision_authority", "decision_override_reason")

    decision_authority = fields.Selection(
        [("committee", "The Committee"), ("manager", "A Manager in the Committee's Place")],
        string="Decided By (Authority)",
        readonly=True,
        copy=False,
        tracking=True,
        help="Whether the competent committee took the decision, or a manager in its place "
        "(with the reason, printed in the decision letter).",
    )
    decision_override_reason = fields.Text(
        string="Why the Manager Decided",
        readonly=True,
        copy=False,
        help="Why a manager decided this request in the place of the competent committee.",
    )
    committee_decision_rule = fields.Selection(
        related="committee_id.decision_rule", string="Committee Decides"
    )
    vote_ids = fields.One2many("beneficiary.service.request.vote", "request_id", string="Members' Votes")
    vote_outcome = fields.Selection(
        [
            ("pending", "Votes Awaited"),
            ("accepted", "Accepted by the Votes"),
            ("rejected", "Rejected by the Votes"),
            ("no_decision", "No Decision Reached"),
        ],
        string="Result of the Votes",
        compute="_compute_vote_outcome",
    )
    vote_pending_member_ids = fields.Many2many(
        "res.users", string="Votes Awaited From", compute="_compute_vote_outcome"
    )
    can_vote = fields.Boolean(compute="_compute_vote_outcome")
    decides_in_committee_place = fields.Boolean(compute="_compute_vote_outcome")

    @api.depends(
        "committee_id.decision_rule",
        "committee_id.member_ids",
        "vote_ids.member_id",
        "vote_ids.vote",
        "state",
    )
    @api.depends_context("uid")
    def _compute_vote_outcome(self):
        user = self.env.user
        is_manager = user.has_group("beneficiary_relations.group_manager")
        for request in self:
            committee = request.committee_id
            members = committee.member_ids
            votes = request.vote_ids.filtered(lambda v, c=committee: v.committee_id == c)
            request.vote_outcome = committee_votes.outcome(
                committee.decision_rule, members.ids, {vote.member_id.id: vote.vote for vote in votes}
            )
            voting = committee.decision_rule in committee_votes.VOTING_RULES
            request.vote_pending_member_ids = (members - votes.member_id) if voting else False
            request.can_vote = (
                voting and request.state == "in_review" and user in members and user not in votes.member_id
            )
            request.decides_in_committee_place = (
                request.state == "in_review" and is_manager and (voting or user not in members)
            )

    # ------------------------------------------------------------------ votes
    def action_open_vote(self):
        self.ensure_one()
        self._check_can_vote()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Vote"),
            "res_model": "beneficiary.service.request.vote.cast",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _check_can_vote(self):
        self.ensure_one()
        committee = self.committee_id
        if committee.decision_rule not in committee_votes.VOTING_RULES:
            raise UserError(
                self.env._(
                    "%(committee)s does not vote: one of its members records its decision.",
                    committee=committee.name or self.env._("The committee"),
                )
            )
        if self.state != "in_review":
            raise UserError(
                self.env._(
                    "Votes are cast on requests under committee review only (%(request)s).", request=self.name
                )
            )
        if self.env.user not in committee.member_ids:
            raise UserError(
                self.env._(
                    "Only the members of %(committee)s vote on %(request)s.",
                    committee=committee.name,
                    request=self.name,
                )
            )
        if self.env.user in self.vote_ids.filtered(lambda v: v.committee_id == committee).member_id:
            raise UserError(self.env._("You have already voted on %(request)s.", request=self.name))

    @workflow_method
    def _cast_vote(self, vote, note=None):
        """The current user, a member of the request's committee, votes ``vote``
        (``accept`` or ``reject``); the date and the member are the server's."""
        self.ensure_one()
        self._workflow_lock("nowait")
        self._check_can_vote()
        if vote not in committee_votes.DECISIONS:
            raise UserError(self.env._("Choose whether you vote to accept or to reject the request."))
        note = (note or "").strip()
        if vote == "reject" and not note:
            raise UserError(self.env._("Write the reason for your vote to reject the request."))
        line = self.env["beneficiary.service.request.vote"].create(
            {
                "request_id": self.id,
                "committee_id": self.committee_id.id,
                "member_id": self.env.uid,
                "vote": vote,
                "note": note or False,
                "date": fields.Datetime.now(),
            }
        )
        if vote == "accept":
            body = self.env._("%(member)s voted to accept the request.", member=self.env.user.name)
        else:
            body = self.env._("%(member)s voted to reject the request.", member=self.env.user.name)
        self.message_post(body=body)
        return line

    # ------------------------------------------------------------------ decision
    def _decision_authority(self, state, override_reason=None):
        """Who takes the decision ``state`` on this request: ``committee`` (a member of a
        committee that does not vote, or the result of the votes of one that does) or
        ``manager`` (a manager in the committee's place, with ``override_reason``).
        Raises when neither may."""
        self.ensure_one()
        user = self.env.user
        committee = self.committee_id
        voting = committee.decision_rule in committee_votes.VOTING_RULES
        if voting and self.vote_outcome == state:
            return "committee"
        if not voting and user in committee.member_ids:
            return "committee"
        if not (self.env.is_superuser() or user.has_group("beneficiary_relations.group_manager")):
            if voting:
                raise UserError(
                    self.env._(
                        "%(committee)s decides %(request)s by the votes of its members: the votes do not give "
                        "this decision (%(outcome)s).",
                        committee=committee.name,
                        request=self.name,
                        outcome=dict(self._fields["vote_outcome"]._description_selection(self.env))[
                            self.vote_outcome
                        ],
                    )
                )
            return "committee"  # _check_decider refused already whoever may not decide
        if not (override_reason or "").strip():
            raise UserError(
                self.env._(
                    "%(request)s is decided by %(committee)s: a manager deciding in its place gives the reason.",
                    request=self.name,
                    committee=committee.name or self.env._("the competent committee"),
                )
            )
        return "manager"

    def _decision_values(self, state, override_reason=None):
        values = super()._decision_values(state, override_reason)
        authority = self._decision_authority(state, override_reason)
        values["decision_authority"] = authority
        values["decision_override_reason"] = (
            (override_reason or "").strip() if authority == "manager" else False
        )
        return values

    def _action_open_decide_in_place(self, decision):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide in the Committee's Place"),
            "res_model": "beneficiary.service.request.decide",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_ids": self.ids, "default_decision": decision},
        }

    def action_accept(self):
        # a manager who is not deciding as the committee is asked why first
        if any(request.decides_in_committee_place and request.vote_outcome != "accepted" for request in self):
            return self._action_open_decide_in_place("accepted")
        return super().action_accept()

    def action_open_reason(self):
        if self.env.context.get("reason_action", "reject") == "reject" and any(
            request.decides_in_committee_place and request.vote_outcome != "rejected" for request in self
        ):
            return self._action_open_decide_in_place("rejected")
        return super().action_open_reason()

    def action_decide_in_place(self):
        """Header button of managers: decide in the committee's place (with the reason)."""
        return self._action_open_decide_in_place("accepted")
