from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..lib import saudi_id
from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, PortalThrottled

# first key of the advisory locks that serialise the applications of one ID number
APPLICATION_LOCK = 0x62720002
NAME_LIMIT = 100


class BeneficiaryServiceRequest(models.Model):
    """Applications of people without a file, from the public page ``/apply``.

    The applicant's file is created as a draft, never twice for one ID number: an ID
    already on file adds the request to that file, which is left as it is, and staff see
    the match. The request arrives *Submitted*, hidden from the portal until staff have
    verified its data, and its liaison officer gets a to-do to verify it."""

    _inherit = "beneficiary.service.request"
    _portal_throttle_param = "beneficiary_relations.application_limit_per_hour"
    _portal_throttle_default = 3
    _workflow_protected_fields = ("from_application", "application_match")

    from_application = fields.Boolean(
        string="Public Application",
        readonly=True,
        copy=False,
        help="Sent on the public application page by someone without a file. Shown on the portal once "
        "its data is verified.",
    )
    application_match = fields.Boolean(
        string="ID Already on File",
        readonly=True,
        copy=False,
        help="The applicant gave the ID number of an existing file: the request was added to that file, "
        "which was not changed. Check that the applicant is its beneficiary before going on.",
    )

    # ------------------------------------------------------------------ what the page offers
    @api.model
    def _application_service_types(self, company):
        """The services new applicants may apply for."""
        return (
            self.env["beneficiary.service.type"]
            .sudo()
            .search([("application_published", "=", True), ("company_id", "=", company.id)])
        )

    @api.model
    def _application_categories(self, company):
        """The beneficiary categories an applicant may say they belong to."""
        return self.env["beneficiary.category"].sudo().search([("company_id", "in", (company.id, False))])

    @api.model
    def _portal_throttle_message(self):
        return self.env._("Too many applications were sent from your connection. Please try again later.")

    # ------------------------------------------------------------------ checks
    @api.model
    def _application_check_values(self, company, values):
        """The form's values, plain, bounded and checked, with a message naming what to
        correct."""
        Beneficiary = self.env["beneficiary.beneficiary"]
        clean = {
            "name": " ".join(
                self._portal_text(values.get("name"), self.env._("Full name"), NAME_LIMIT).split()
            ),
            "national_id": self._portal_text(values.get("national_id"), self.env._("ID number"), 30),
            "mobile": self._portal_text(values.get("mobile"), self.env._("Mobile"), 30),
            "city": self._portal_text(values.get("city"), self.env._("City"), NAME_LIMIT),
            "email": self._portal_text(values.get("email"), self.env._("E-mail"), 254),
            "description": self._portal_text(
                values.get("description"), self.env._("Description"), LONG_TEXT_LIMIT
            ),
        }
        if not clean["name"]:
            raise ValidationError(self.env._("Write your full name as on your ID card."))
        number, error = saudi_id.validate(clean["national_id"])
        if error in ("empty", "not_digits", "length", "prefix"):
            raise ValidationError(
                self.env._("Enter your Saudi national ID or Iqama number: 10 digits starting with 1 or 2.")
            )
        if error:
            raise ValidationError(
                self.env._("This ID number is not valid: please check it against your ID card.")
            )
        clean["national_id"] = number
        clean["id_type"] = saudi_id.id_type(number)
        if not clean["mobile"]:
            raise ValidationError(self.env._("Leave your mobile number so that we can contact you."))
        clean["mobile"] = Beneficiary._normalize_mobile(clean["mobile"])
        if not clean["city"]:
            raise ValidationError(self.env._("Tell us the city you live in."))
        if clean["email"]:
            email = tools.email_normalize(clean["email"])
            if not email:
                raise ValidationError(
                    self.env._("The e-mail address %(email)s is not valid.", email=clean["email"])
                )
            clean["email"] = email
        service = self._application_service_types(company).filtered(
            lambda s: s.id == values.get("service_type_id")
        )
        if not service:
            raise ValidationError(self.env._("Choose the service you apply for."))
        category = self._application_categories(company).filtered(lambda c: c.id == values.get("category_id"))
        if not category:
            raise ValidationError(self.env._("Choose the category you belong to."))
        if service.category_ids and category not in service.category_ids:
            raise ValidationError(
                self.env._(
                    "The service %(service)s is not offered to %(category)s: choose another service or category.",
                    service=service.name,
                    category=category.name,
                )
            )
        if not values.get("consent"):
            raise ValidationError(
                self.env._(
                    "Please confirm that your data is accurate and that we may use it to study your application."
                )
            )
        clean.update(service=service, category=category)
        return clean

    @api.model
    def _application_check_uploads(self, service, uploads):
        unknown = set(uploads) - set(service.document_type_ids.ids)
        if unknown:
            raise ValidationError(self.env._("A file was sent for a document this service does not need."))
        for filename, data in uploads.values():
            self._portal_check_upload(filename, data)

    # ------------------------------------------------------------------ the application
    @api.model
    def _application_create(self, company, values, uploads, address):
        """Register the application of a person without a file, within the sender's
        hourly allowance.

        :param values: the form's values (``service_type_id`` and ``category_id`` as ids)
        :param uploads: ``{document type id: (file name, bytes)}``
        :return: the request (as superuser), or an empty recordset when the ID number is
            on file for a category the service is not offered to (staff are told on the
            file). The applicant is told the same in every case: nothing says whether an
            ID number is on file."""
        clean = self._application_check_values(company, values)
        self._application_check_uploads(clean["service"], uploads)
        self._portal_check_throttle(address)
        beneficiary_sudo = self._application_find_file(company, clean["national_id"])
        matched = bool(beneficiary_sudo)
        if not matched:
            beneficiary_sudo = self._application_create_file(company, clean)
        elif not clean["service"]._is_allowed_for(beneficiary_sudo):
            beneficiary_sudo.with_user(SUPERUSER_ID)._application_note_refused(clean)
            return self.browse()
        request_sudo = self.sudo()._workflow_create(
            [
                {
                    "beneficiary_id": beneficiary_sudo.id,
                    "service_type_id": clean["service"].id,
                    "channel_id": self.env.ref("beneficiary_relations.channel_website").id,
                    # typed by the applicant: kept as text, never as markup
                    "description": self._portal_text_to_html(clean["description"]),
                    "received_by_id": False,
                    "company_id": company.id,
                    "portal_ip_hash": self._portal_hash_ip(address),
                    "from_application": True,
                    "application_match": matched,
                }
            ]
        )
        for document in request_sudo.document_ids:
            if document.document_type_id.id in uploads:
                document._portal_attach(*uploads[document.document_type_id.id])
        if not matched and beneficiary_sudo.email:
            request_sudo.message_subscribe(partner_ids=beneficiary_sudo.partner_id.ids)
        request_sudo.action_submit()
        # the association notes and assigns it (a visitor has no name to sign with)
        request_sudo.with_user(SUPERUSER_ID)._application_note(clean, matched)
        request_sudo.with_user(SUPERUSER_ID)._application_assign()
        return request_sudo

    @api.model
    def _application_find_file(self, company, number):
        """The file of ``number`` in ``company``, if any. Applications of one number are
        serialised by an advisory lock; a file another application committed after this
        transaction began (a double click) is invisible here but not to a transaction of
        its own: that application is refused instead of making a second file."""
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", APPLICATION_LOCK, f"{company.id}:{number}")
        )
        # sudo: the number may be on a file nobody reading the page may see; nothing of
        # that file is shown back
        found_sudo = (
            self.env["beneficiary.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("national_id", "=", number), ("company_id", "=", company.id)], limit=1)
        )
        if found_sudo:
            return found_sudo
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT 1 FROM beneficiary_beneficiary WHERE national_id = %s AND company_id = %s",
                    number,
                    company.id,
                )
            )
            if cr.fetchone():
                raise PortalThrottled(
                    self.env._(
                        "An application with this ID number was received a moment ago. Please wait a "
                        "minute before sending it again."
                    )
                )
        return found_sudo

    @api.model
    def _application_create_file(self, company, clean):
        """The applicant's file, a draft for staff to verify, with their consent to the
        study of the application and to being contacted about it."""
        purposes = (
            self.env["beneficiary.consent.purpose"]
            .sudo()
            .browse(
                [
                    self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
                    for xmlid in (
                        "beneficiary_relations.consent_purpose_service",
                        "beneficiary_relations.consent_purpose_contact",
                    )
                ]
            )
            .exists()
        )
        beneficiary_sudo = (
            self.env["beneficiary.beneficiary"]
            .sudo()
            .create(
                {
                    "name": clean["name"],
                    "national_id": clean["national_id"],
                    "id_type": clean["id_type"],
                    "mobile": clean["mobile"],
                    "city": clean["city"],
                    "email": clean["email"] or False,
                    "category_id": clean["category"].id,
                    "company_id": company.id,
                    "consent_purpose_ids": [fields.Command.set(purposes.ids)],
                }
            )
        )
        beneficiary_sudo.with_user(SUPERUSER_ID).message_post(
            body=self.env._(
                "File created from an application on the website: check the applicant's identity "
                "before activating it."
            ),
            subtype_xmlid="mail.mt_note",
        )
        return beneficiary_sudo

    @api.model
    def _application_typed_lines(self, clean):
        """What the applicant typed, as label/value pairs."""
        return [
            (self.env._("Full name"), clean["name"]),
            (self.env._("ID number"), clean["national_id"]),
            (self.env._("Mobile"), clean["mobile"]),
            (self.env._("City"), clean["city"]),
            (self.env._("E-mail"), clean["email"] or "-"),
            (self.env._("Category"), clean["category"].name),
        ]

    @api.model
    def _application_body(self, intro, lines):
        items = Markup().join(Markup("<li>%s: %s</li>") % (label, value) for label, value in lines)
        return Markup("<p>%s</p><ul>%s</ul>") % (intro, items)

    def _application_note(self, clean, matched):
        """An internal note for staff: what the applicant typed and, for an ID on file,
        that the file was left as it is."""
        self.ensure_one()
        if matched:
            intro = self.env._(
                "Application from the website with the ID number of the existing file %(file)s: the "
                "request was added to that file, which was not changed. Check that the applicant is its "
                "beneficiary before going on. What the applicant typed:",
                file=self.beneficiary_id.display_name,
            )
        else:
            intro = self.env._(
                "Application from the website: a new draft file was created. Check the ID number against "
                "the applicant's ID card, then press Data Verified. What the applicant typed:"
            )
        self.message_post(
            body=self._application_body(intro, self._application_typed_lines(clean)),
            subtype_xmlid="mail.mt_note",
        )

    def _application_assign(self):
        """The request's liaison officer verifies the application (the managers when the
        category has no officer)."""
        self.ensure_one()
        owners = self.liaison_user_id or self._sla_managers().filtered(
            lambda u: self.company_id in u.company_ids
        )
        for owner in owners:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=owner.id,
                summary=self.with_context(lang=owner.lang or self.env.lang).env._(
                    "Verify the application %(reference)s", reference=self.name
                ),
            )


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"

    possible_duplicate_ids = fields.Many2many(
        "beneficiary.beneficiary",
        string="Possible Duplicates",
        compute="_compute_possible_duplicate_ids",
        help="Other files with the same mobile or e-mail (among those you may read): check that this "
        "draft file is not a second file of the same person before activating it.",
    )

    @api.depends("state", "mobile", "email", "company_id")
    @api.depends_context("uid")
    def _compute_possible_duplicate_ids(self):
        drafts = self.filtered(lambda b: b.state == "draft" and b.id and (b.mobile or b.email_normalized))
        (self - drafts).possible_duplicate_ids = False
        for beneficiary in drafts:
            same = []
            if beneficiary.mobile:
                same.append([("mobile", "=", beneficiary.mobile)])
            if beneficiary.email_normalized:
                same.append([("email_normalized", "=", beneficiary.email_normalized)])
            beneficiary.possible_duplicate_ids = self.search(
                expression.AND(
                    [
                        [("id", "!=", beneficiary.id), ("company_id", "=", beneficiary.company_id.id)],
                        expression.OR(same),
                    ]
                ),
                limit=5,
            )

    def _application_note_refused(self, clean):
        """An application with this file's ID number asked for a service its category is
        not offered: staff are told on the file (the applicant is not)."""
        self.ensure_one()
        Request = self.env["beneficiary.service.request"]
        self.message_post(
            body=Request._application_body(
                self.env._(
                    "An application for %(service)s came from the website with the ID number of this file; the "
                    "service is not offered to its category, so no request was made. What the applicant typed:",
                    service=clean["service"].name,
                ),
                Request._application_typed_lines(clean),
            ),
            subtype_xmlid="mail.mt_note",
        )
        owners = self.liaison_user_id or Request._sla_managers().filtered(
            lambda u: self.company_id in u.company_ids
        )
        for owner in owners:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=owner.id,
                summary=self.with_context(lang=owner.lang or self.env.lang).env._(
                    "Call back an applicant with this file's ID number"
                ),
            )
