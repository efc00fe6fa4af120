from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib.selection import selection_label

# the three families of the associations' policies (../shared/policies): what each sets up
FAMILIES = {
    # 000, 001, 003: a committee decides within two weeks; branch offices, help-request
    # and volunteering services as channels
    "template": {
        "channels": (
            "interview",
            "phone",
            "social_media",
            "letter",
            "website",
            "email",
            "whatsapp",
            "sms",
            "help_request",
            "volunteering",
            "branch_office",
            "portal",
        ),
        "days": 10,
        "calendar_days": 14,
    },
    # 002 Rosokh: the competent unit decides within two weeks; eligibility, programs,
    # compensation, privacy, liaison officer per category and domain
    "rosokh": {
        "channels": (
            "interview",
            "phone",
            "social_media",
            "fax",
            "website",
            "email",
            "whatsapp",
            "online_form",
            "sms",
            "portal",
        ),
        "days": 10,
        "calendar_days": 14,
    },
    # 004 Samtah: 15 working days from the request being complete; satisfaction
    # measurement; staff sign the policy
    "samtah": {
        "channels": ("interview", "phone", "letter", "fax", "website", "email", "whatsapp", "sms", "portal"),
        "days": 15,
        "calendar_days": 0,
    },
}
# after the decision, the deadlines of the next steps the wizard sets (working days)
REGISTRATION_DAYS = 5
DELIVERY_DAYS = 10
# the committee kinds that decide requests
DECIDING_KINDS = ("educational_affairs", "social_research", "competent_unit")


class BeneficiaryPolicyPreset(models.TransientModel):
    """Start from a policy model: sets up the association's channels, committees,
    deadlines, escalation ladder, complaint categories and satisfaction settings, and
    writes a draft policy in the module's words, from the family of policies closest to
    the association's. Running it again changes nothing already there: it only adds what
    is missing (and applies the deadline settings of the family chosen)."""

    _name = "beneficiary.policy.preset"
    _description = "Start from a Policy Model"

    family = fields.Selection(
        [
            ("template", "A committee decides within two weeks (policies 000, 001, 003)"),
            ("rosokh", "Eligibility, programs and compensation (policy 002)"),
            ("samtah", "15 working days from completion, satisfaction, staff signature (policy 004)"),
        ],
        string="Policy Model",
        required=True,
        default="template",
    )
    association_name = fields.Char(
        string="Association Name", required=True, default=lambda self: self.env.company.name
    )
    region = fields.Char(
        string="Region Served", help="The region or city the association serves, as its policy names it."
    )
    deciding_kind = fields.Selection(
        [
            ("educational_affairs", "Educational Affairs Committee"),
            ("social_research", "Social Research Committee"),
            ("competent_unit", "Competent Unit"),
        ],
        string="Deciding Committee",
        required=True,
        default="educational_affairs",
        help="Who studies and decides the requests: the educational affairs committee (policies 000 "
        "and 001), the social research committee (policy 003) or the competent unit (policies 002 "
        "and 004).",
    )
    calendar_days = fields.Boolean(
        string="Count Two Weeks as 14 Days",
        help="Count the response deadline in days, weekends and holidays included (14 days), "
        "rather than in working days (10 working days).",
    )

    @api.onchange("family")
    def _onchange_family(self):
        if self.family != "template":
            self.deciding_kind = "competent_unit"
        elif self.deciding_kind == "competent_unit":
            self.deciding_kind = "educational_affairs"
        if self.family == "samtah":
            self.calendar_days = False

    # ------------------------------------------------------------------ apply
    def action_apply(self):
        self.ensure_one()
        # the model's rights already keep it to managers; the settings it writes are the
        # company's, so the check is repeated here whatever the caller
        if not self.env.user.has_group("beneficiary_relations.group_manager"):
            raise AccessError(self.env._("Only managers can set the association up from a policy model."))
        company = self.env.company
        channels = self._apply_channels()
        deciding = self._apply_committees(company)
        self._apply_deadlines(company)
        self._apply_service_types(company, deciding)
        self._apply_escalation_ladder(company)
        self._apply_complaint_categories(company)
        self._apply_satisfaction(company)
        policy = self._apply_policy(company, channels, deciding)
        return {
            "type": "ir.actions.act_window",
            "res_model": "beneficiary.policy",
            "res_id": policy.id,
            "view_mode": "form",
            "target": "current",
        }

    def _apply_channels(self):
        Channel = self.env["beneficiary.channel"].with_context(active_test=False)
        channels = Channel.search([("code", "in", FAMILIES[self.family]["channels"])])
        channels.filtered(lambda c: not c.active).active = True
        return channels

    def _apply_committees(self, company):
        """The deciding committee of the family, and the follow-up and investigation
        committees every company has: the association's own of that kind if it has one."""
        Committee = self.env["beneficiary.committee"]
        # made with the company; made again only if the association deleted one
        Committee._beneficiary_create_company_committees(company)
        deciding = Committee.search(
            [("company_id", "=", company.id), ("kind", "=", self.deciding_kind)],
            order="sequence, id",
            limit=1,
        )
        if not deciding:
            label = selection_label(self, "deciding_kind", self.deciding_kind)
            deciding = Committee.create(
                {
                    "name": label,
                    "kind": self.deciding_kind,
                    "company_id": company.id,
                    "sequence": 5,
                    "description": self.env._(
                        "Studies the complete requests referred to it and decides them."
                    ),
                }
            )
        return deciding

    def _deadline_days(self):
        family = FAMILIES[self.family]
        if self.calendar_days and family["calendar_days"]:
            return family["calendar_days"], True
        return family["days"], False

    def _apply_deadlines(self, company):
        days, calendar_days = self._deadline_days()
        # the services promising more than the policy are brought within it first
        self.env["beneficiary.service.type"].search(
            [("company_id", "=", company.id), ("sla_days", ">", days)]
        ).sla_days = days
        vals = {
            "beneficiary_sla_days": days,
            "beneficiary_sla_calendar_days": calendar_days,
            # 004's cap counts from completion: waiting returns the request to incomplete
            "beneficiary_sla_hold": "restart",
        }
        self._write_company(company, vals)

    def _write_company(self, company, vals):
        """Write the module's settings ``vals`` on ``company``: the company belongs to
        the administrators, the wizard to the module's managers (checked in
        ``action_apply``), who may set these settings and nothing else of it."""
        changed = {key: value for key, value in vals.items() if company[key] != value}
        if changed:
            company.sudo().write(changed)

    def _apply_service_types(self, company, deciding):
        ServiceType = self.env["beneficiary.service.type"]
        ServiceType.search(
            [("company_id", "=", company.id), ("committee_id", "=", False)]
        ).committee_id = deciding
        # "give beneficiaries their rights when due": registration and delivery deadlines
        for field, days in (("registration_days", REGISTRATION_DAYS), ("delivery_days", DELIVERY_DAYS)):
            # NULL on the service types made before these fields existed
            unset = ServiceType.search(
                [("company_id", "=", company.id), "|", (field, "=", 0), (field, "=", False)]
            )
            unset[field] = days

    def _apply_escalation_ladder(self, company):
        Level = self.env["beneficiary.escalation.level"]
        if Level.with_context(active_test=False).search_count([("company_id", "=", company.id)]):
            return
        Level.create(
            [
                {
                    "name": self.env._("Liaison Officer"),
                    "level": 1,
                    "days_after_deadline": 0,
                    "notify": "responsible",
                    "company_id": company.id,
                },
                {
                    "name": self.env._("Committee Chair"),
                    "level": 2,
                    "days_after_deadline": 2,
                    "notify": "committee_chair",
                    "company_id": company.id,
                },
                {
                    "name": self.env._("Executive Management"),
                    "level": 3,
                    "days_after_deadline": 5,
                    "notify": "managers",
                    "company_id": company.id,
                },
            ]
        )

    def _apply_complaint_categories(self, company):
        Category = self.env["beneficiary.complaint.category"]
        follow_up = self.env["beneficiary.committee"]._beneficiary_company_committee(company, "follow_up")
        existing = set(
            Category.with_context(active_test=False).search([("company_id", "=", company.id)]).mapped("kind")
        )
        vals_list = []
        if "complaint" not in existing:
            vals_list += [
                {"name": self.env._("Complaint about a service"), "kind": "complaint", "sequence": 1},
                {"name": self.env._("Complaint about staff conduct"), "kind": "complaint", "sequence": 2},
            ]
            if self.family != "template":
                vals_list.append(
                    {"name": self.env._("Compensation claim"), "kind": "complaint", "sequence": 3}
                )
        if "inquiry" not in existing:
            vals_list.append(
                {"name": self.env._("Inquiry"), "kind": "inquiry", "sequence": 10, "sla_days": 3}
            )
        if "technical_support" not in existing:
            vals_list.append(
                {
                    "name": self.env._("Technical support (portal, website, contact)"),
                    "kind": "technical_support",
                    "sequence": 11,
                    "sla_days": 2,
                }
            )
        for vals in vals_list:
            vals.setdefault("sla_days", 10)
            vals.update(company_id=company.id, committee_id=follow_up.id, sla_at_risk_days=1)
        Category.create(vals_list)

    def _apply_satisfaction(self, company):
        vals = {}
        if self.family == "samtah":
            # 004: staff read and sign the policy; low ratings are followed up as complaints
            vals = {"beneficiary_policy_signature_required": True, "beneficiary_low_rating_complaint": True}
        self._write_company(company, vals)

    # ------------------------------------------------------------------ the policy
    def _apply_policy(self, company, channels, deciding):
        """A draft policy in the module's words with the association's values, unless
        the company already has a policy (then the latest one is opened)."""
        Policy = self.env["beneficiary.policy"].with_context(active_test=False)
        existing = Policy.search([("company_id", "=", company.id)], order="version desc, id desc", limit=1)
        if existing:
            return existing
        return Policy.create(
            dict(self._policy_texts(company, deciding), company_id=company.id, channel_ids=channels.ids)
        )

    def _policy_texts(self, company, deciding):
        days_text = company._beneficiary_sla_days_text()
        values = {
            "association": self.association_name,
            "region": self.region or company.state_id.name or company.country_id.name or "",
            "committee": deciding.name,
            "days": days_text,
        }

        def paragraphs(*texts):
            return Markup("").join(Markup("<p>%s</p>") % text for text in texts)

        texts = {
            "name": self.env._("Beneficiary Relationship Policy of %(association)s", **values),
            "introduction": paragraphs(
                self.env._(
                    "%(association)s serves its beneficiaries in %(region)s. This policy sets how it receives "
                    "them, answers their requests and complaints, and keeps them informed.",
                    **values,
                )
            ),
            "scope": paragraphs(
                self.env._(
                    "This policy applies to every beneficiary of %(association)s and to every member of its "
                    "staff, volunteers and committees who deals with them.",
                    **values,
                )
            ),
            "general_goal": paragraphs(
                self.env._(
                    "To build a lasting relationship of trust between the association and its beneficiaries."
                )
            ),
            "handling": paragraphs(
                self.env._(
                    "The beneficiary is told the requirements of the service, the request is taken complete "
                    "with its documents, and the beneficiary signs a declaration that the data is accurate.",
                ),
                self.env._(
                    "The complete request is referred to %(committee)s, which decides it within %(days)s "
                    "of the request being complete; the beneficiary is told the committee and the date of "
                    "the answer, then the decision.",
                    **values,
                ),
            ),
            "committees": paragraphs(
                self.env._(
                    "%(committee)s studies and decides the requests; the follow-up committee handles "
                    "complaints; the investigation committee establishes the facts of compensation cases.",
                    **values,
                )
            ),
            "complaints": paragraphs(
                self.env._(
                    "Complaints are received on every channel of the association, acknowledged with their "
                    "reference and deadline, handled by the follow-up committee and settled amicably "
                    "wherever possible."
                )
            ),
            "satisfaction": paragraphs(
                self.env._(
                    "The association asks its beneficiaries to rate each service and follows up low ratings."
                )
            ),
            "responsibilities": paragraphs(
                self.env._(
                    "The executive management follows the application of this policy, reviews it "
                    "periodically and submits its changes to the board of directors."
                )
            ),
        }
        if self.family in ("rosokh", "samtah"):
            texts["compensation"] = paragraphs(
                self.env._(
                    "The association compensates a beneficiary only when it is proven at fault, by the "
                    "minutes of its investigation committee approved by its members, a final court judgment "
                    "or a final decision of a dispute authority, after negotiating with the beneficiary."
                )
            )
            texts["ethics_code"] = paragraphs(
                self.env._(
                    "Staff treat beneficiaries with respect and fairness, keep their data confidential, "
                    "and declare any conflict of interest."
                )
            )
            texts["intellectual_property"] = paragraphs(
                self.env._(
                    "The association respects the intellectual property of its beneficiaries and asks their consent before using their works."
                )
            )
        if self.family == "rosokh":
            texts["information"] = paragraphs(
                self.env._(
                    "A liaison officer answers the inquiries of each category of beneficiaries in each "
                    "domain of the association; the eligibility of beneficiaries is verified from their "
                    "data, official sources, an interview and, where needed, a field visit."
                )
            )
        if self.family == "samtah":
            texts["satisfaction"] = paragraphs(
                self.env._(
                    "The association measures its beneficiaries' satisfaction by periodic questionnaires, "
                    "field surveys, supervisory visits and interviews; its top management follows the "
                    "complaints and supervises the liaison officer."
                )
            )
            texts["responsibilities"] += paragraphs(
                self.env._(
                    "Every member of staff reads this policy and signs it; human resources give each department a copy."
                )
            )
        return texts
