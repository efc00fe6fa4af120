from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext

from ..lib.actions import window_action
from ..lib.grouped import count_per
from .beneficiary_eligibility_assessment import ELIGIBILITY_METHODS


class BeneficiaryServiceType(models.Model):
    """A service beneficiaries can ask for, and how its requests are handled: required
    documents, declaration, competent committee and response deadline."""

    _name = "beneficiary.service.type"
    _description = "Service Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Html(translate=True, sanitize=True, help="Shown to beneficiaries who ask for it.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    document_type_ids = fields.Many2many(
        "beneficiary.document.type",
        string="Required Documents",
        check_company=True,
    )
    declaration_required = fields.Boolean(
        string="Signed Declaration Required",
        default=True,
        help="The beneficiary signs that the data is accurate and that they are responsible for it.",
    )
    declaration_text = fields.Html(
        translate=True,
        sanitize=True,
        default=lambda self: self._default_declaration_text(),
    )
    next_steps = fields.Text(
        string="Next Steps When Accepted",
        translate=True,
        help="What an accepted beneficiary does next (where and when to receive the service), "
        "told with the acceptance when the request has no next steps of its own, in the "
        "beneficiary's language.",
    )
    committee_id = fields.Many2one(
        "beneficiary.committee",
        string="Competent Committee",
        check_company=True,
        help="Complete requests are referred to this committee for decision.",
    )
    sla_days = fields.Integer(
        string="Response Deadline (working days)",
        default=lambda self: self.env.company.beneficiary_sla_days or 15,
        help="Working days (or days, when the association counts calendar days) to decide a "
        "request once it is complete; at most the deadline of the association's policy.",
    )
    registration_days = fields.Integer(
        string="Registration Deadline (working days)",
        help="Working days from the acceptance to register the beneficiary for the service; "
        "passed, it is escalated along the ladder as a response deadline. 0: no deadline.",
    )
    delivery_days = fields.Integer(
        string="Delivery Deadline (working days)",
        help="Working days from the registration to deliver the service; passed, it is "
        "escalated along the ladder. 0: no deadline.",
    )
    sla_at_risk_days = fields.Integer(
        string="At Risk When Days Left",
        default=3,
        help="The request is shown at risk when this many working days or fewer are left.",
    )
    category_ids = fields.Many2many(
        "beneficiary.category",
        string="Allowed Categories",
        help="Beneficiary categories that may ask for this service. Leave empty for all.",
    )
    domain_id = fields.Many2one(
        "beneficiary.domain",
        string="Domain",
        check_company=True,
        help="The association's field of work this service belongs to: its requests go to the liaison "
        "officer assigned to this domain of the beneficiary's category, if there is one.",
    )
    application_published = fields.Boolean(
        string="Offered to New Applicants",
        help="People without a beneficiary file can apply for this service on the public application "
        "page (/apply): their file is created as a draft for staff to verify.",
    )
    portal_published = fields.Boolean(
        string="Offered on the Portal",
        help="Beneficiaries can ask for this service themselves on the portal.",
    )
    request_count = fields.Integer(compute="_compute_request_count")

    _sql_constraints = [
        (
            "sla_days_positive",
            "CHECK(sla_days > 0)",
            "The response deadline must be at least one working day.",
        ),
        ("at_risk_positive", "CHECK(sla_at_risk_days >= 0)", "The at-risk threshold cannot be negative."),
        (
            "followup_days_positive",
            "CHECK(registration_days >= 0 AND delivery_days >= 0)",
            "The registration and delivery deadlines cannot be negative.",
        ),
    ]

    @api.constrains("sla_days", "company_id")
    def _check_sla_days_within_policy(self):
        """The deadline the policy publishes is the longest a beneficiary waits: a
        service may promise less, never more."""
        for service_type in self:
            company = service_type.company_id
            if service_type.sla_days > company.beneficiary_sla_days:
                raise ValidationError(
                    self.env._(
                        "The response deadline of %(service)s (%(days)s) exceeds the one of the "
                        "association's policy (%(policy_days)s): shorten it, or change the policy's "
                        "deadline in the settings.",
                        service=service_type.name,
                        days=service_type.sla_days,
                        policy_days=company._beneficiary_sla_days_text(),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        service_types = super().create(vals_list)
        service_types._translate_default_declaration()
        return service_types

    def _translate_default_declaration(self):
        """A service type keeping the default declaration gets it in every installed
        language, so that each beneficiary reads and signs it in theirs, whatever the
        language of the user who created the service type."""
        languages = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        if not languages:
            return
        field = self._fields["declaration_text"]
        english = self.with_context(lang="en_US")._default_declaration_text()
        english_terms = field.get_trans_terms(english)
        translations = {}
        for lang in languages:
            terms = field.get_trans_terms(self.with_context(lang=lang)._default_declaration_text())
            if len(terms) == len(english_terms):
                translations[lang] = dict(zip(english_terms, terms, strict=True))
        default_text = html2plaintext(self._default_declaration_text())
        for service_type in self:
            if html2plaintext(service_type.declaration_text or "") != default_text:
                continue
            service_type.with_context(lang="en_US").declaration_text = english
            if translations:
                service_type.update_field_translations("declaration_text", translations)

    @api.model
    def _default_declaration_text(self):
        return self.env._(
            "<p>I declare that the information and documents I have provided are accurate and "
            "complete, and I bear full and direct responsibility for their accuracy.</p>"
        )

    def _compute_request_count(self):
        counts = count_per(self, "beneficiary.service.request", "service_type_id")
        for service_type in self:
            service_type.request_count = counts.get(service_type, 0)

    def _is_allowed_for(self, beneficiary):
        self.ensure_one()
        return not self.category_ids or beneficiary.category_id in self.category_ids

    def action_view_requests(self):
        return window_action(
            self.env,
            "beneficiary_relations.beneficiary_service_request_action",
            [("service_type_id", "in", self.ids)],
            {"default_service_type_id": self[:1].id},
        )

    # ------------------------------------------------------------
    # ELIGIBILITY
    # ------------------------------------------------------------
    # The eligibility checks a service asks for: the methods whose assessment must be
    # concluded before a request is decided, and the criteria of their checklists.
    require_document_check = fields.Boolean(
        string="Document Check Required",
        help="The documents and information the beneficiary provides are examined before a decision.",
    )
    require_interview = fields.Boolean(
        string="Personal Interview Required",
        help="The beneficiary is interviewed before a decision.",
    )
    require_field_visit = fields.Boolean(
        string="Field Visit Required",
        help="The beneficiary is visited at home or at work before a decision.",
    )
    eligibility_criterion_ids = fields.One2many(
        "beneficiary.eligibility.criterion", "service_type_id", string="Eligibility Criteria"
    )

    def _get_required_eligibility_methods(self):
        """The codes of the methods this service requires, in the policy's order."""
        self.ensure_one()
        return [method for method, _label in ELIGIBILITY_METHODS if self[f"require_{method}"]]
