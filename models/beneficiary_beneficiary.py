import contextvars
from collections import defaultdict

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.phone_validation.tools import phone_validation

from ..lib import hijri, saudi_id
from ..lib.actions import window_action
from ..lib.digits import clean_number
from ..lib.grouped import count_per
from .beneficiary_identity_mixin import SAUDI_ID_TYPES
from .beneficiary_portal_mixin import LONG_TEXT_LIMIT

# a monthly income above this is a typing error (ten million riyals a month)
MAX_MONTHLY_INCOME = 10_000_000
# the state of a spreadsheet import under way: rows refused, ID numbers seen, names found
# (set by ``load`` only: a caller cannot send it)


IMPORT_CHECK = contextvars.ContextVar("beneficiary_import_check", default=None)
# the changes of files staff made in the transaction, told to the beneficiaries before it
# is committed (``_file_update_send``), in the cursor's pre-commit data
FILE_UPDATE_DATA = "beneficiary_relations.file_update"
# while they are told: the items of each file that changed and, for the old e-mail address
# or mobile, who is written to (set by ``_file_update_send`` only: a caller cannot send it)
FILE_UPDATE_MESSAGE = contextvars.ContextVar("beneficiary_file_update_message", default=None)

EXPORTED_FIELDS = (
    "reference", "name", "kind", "id_type", "national_id", "id_expiry_date", "birth_date", "gender", "mobile",
    "phone", "email", "street", "street2", "city", "zip", "lang", "registration_number", "consent_date",
)  # fmt: skip
EXPORT_MAX_CONTENT = 1024 * 1024  # files up to 1 MB are exported with their content
RESIZED_IMAGES = {
    f"{kind}_{size}" for kind in ("image", "avatar") for size in (128, 256, 512, 1024, 1920)
} - {"image_1920"}
SENSITIVE_EXPORTED_FIELDS = ("monthly_income", "health_notes", "social_research_notes")
# what the beneficiary's contact loses
ANONYMIZED_PARTNER_VALUES = {
    "email": False, "phone": False, "mobile": False, "street": False, "street2": False, "city": False,
    "zip": False, "state_id": False, "website": False, "comment": False, "vat": False, "ref": False,
    "function": False, "title": False, "image_1920": False, "company_name": False,
}  # fmt: skip
# partner values searched for and replaced in texts shared with other beneficiaries
PERSONAL_PARTNER_FIELDS = ("name", "email", "phone", "mobile", "street", "street2")


class BeneficiaryBeneficiary(models.Model):
    _name = "beneficiary.beneficiary"
    _description = "Beneficiary"
    _inherits = {"res.partner": "partner_id"}
    _inherit = [
        "beneficiary.identity.mixin",
        "beneficiary.personal.data.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "reference desc, id desc"
    _rec_names_search = ["name", "reference", "national_id", "mobile", "email"]
    _check_company_auto = True
    _personal_fields = (
        "national_id", "representative_national_id", "registration_number", "state_reason", "birth_date",
        "monthly_income", "health_notes", "social_research_notes", "legal_hold_reason", "id_expiry_date",
        "id_expiry_reminded_for",
    )  # fmt: skip
    _personal_beneficiary_path = "id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Related Contact",
        required=True,
        ondelete="restrict",
        index=True,
        auto_join=True,
    )
    reference = fields.Char(
        string="File Number",
        readonly=True,
        copy=False,
        index="trigram",
    )
    kind = fields.Selection(
        [
            ("individual", "Individual"),
            ("family", "Family"),
            ("legal_entity", "Legal Entity"),
        ],
        required=True,
        default="individual",
        tracking=True,
    )
    state = fields.Selection(
        string="Status",
        selection=[
            ("draft", "Draft"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("archived", "Archived"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    state_reason = fields.Char(
        string="Status Reason",
        tracking=True,
        copy=False,
        help="Why the file was suspended or archived.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    # identity (see beneficiary.identity.mixin)
    id_type = fields.Selection(tracking=True)
    national_id = fields.Char(tracking=True, copy=False, index=True)
    birth_date = fields.Date(tracking=True)
    birth_date_hijri = fields.Char(string="Birth Date (Hijri)", compute="_compute_birth_date_hijri")
    gender = fields.Selection(tracking=True)

    # classification
    category_id = fields.Many2one(
        "beneficiary.category",
        string="Category",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    domain_ids = fields.Many2many(
        "beneficiary.domain",
        string="Domains",
        check_company=True,
        help="The association's fields of work this beneficiary is served in.",
    )
    liaison_user_id = fields.Many2one(
        "res.users",
        string="Liaison Officer",
        compute="_compute_liaison_user_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Assigned from the liaison officers of the category (and domain); can be changed by hand.",
    )
    preferred_channel_id = fields.Many2one(
        "beneficiary.channel",
        string="Preferred Contact Channel",
        domain=[("is_contact_method", "=", True)],
    )

    # consent: a summary of the consent records (beneficiary.consent), still writable: the
    # inverses record new consents and withdraw the purposes taken off
    consent_ids = fields.One2many("beneficiary.consent", "beneficiary_id", string="Consents", copy=False)
    consent_date = fields.Datetime(
        string="Consent Given On",
        tracking=True,
        copy=False,
        compute="_compute_consent_date",
        inverse="_inverse_consent_date",
        store=True,
        readonly=False,
        help="When the oldest consent still in force was given.",
    )
    consent_purpose_ids = fields.Many2many(
        "beneficiary.consent.purpose",
        string="Consent Purposes",
        copy=False,
        compute="_compute_consent_purpose_ids",
        inverse="_inverse_consent_purpose_ids",
        store=True,
        readonly=False,
        help="The purposes the beneficiary consents to and has not withdrawn.",
    )

    # family
    family_head_id = fields.Many2one(
        "beneficiary.beneficiary",
        string="Head of Family",
        index="btree_not_null",
        domain=[("kind", "=", "individual")],
        tracking=True,
    )
    family_id = fields.Many2one(
        "beneficiary.beneficiary",
        string="Family",
        index="btree_not_null",
        domain=[("kind", "=", "family")],
        ondelete="set null",
    )
    family_member_ids = fields.One2many("beneficiary.beneficiary", "family_id", string="Registered Members")
    member_line_ids = fields.One2many("beneficiary.family.member", "beneficiary_id", string="Other Members")
    family_size = fields.Integer(compute="_compute_family_size")
    family_head_national_id = fields.Char(
        string="Head of Family ID Number",
        compute="_compute_family_head_national_id",
        inverse="_inverse_family_head_national_id",
        help="The ID number of the head of the person's family (of the family's head, for a "
        "family file). Written by the spreadsheet import: the family file headed by that "
        "person is found, or created.",
    )

    # legal entity
    registration_number = fields.Char(
        help="Commercial registration, license or unified number of the legal entity.",
        tracking=True,
    )
    representative_id = fields.Many2one(
        "res.partner",
        string="Authorised Representative",
        tracking=True,
    )
    representative_national_id = fields.Char(string="Representative ID Number")

    request_ids = fields.One2many("beneficiary.service.request", "beneficiary_id", string="Service Requests")
    request_count = fields.Integer(compute="_compute_request_count")
    complaint_ids = fields.One2many("beneficiary.complaint", "beneficiary_id", string="Complaints")
    compensation_ids = fields.One2many("beneficiary.compensation", "beneficiary_id", string="Compensations")

    # sensitive data: only the dedicated group can read or write them
    currency_id = fields.Many2one(related="company_id.currency_id")
    monthly_income = fields.Monetary(
        groups="beneficiary_relations.group_sensitive_data",
        tracking=True,
    )
    health_notes = fields.Text(groups="beneficiary_relations.group_sensitive_data")
    social_research_notes = fields.Text(groups="beneficiary_relations.group_sensitive_data")

    _sql_constraints = [
        (
            "national_id_company_uniq",
            "unique(national_id, company_id)",
            "Another beneficiary already has this ID number.",
        ),
    ]

    @api.depends("birth_date")
    @api.depends_context("lang")
    def _compute_birth_date_hijri(self):
        lang = self.env.lang or "en_US"
        for beneficiary in self:
            beneficiary.birth_date_hijri = hijri.format_hijri(beneficiary.birth_date, lang=lang)

    @api.depends(
        "category_id",
        "domain_ids",
        "category_id.liaison_ids.user_id",
        "category_id.liaison_ids.domain_id",
        "category_id.liaison_ids.active",
        "category_id.liaison_ids.sequence",
    )
    def _compute_liaison_user_id(self):
        Liaison = self.env["beneficiary.liaison"]
        for beneficiary in self:
            beneficiary.liaison_user_id = Liaison._get_officer(
                beneficiary.category_id, beneficiary.domain_ids, beneficiary.company_id
            )

    @api.depends("consent_ids.date", "consent_ids.withdrawn_date")
    def _compute_consent_date(self):
        for beneficiary in self:
            given = beneficiary.consent_ids.filtered(lambda c: not c.withdrawn_date)
            beneficiary.consent_date = min(given.mapped("date")) if given else False

    def _inverse_consent_date(self):
        """A date written directly re-dates the consents in force."""
        for beneficiary in self:
            given = beneficiary.consent_ids.filtered(lambda c: not c.withdrawn_date)
            if given and beneficiary.consent_date and beneficiary.consent_date != min(given.mapped("date")):
                given.write({"date": beneficiary.consent_date})

    @api.depends("consent_ids.purpose_id", "consent_ids.withdrawn_date")
    def _compute_consent_purpose_ids(self):
        for beneficiary in self:
            beneficiary.consent_purpose_ids = beneficiary.consent_ids.filtered(
                lambda c: not c.withdrawn_date
            ).purpose_id

    def _inverse_consent_purpose_ids(self):
        """Purposes written directly (by code, data files, other features): record a
        consent for each purpose added and withdraw those taken off."""
        now = fields.Datetime.now()
        new_consents = []
        for beneficiary in self:
            given = beneficiary.consent_ids.filtered(lambda c: not c.withdrawn_date)
            removed = given.filtered(lambda c, b=beneficiary: c.purpose_id not in b.consent_purpose_ids)
            if removed:
                removed._withdraw(self.env._("Removed from the beneficiary file."), now)
            kept = given - removed
            # the first consents take the date written with them; later ones are given now
            date = (not kept and beneficiary.consent_date) or now
            new_consents += [
                {"beneficiary_id": beneficiary.id, "purpose_id": purpose.id, "date": date}
                for purpose in beneficiary.consent_purpose_ids - kept.purpose_id
            ]
        if new_consents:
            self.env["beneficiary.consent"].create(new_consents)

    @api.depends("family_member_ids", "member_line_ids", "family_head_id", "kind")
    def _compute_family_size(self):
        for beneficiary in self:
            if beneficiary.kind != "family":
                beneficiary.family_size = 0
                continue
            members = beneficiary.family_member_ids | beneficiary.family_head_id
            beneficiary.family_size = len(members) + len(beneficiary.member_line_ids)

    @api.depends("kind", "family_head_id.national_id", "family_id.family_head_id.national_id")
    def _compute_family_head_national_id(self):
        for beneficiary in self:
            family = beneficiary if beneficiary.kind == "family" else beneficiary.family_id
            # the family may be in a category the user does not see: its head's number
            # only if the user may read the head
            head = family.sudo().family_head_id.with_env(self.env)._filtered_access("read")
            beneficiary.family_head_national_id = head.national_id

    def _inverse_family_head_national_id(self):
        self._link_family_heads({beneficiary: beneficiary.family_head_national_id for beneficiary in self})

    def _link_family_heads(self, head_numbers):
        """Link each person of ``{beneficiary: ID number}`` to the family file of the head
        with that ID number (created when the head has none yet), or a family file to its
        head: one search and one creation for all."""
        numbers = {
            beneficiary: saudi_id.normalize(number) for beneficiary, number in head_numbers.items() if number
        }
        if not numbers:
            return
        # sudo: the head may be in a category the user does not see; it is only linked,
        # and only the number the user typed is shown back
        heads_sudo = self.sudo().search(
            [
                ("national_id", "in", list(set(numbers.values()))),
                ("kind", "=", "individual"),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        head_by_number = {(head.national_id, head.company_id.id): head for head in heads_sudo}
        family_by_head = {}
        for family in self.sudo().search([("kind", "=", "family"), ("family_head_id", "in", heads_sudo.ids)]):
            family_by_head.setdefault(family.family_head_id, family)
        links = defaultdict(self.browse)
        for beneficiary, number in numbers.items():
            head = head_by_number.get((number, beneficiary.company_id.id))
            if not head:
                raise ValidationError(
                    self.env._(
                        "No beneficiary has the ID number %(number)s to be the head of the family of %(name)s: "
                        "register the head first.",
                        number=number,
                        name=beneficiary.name,
                    )
                )
            links[head] |= beneficiary
        new_heads = [
            head
            for head, members in links.items()
            if head not in family_by_head and any(m.kind != "family" for m in members)
        ]
        if new_heads:
            families = self.create(
                [
                    {
                        "name": self.env._("Family of %(name)s", name=head.name),
                        "kind": "family",
                        "family_head_id": head.id,
                        "category_id": head.category_id.id,
                        "company_id": head.company_id.id,
                    }
                    for head in new_heads
                ]
            )
            family_by_head.update(zip(new_heads, families.sudo(), strict=True))
        # one write per family, through the ORM's write (nothing here to normalise or
        # check again), then the portal rules' cache emptied once for all
        for head, members in links.items():
            families = members.filtered(lambda m: m.kind == "family")
            if families:
                super(BeneficiaryBeneficiary, families).write({"family_head_id": head.id})
            persons = members.filtered(lambda m: m.kind == "individual")
            if persons:
                super(BeneficiaryBeneficiary, persons).write({"family_id": family_by_head[head].id})
        self.env.registry.clear_cache()

    def _compute_request_count(self):
        counts = count_per(self, "beneficiary.service.request", "beneficiary_id")
        for beneficiary in self:
            beneficiary.request_count = counts.get(beneficiary, 0)

    @api.constrains("national_id", "id_type")
    def _check_national_id(self):
        for beneficiary in self:
            beneficiary._check_id_number(beneficiary.national_id, beneficiary.id_type)

    def _check_national_id_available(self, pairs):
        """Refuse ID numbers already registered in the same company, before writing.

        ``pairs`` are ``(national_id, company_id)`` about to be stored by ``self`` (empty
        on create). Done before the insert so the user gets this message instead of the
        SQL constraint's, which stays as the guard against concurrent inserts.
        """
        pairs = [(number, company) for number, company in pairs if number]
        if not pairs:
            return
        seen = set()
        for pair in pairs:
            if pair in seen:
                self._raise_duplicate_id(pair[0])
            seen.add(pair)
        # sudo: the number may belong to a file the user cannot see; only the number
        # they typed is shown back, nothing of the other file.
        existing_sudo = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("national_id", "in", list({number for number, _company in pairs})),
                    ("company_id", "in", list({company for _number, company in pairs})),
                    ("id", "not in", self.ids),
                ]
            )
        )
        taken = {(b.national_id, b.company_id.id) for b in existing_sudo}
        for pair in pairs:
            if pair in taken:
                self._raise_duplicate_id(pair[0])

    # ------------------------------------------------------------------ import
    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Beneficiaries"),
                "template": "/beneficiary_relations/static/xls/beneficiaries_import_template.xlsx",
            },
            {
                "label": self.env._("Import Template for Beneficiaries (Arabic headings)"),
                "template": "/beneficiary_relations/static/xls/beneficiaries_import_template_ar.xlsx",
            },
        ]

    @api.model
    def load(self, fields, data):
        """The spreadsheet import (*Import* in the list) checks every row before writing:
        each bad row is reported with its line and the reason, and nothing is imported
        while one remains. The good rows are then created in one batch."""
        if not self.env.context.get("import_file"):
            return super().load(fields, data)
        check = {"messages": [], "lines": {}, "names": {}, "mobiles": {}}
        savepoint = self.env.cr.savepoint(flush=False)
        token = IMPORT_CHECK.set(check)
        try:
            result = super().load(fields, data)
        finally:
            IMPORT_CHECK.reset(token)
        if check["messages"]:
            self.env.flush_all()
            savepoint.rollback()
            self.env.invalidate_all(flush=False)
            self.pool.reset_changes()
            messages = list({message["message"]: message for message in check["messages"]}.values())
            result = dict(result, ids=False, messages=messages + result["messages"])
        savepoint.close(rollback=False)
        return result

    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        check = IMPORT_CHECK.get()
        if check is not None and not update:
            data_list = self._import_check_rows(data_list, check)
        return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)

    @api.model
    def _import_check_rows(self, data_list, check):
        """The rows of an import that can be created; each other is reported in
        ``check["messages"]`` with its line and reason. Rows updating existing files
        (external or database ids) are left to the ORM's checks."""
        first_line = self.env.context.get("beneficiary_import_first_line", 1)
        company_id = self.env.company.id
        country = self.env.ref("base.sa")
        rows = []
        refused = set()

        def refuse(data, line, field, value, reason):
            refused.add(id(data))
            check["messages"].append(
                dict(
                    data["info"],
                    type="error",
                    field=field,
                    value=value,
                    message=self.env._("Line %(line)s: %(reason)s", line=line, reason=reason),
                )
            )

        for data in data_list:
            vals = data["values"]
            if data.get("xml_id") or vals.get("id"):
                continue
            line = first_line + data["info"]["rows"]["from"]
            problem = self._import_check_row(vals, country)
            key = (
                saudi_id.normalize(vals["national_id"]) if vals.get("national_id") else False,
                vals.get("company_id") or company_id,
            )
            if not problem and key[0]:
                seen = check["lines"].setdefault(key, line)
                if seen != line:
                    problem = (
                        "national_id",
                        key[0],
                        self.env._(
                            "The ID number %(number)s is also on line %(other)s.", number=key[0], other=seen
                        ),
                    )
            if problem:
                refuse(data, line, *problem)
            else:
                rows.append((data, line, key))

        # registered already: one query for the batch (sudo: only the typed number is
        # shown back, nothing of the other file)
        numbers = {key for _data, _line, key in rows if key[0]}
        taken = set()
        if numbers:
            taken = {
                (beneficiary.national_id, beneficiary.company_id.id)
                for beneficiary in self.sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("national_id", "in", list({number for number, _company in numbers})),
                        ("company_id", "in", list({company for _number, company in numbers})),
                    ]
                )
            }
        heads = {
            (saudi_id.normalize(data["values"]["family_head_national_id"]), key[1])
            for data, _line, key in rows
            if data["values"].get("family_head_national_id")
        }
        registered_heads = set()
        if heads:
            registered_heads = {
                (beneficiary.national_id, beneficiary.company_id.id)
                for beneficiary in self.sudo().search(
                    [
                        ("national_id", "in", list({number for number, _company in heads})),
                        ("kind", "=", "individual"),
                    ]
                )
            }
        for data, line, key in rows:
            if key in taken:
                refuse(
                    data,
                    line,
                    "national_id",
                    key[0],
                    self.env._("Another beneficiary already has the ID number %(number)s.", number=key[0]),
                )
                continue
            head_number = data["values"].get("family_head_national_id")
            if head_number:
                head = (saudi_id.normalize(head_number), key[1])
                if head not in registered_heads and head not in check["lines"]:
                    refuse(
                        data,
                        line,
                        "family_head_national_id",
                        head_number,
                        self.env._(
                            "No beneficiary has the ID number %(number)s to head the family: add the head "
                            "to the file or register them first.",
                            number=head[0],
                        ),
                    )
        return [data for data in data_list if id(data) not in refused]

    @api.model
    def _import_check_row(self, vals, country):
        """``(field, value, reason)`` of what is wrong with one imported row, or None."""
        if not (vals.get("name") or "").strip():
            return "name", "", self.env._("The name is missing.")
        if not vals.get("category_id"):
            return "category_id", "", self.env._("The category is missing.")
        if vals.get("national_id"):
            number = saudi_id.normalize(vals["national_id"])
            try:
                self._check_id_number(
                    number, vals.get("id_type") or saudi_id.id_type(number) or saudi_id.CITIZEN
                )
            except ValidationError as error:
                return "national_id", vals["national_id"], error.args[0]
        if vals.get("mobile"):
            try:
                self._normalize_mobile(vals["mobile"], country)
            except ValidationError as error:
                return "mobile", vals["mobile"], error.args[0]
        return None

    @api.model
    def _raise_duplicate_id(self, number):
        raise ValidationError(
            self.env._("Another beneficiary already has the ID number %(number)s.", number=number)
        )

    @api.constrains("partner_id")
    def _check_partner_not_staff(self):
        """The officers of a file edit its contact: never an employee's contact, whose
        e-mail opens the employee's account."""
        for beneficiary in self:
            staff = (
                beneficiary.partner_id.sudo()
                .with_context(active_test=False)
                .user_ids.filtered(lambda u: not u.share)
            )
            if staff:
                raise ValidationError(
                    self.env._(
                        "A beneficiary file needs a contact of its own: %(contact)s is the contact of "
                        "the user %(user)s.",
                        contact=beneficiary.partner_id.sudo().display_name,
                        user=staff[0].login,
                    )
                )

    def _check_partner_editable(self, partner_ids):
        """A file is linked to an existing contact only by who may already edit that contact:
        the file's officers edit its contact, so linking a file to another beneficiary's
        contact would hand that contact to them."""
        self.env["res.partner"].browse(partner_ids).check_access("write")

    @api.constrains("monthly_income")
    def _check_monthly_income(self):
        # formatted outside the translated call: the extraction of the module's terms
        # stops at an f-string among its arguments
        maximum = f"{MAX_MONTHLY_INCOME:,}"
        for beneficiary in self.sudo():
            if not 0 <= (beneficiary.monthly_income or 0) <= MAX_MONTHLY_INCOME:
                raise ValidationError(
                    self.env._(
                        "The monthly income of %(name)s must be between 0 and %(maximum)s.",
                        name=beneficiary.name,
                        maximum=maximum,
                    )
                )

    @api.constrains("family_head_id", "family_id", "kind")
    def _check_family(self):
        for beneficiary in self:
            if beneficiary.family_id and beneficiary.family_id.kind != "family":
                raise ValidationError(self.env._("A member can only belong to a beneficiary of kind Family."))
            if beneficiary.family_id == beneficiary:
                raise ValidationError(self.env._("A family cannot be its own member."))
            if beneficiary.family_head_id and beneficiary.family_head_id.kind != "individual":
                raise ValidationError(self.env._("The head of a family must be an individual beneficiary."))

    @api.model
    def _normalize_mobile(self, number, country=None):
        """Return ``number`` in E.164 (+9665XXXXXXXX), or raise a ValidationError.

        The number is read with the beneficiary's country (Saudi Arabia by default),
        with Arabic-Indic digits, spaces and invisible marks accepted."""
        if not number:
            return number
        country = country or self.env.ref("base.sa")
        # an import reads each row's number twice (its check, then the creation)
        check = IMPORT_CHECK.get()
        key = (number, country.id)
        if check is not None and key in check["mobiles"]:
            return check["mobiles"][key]
        cleaned = clean_number(number)
        if cleaned.startswith("00"):
            cleaned = "+" + cleaned[2:]
        try:
            formatted = phone_validation.phone_format(
                cleaned, country.code, country.phone_code, force_format="E164", raise_exception=True
            )
        except UserError:
            formatted = False
        if not formatted or (formatted.startswith("+966") and not formatted.startswith("+9665")):
            raise ValidationError(
                self.env._(
                    "The mobile number %(number)s is not valid. Enter a Saudi mobile number such as "
                    "05XXXXXXXX or +9665XXXXXXXX, or an international number starting with +.",
                    number=number,
                )
            )
        if check is not None:
            check["mobiles"][key] = formatted
        return formatted

    def _prepare_normalized_vals(self, vals, default_country=None):
        vals = dict(vals)
        if vals.get("national_id"):
            vals["national_id"] = saudi_id.normalize(vals["national_id"])
        if vals.get("representative_national_id"):
            vals["representative_national_id"] = saudi_id.normalize(vals["representative_national_id"])
        if vals.get("mobile"):
            country = (
                self.env["res.country"].browse(vals["country_id"])
                if vals.get("country_id")
                else default_country
            )
            vals["mobile"] = self._normalize_mobile(vals["mobile"], country)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        """Files are created in batches (imports, migrations): each query and each
        default below is made once for the batch, not once per file."""
        self._check_partner_editable([vals["partner_id"] for vals in vals_list if vals.get("partner_id")])
        saudi_arabia = self.env.ref("base.sa")
        vals_list = [self._prepare_normalized_vals(vals, saudi_arabia) for vals in vals_list]
        for vals in vals_list:
            if "id_type" not in vals:
                # what the precomputed field would give, given here: the ORM otherwise
                # builds a new record per file to precompute it, quadratic in the batch
                vals["id_type"] = saudi_id.id_type(vals.get("national_id")) or saudi_id.CITIZEN
            if vals.get("national_id"):
                id_type = vals.get("id_type") or saudi_id.id_type(vals["national_id"]) or saudi_id.CITIZEN
                self._check_id_number(vals["national_id"], id_type)
        self._check_national_id_available(
            [(vals.get("national_id"), vals.get("company_id") or self.env.company.id) for vals in vals_list]
        )
        to_number = defaultdict(list)
        for vals in vals_list:
            if not vals.get("reference"):
                to_number[vals.get("company_id") or self.env.company.id].append(vals)
        for company_id, company_vals in to_number.items():
            numbers = self.env["ir.sequence"]._beneficiary_next_numbers(
                "beneficiary.beneficiary", self.env["res.company"].browse(company_id), len(company_vals)
            )
            for vals, number in zip(company_vals, numbers, strict=True):
                vals["reference"] = number
        default_lang = self._default_beneficiary_lang()
        for vals in vals_list:
            vals.setdefault("lang", default_lang)
            if not vals.get("country_id"):
                vals["country_id"] = saudi_arabia.id
        self._create_beneficiary_contacts(vals_list)
        # the family heads are linked once the whole batch exists (the ORM would call the
        # inverse of this non-stored field once per record)
        head_numbers = [vals.pop("family_head_national_id", False) for vals in vals_list]
        beneficiaries = super().create(vals_list)
        if any(head_numbers):
            beneficiaries._link_family_heads(dict(zip(beneficiaries, head_numbers, strict=True)))
        if any(vals.get("family_id") or vals.get("family_head_id") for vals in vals_list):
            self.env.registry.clear_cache()
        # a new file is not an update: what is written to it in the same transaction
        # (family lines, links) is not told
        self._file_update_data()["created"].update(beneficiaries.ids)
        return beneficiaries

    @api.model
    def _create_beneficiary_contacts(self, vals_list):
        """Create the contacts of new files (``partner_id``) in one batch, as the ORM
        would through ``_inherits`` but with the contacts' defaults computed once for the
        batch, and without a "Contact created" message on each contact (the file logs
        its own creation, and its creator follows the file)."""
        todo = [vals for vals in vals_list if not vals.get("partner_id")]
        if not todo:
            return
        Partner = self.env["res.partner"]
        contact_fields = {
            name
            for name, field in self._fields.items()
            if field.inherited and field.related_field.model_name == Partner._name
        }
        defaults = Partner._add_missing_default_values({})
        contacts_vals = [
            dict(defaults, **{name: vals.pop(name) for name in list(vals) if name in contact_fields})
            for vals in todo
        ]
        contacts = Partner.with_context(mail_create_nolog=True, mail_create_nosubscribe=True).create(
            contacts_vals
        )
        for vals, contact in zip(todo, contacts, strict=True):
            vals["partner_id"] = contact.id

    def write(self, vals):
        # what the beneficiary is told has changed (``_file_update_fields``); the contact's
        # fields (name, e-mail, mobile, address...) are watched on the contact, which the
        # file writes them to
        names = {
            name for name in vals if name in self._file_update_fields and not self._fields[name].inherited
        }
        snapshot = self._file_update_before(self, names, lambda beneficiary: beneficiary)
        if vals.get("partner_id"):
            self.check_access("write")
            self._check_partner_editable([vals["partner_id"]])
        vals = self._prepare_normalized_vals(vals)
        if vals.get("national_id") or "company_id" in vals:
            if vals.get("national_id") and len(self) > 1:
                self._raise_duplicate_id(vals["national_id"])
            self._check_national_id_available(
                [
                    (vals.get("national_id", b.national_id), vals.get("company_id", b.company_id.id))
                    for b in self
                ]
            )
        res = super().write(vals)
        if {"family_id", "family_head_id", "partner_id"} & set(vals):
            # the portal rules on contacts list the family members of each head
            self.env.registry.clear_cache()
        if snapshot:
            self._file_update_after(self, snapshot, self._file_update_fields.get)
        return res

    # ------------------------------------------------------------------ portal
    @api.model
    def _portal_acting_domain(self, partner):
        """The files ``partner`` may act for on the portal: their own file, the family
        file they head and the files of that family's members. The portal record rule of
        this model is this domain; the portal pages, the program registrations and the
        contacts a portal user may read start from it."""
        return [
            "|",
            "|",
            ("partner_id", "=", partner.id),
            ("family_head_id.partner_id", "=", partner.id),
            ("family_id.family_head_id.partner_id", "=", partner.id),
        ]

    @api.model
    def _portal_acting_files(self):
        """The open files (draft or active) the current user may act for on the portal;
        legal entities are not served on the portal."""
        if not self.has_access("read"):
            return self.browse()
        return self.search(
            expression.AND(
                [
                    self._portal_acting_domain(self.env.user.partner_id),
                    [("state", "in", ("draft", "active")), ("kind", "!=", "legal_entity")],
                ]
            )
        )

    @api.model
    def _default_beneficiary_lang(self):
        """Arabic when it is installed, as beneficiaries read Arabic first."""
        if self.env["res.lang"]._get_data(code="ar_001"):
            return "ar_001"
        return self.env.lang or "en_US"

    @api.depends("name", "reference")
    def _compute_display_name(self):
        for beneficiary in self:
            if beneficiary.reference and beneficiary.name:
                beneficiary.display_name = f"[{beneficiary.reference}] {beneficiary.name}"
            else:
                beneficiary.display_name = beneficiary.name or beneficiary.reference

    def action_activate(self):
        self.filtered(lambda b: b.state in ("draft", "suspended")).write(
            {"state": "active", "state_reason": False, "active": True}
        )

    def action_open_suspend(self, target_state="suspended"):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suspend File") if target_state == "suspended" else self.env._("Archive File"),
            "res_model": "beneficiary.beneficiary.suspend",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_beneficiary_ids": self.ids,
                "default_target_state": target_state,
            },
        }

    def action_open_archive(self):
        return self.action_open_suspend(target_state="archived")

    def _set_state_with_reason(self, state, reason):
        if not reason or not reason.strip():
            raise UserError(self.env._("Please give the reason for this change."))
        vals = {"state": state, "state_reason": reason.strip()}
        if state == "archived":
            vals["active"] = False
        self.write(vals)

    def action_view_requests(self):
        self.ensure_one()
        return window_action(
            self.env,
            "beneficiary_relations.beneficiary_service_request_action",
            [("beneficiary_id", "=", self.id)],
            {"default_beneficiary_id": self.id},
        )

    def action_grant_portal_access(self):
        """Give the beneficiaries' own contacts portal access and e-mail them their invitation.

        For the managers and the officers of the files. Officers hold no right on Odoo's
        portal wizard, which opens any contact: once the user's right to edit each file is
        checked, the wizard runs as superuser for these files' contacts only (their child
        contacts and e-mails unchanged)."""
        self.check_access("write")
        for beneficiary in self:
            if beneficiary.state != "active":
                raise UserError(
                    self.env._(
                        "Activate the file %(file)s before giving its beneficiary portal access.",
                        file=beneficiary.display_name,
                    )
                )
        wizard_sudo = (
            self.env["portal.wizard"].sudo().create({"partner_ids": [Command.set(self.partner_id.ids)]})
        )
        to_grant_sudo = wizard_sudo.user_ids.filtered(lambda line: not line.is_portal)
        for line_sudo in to_grant_sudo:
            line_sudo.action_grant_access()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Portal access given: the invitation was e-mailed to %(emails)s.",
                    emails=", ".join(to_grant_sudo.mapped("email")) or "-",
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------
    # APPLICATION
    # ------------------------------------------------------------
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
        Request._application_todo(
            self, lambda env: env._("Call back an applicant with this file's ID number")
        )

    # ------------------------------------------------------------
    # PRIVACY
    # ------------------------------------------------------------
    # The beneficiary's rights over their personal data, as exercised on the portal.
    # the file itself is the top of the copy of the data, sensitive fields included
    _personal_export_fields = EXPORTED_FIELDS + SENSITIVE_EXPORTED_FIELDS

    data_request_ids = fields.One2many(
        "beneficiary.data.request", "beneficiary_id", string="Personal Data Requests"
    )

    def _portal_request_data_change(self, request_type, description):
        """Ask for a correction (or a copy, or the erasure) of one's data."""
        self.ensure_one()
        if request_type not in ("access", "correction", "erasure"):
            raise UserError(self.env._("Unknown kind of request."))
        description = self.env["beneficiary.portal.mixin"]._portal_text(
            description, self.env._("Description"), LONG_TEXT_LIMIT
        )
        if not description:
            raise ValidationError(self.env._("Say which data is concerned and what should change."))
        return (
            self.env["beneficiary.data.request"]
            .sudo()
            .create(
                {
                    "beneficiary_id": self.id,
                    "request_type": request_type,
                    "description": description,
                    "channel_id": self.env.ref("beneficiary_relations.channel_portal").id,
                }
            )
        )

    def _portal_withdraw_consent(self):
        """Withdraw the consents in force; staff are told, as services may stop."""
        self.ensure_one()
        beneficiary_sudo = self.sudo()
        in_force = beneficiary_sudo.consent_ids.filtered(lambda consent: not consent.withdrawn_date)
        if not in_force:
            raise UserError(self.env._("There is no consent to withdraw."))
        purposes = ", ".join(in_force.purpose_id.mapped("name"))
        in_force._withdraw(self.env._("Withdrawn by the beneficiary on the portal."))
        beneficiary_sudo.message_post(
            body=self.env._(
                "The beneficiary withdrew their consent on the portal (%(purposes)s).", purposes=purposes
            )
        )
        if beneficiary_sudo.liaison_user_id:
            beneficiary_sudo.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=beneficiary_sudo.liaison_user_id.id,
                summary=self.env._("Consent withdrawn: review the services of this beneficiary"),
            )

    def _export_personal_data(self):
        """Everything the module holds on the beneficiary, as a JSON-ready dict: the file,
        then the records of every model declaring personal data
        (``beneficiary.personal.data.mixin``) under their export key, then the files."""
        self.ensure_one()
        beneficiary_sudo = self.sudo()
        data = beneficiary_sudo._personal_export_values()
        data["category"] = beneficiary_sudo.category_id.name
        data["domains"] = beneficiary_sudo.domain_ids.mapped("name")
        data["consent_purposes"] = beneficiary_sudo.consent_purpose_ids.mapped("name")
        records = beneficiary_sudo._anonymize_records()
        for recordset in records.values():
            key = getattr(recordset, "_personal_export_key", None)
            if key and recordset._name != self._name:
                data[key] = [record._personal_export_values() for record in recordset]
        data["documents"] = self._export_attachments(records)
        return data

    def _export_attachments(self, records):
        """The files the association keeps on the beneficiary and their records: name,
        type, size and, for small files, the content (base64)."""
        documents = []
        # the contact's photo once, not its resized copies
        attachments = self._personal_attachments(records).filtered(
            lambda a: not a.res_field or a.res_field not in RESIZED_IMAGES
        )
        for attachment in attachments:
            record = (
                self.env[attachment.res_model].sudo().browse(attachment.res_id)
                if attachment.res_model
                else None
            )
            documents.append(
                {
                    "name": attachment.name,
                    "mimetype": attachment.mimetype,
                    "size": attachment.file_size,
                    "record": record.display_name if record else False,
                    "content": attachment.datas.decode()
                    if attachment.file_size <= EXPORT_MAX_CONTENT
                    else False,
                }
            )
        return documents

    # ------------------------------------------------------------
    # ANONYMIZE
    # ------------------------------------------------------------
    # Anonymisation of a beneficiary who asked for the erasure of their data and has no
    # legal reason to be kept (Saudi Personal Data Protection Law): personal values go,
    # counts and statistics stay.
    legal_hold = fields.Boolean(
        tracking=True,
        copy=False,
        groups="beneficiary_relations.group_manager",
        help="The file must be kept as it is (a dispute, a court case, an audit): it cannot be anonymised.",
    )
    legal_hold_reason = fields.Char(tracking=True, copy=False, groups="beneficiary_relations.group_manager")
    anonymized_date = fields.Datetime(string="Anonymised On", readonly=True, copy=False)

    # ------------------------------------------------------------------ checks
    def _anonymize_blockers(self):
        """The reasons that keep this beneficiary's data, as sentences."""
        self.ensure_one()
        beneficiary_sudo = self.sudo().with_context(active_test=False)
        reasons = []
        if beneficiary_sudo.anonymized_date:
            reasons.append(self.env._("the file is already anonymised"))
        if beneficiary_sudo.legal_hold:
            reasons.append(
                self.env._(
                    "a legal hold is in force (%(reason)s)", reason=beneficiary_sudo.legal_hold_reason or "-"
                )
            )
        records = beneficiary_sudo._anonymize_records()
        # what is still being worked on, with the sentence that names it
        still_open = (
            (
                "beneficiary.service.request",
                lambda request: not request._workflow_is_closed(),
                lambda names: self.env._("requests are still open (%(names)s)", names=names),
            ),
            (
                "beneficiary.complaint",
                lambda complaint: not complaint._workflow_is_closed(),
                lambda names: self.env._("complaints are still open (%(names)s)", names=names),
            ),
            (
                "beneficiary.compensation",
                lambda compensation: not compensation._workflow_is_closed(),
                lambda names: self.env._("compensations are not paid yet (%(names)s)", names=names),
            ),
            (
                "beneficiary.data.request",
                lambda data_request: (
                    data_request.request_type != "erasure" and data_request._workflow_is_open()
                ),
                lambda names: self.env._("personal data requests are still open (%(names)s)", names=names),
            ),
            (
                "beneficiary.published.work",
                lambda work: work.state in ("published", "to_withdraw"),
                lambda names: self.env._(
                    "works are still published (%(titles)s): withdraw them first", titles=names
                ),
            ),
        )
        for model, is_open, reason in still_open:
            open_records = records[model].filtered(is_open)
            if open_records:
                reasons.append(reason(", ".join(open_records.mapped("name"))))
        return reasons

    def _anonymize_check(self):
        if not self.env.user.has_group("beneficiary_relations.group_manager"):
            raise AccessError(
                self.env._("Only managers of Beneficiary Relations can anonymise a beneficiary.")
            )
        for beneficiary in self:
            reasons = beneficiary._anonymize_blockers()
            if reasons:
                raise UserError(
                    self.env._(
                        "%(beneficiary)s cannot be anonymised: %(reasons)s.",
                        beneficiary=beneficiary.reference or beneficiary.display_name,
                        reasons="; ".join(reasons),
                    )
                )

    # ------------------------------------------------------------------ action
    def action_anonymize(self):
        """Erase the personal values of the beneficiaries and of everything they have with
        the association; refused while anything keeps them (see ``_anonymize_blockers``)."""
        self._anonymize_check()
        for beneficiary in self:
            # sudo: a manager, checked above, erases records some rules may hide from them
            beneficiary.sudo().with_context(active_test=False, tracking_disable=True)._anonymize()
        return True

    def _anonymize_label(self):
        self.ensure_one()
        return self.env._("Anonymised beneficiary %(reference)s", reference=self.reference or self.id)

    def _anonymize_records(self):
        """The beneficiary's records, per model (as superuser, archived included): every
        model declaring personal data (``beneficiary.personal.data.mixin``), their contact
        and its child contacts, and their portal users."""
        self.ensure_one()
        Mixin = self.env["beneficiary.personal.data.mixin"]
        records = {model: self.env[model]._personal_records(self) for model in Mixin._personal_models()}
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.partner_id.id)])
        )
        records.update({"res.partner": partners, "res.users": partners.user_ids})
        return records

    def _personal_attachments(self, records):
        """The files of the beneficiary and of their records (as superuser): what their
        copy of their data lists and what anonymisation deletes."""
        domain = [("id", "=", 0)]
        for model, recordset in records.items():
            if recordset:
                domain = ["|", *domain, "&", ("res_model", "=", model), ("res_id", "in", recordset.ids)]
        Attachment = self.env["ir.attachment"].sudo()
        # the binary fields stored as attachments are found only when res_field is searched
        attachments = Attachment.search(["|", ("res_field", "=", False), ("res_field", "!=", False), *domain])
        # files linked to records without being attached to them (uploads, evidence)
        for recordset in records.values():
            for field in recordset._fields.values():
                if field.type == "many2many" and field.comodel_name == "ir.attachment" and field.store:
                    attachments |= recordset[field.name]
        return attachments

    def _anonymize_personal_values(self, partners):
        """The values to look for in texts shared with others (visits, messages they were
        sent on other records, notifications on their way)."""
        self.ensure_one()
        values = [partner[name] for partner in partners for name in PERSONAL_PARTNER_FIELDS]
        values += partners.mapped("phone_sanitized")
        values += [self.national_id, self.representative_national_id, self.registration_number]
        values += self.member_line_ids.mapped("name") + self.member_line_ids.mapped("national_id")
        return sorted({value for value in values if value and len(value) > 2}, key=len, reverse=True)

    def _anonymize(self):
        self.ensure_one()
        label = self._anonymize_label()
        neutral = self.env._("Anonymised")
        records = self._anonymize_records()
        partners = records["res.partner"]
        personal_values = self._anonymize_personal_values(partners)

        # shared texts first, while the values are still known
        visits = self.env["beneficiary.visit"].search([("beneficiary_ids", "in", self.ids)])
        for visit in visits:
            for name in ("findings", "actions"):
                text = visit[name] and str(visit[name])
                if text:
                    visit[name] = self._anonymize_replace(text, personal_values, label)
            for line in visit.score_ids.filtered("note"):
                line.note = self._anonymize_replace(line.note, personal_values, label)

        self._anonymize_attachments(records)
        message_ids = self._anonymize_messages(records, label)
        self._anonymize_sent(records, message_ids, personal_values, label)
        for recordset in records.values():
            if recordset and hasattr(recordset, "_personal_fields"):
                self._anonymize_columns(recordset, recordset._personal_fields, neutral)
        self.env.invalidate_all()
        portal_users = records["res.users"].filtered("share")
        portal_users.write({"active": False, "signature": False})
        for user in portal_users:
            # not through write(): Odoo would e-mail the beneficiary that their login changed
            self.env.cr.execute(
                SQL(
                    "UPDATE res_users SET login = %s WHERE id = %s",
                    f"anonymised-{self.id}-{user.id}",
                    user.id,
                )
            )
        portal_users.invalidate_recordset(["login"])
        partners.write(dict(ANONYMIZED_PARTNER_VALUES, name=label))
        self.write({"anonymized_date": fields.Datetime.now(), "legal_hold": False})
        self._anonymize_activities(records)
        self.message_post(body=self.env._("The beneficiary's personal data was anonymised on their request."))

    @api.model
    def _anonymize_replace(self, text, values, label):
        for value in values:
            text = text.replace(value, label)
        return text

    def _anonymize_sent(self, records, message_ids, personal_values, label):
        """What was sent to the beneficiary and may still be on its way: e-mails and SMS
        (deleted, with the numbers their notifications kept), the personal values in the
        messages they were sent on other records and in the notifications of the bus, and
        the wizards left with their data (mail composers, portal access lines)."""
        partners = records["res.partner"]
        cr = self.env.cr
        if "sms.sms" in self.env:
            numbers = [number for number in partners.mapped("mobile") + partners.mapped("phone") if number]
            numbers += [number for number in partners.mapped("phone_sanitized") if number]
            self.env["sms.sms"].search(
                [
                    "|",
                    "|",
                    ("partner_id", "in", partners.ids),
                    ("number", "in", numbers),
                    ("mail_message_id", "in", list(message_ids)),
                ]
            ).unlink()
        notification_fields = [
            name
            for name in ("sms_number", "failure_reason")
            if self.env["mail.notification"]._fields.get(name)
        ]
        cr.execute(
            SQL(
                "UPDATE mail_notification SET %s WHERE res_partner_id IN %s OR mail_message_id IN %s",
                SQL(", ").join(SQL("%s = NULL", SQL.identifier(name)) for name in notification_fields),
                tuple(partners.ids),
                tuple(message_ids) or (0,),
            )
        )
        emails = [f"%{email}%" for email in partners.mapped("email_normalized") if email]
        cr.execute(
            SQL(
                """UPDATE mail_mail SET body_html = NULL, email_to = NULL, email_cc = NULL
                    WHERE mail_message_id IN %s
                       OR id IN (SELECT mail_mail_id FROM mail_mail_res_partner_rel WHERE res_partner_id IN %s)
                       OR email_to ILIKE ANY(%s) OR email_cc ILIKE ANY(%s)""",
                tuple(message_ids) or (0,),
                tuple(partners.ids),
                emails,
                emails,
            )
        )
        # the messages they were sent on records that are not theirs keep their content
        Message = self.env["mail.message"]
        sent = Message.search(
            [
                ("id", "not in", list(message_ids)),
                "|",
                ("partner_ids", "in", partners.ids),
                ("notification_ids.res_partner_id", "in", partners.ids),
            ]
        )
        for message in sent:
            message.write(
                {
                    name: self._anonymize_replace(str(message[name]), personal_values, label)
                    for name in ("body", "subject", "record_name", "email_from")
                    if message[name]
                }
            )
        patterns = [f"%{value}%" for value in personal_values]
        if patterns:
            cr.execute(SQL("DELETE FROM bus_bus WHERE message ILIKE ANY(%s)", patterns))
        composers = self.env["mail.compose.message"].search([("partner_ids", "in", partners.ids)])
        for model, recordset in records.items():
            if recordset:
                composers |= (
                    self.env["mail.compose.message"]
                    .search([("model", "=", model)])
                    .filtered(
                        lambda composer, ids=set(recordset.ids): ids & set(composer._evaluate_res_ids())
                    )
                )
        composers.unlink()
        self.env["portal.wizard.user"].search([("partner_id", "in", partners.ids)]).unlink()

    def _anonymize_activities(self, records):
        """Activities on any of their records lose their summary and note, and show the
        records' anonymised names."""
        activities = self.env["mail.activity"]
        for model, recordset in records.items():
            if recordset:
                activities |= activities.search([("res_model", "=", model), ("res_id", "in", recordset.ids)])
        activities.write({"summary": False, "note": False})
        activities._compute_res_name()

    def _anonymize_columns(self, records, names, neutral):
        """Empty the stored columns ``names`` of ``records`` in one query (no tracking, no
        write hooks: locked declarations and closed records are erased too)."""
        assignments = []
        for name in names:
            field = records._fields.get(name)
            if not field or not field.store or not field.column_type:
                continue
            value = neutral if field.required and field.type in ("char", "text", "html") else None
            assignments.append(SQL("%s = %s", SQL.identifier(name), value))
        if assignments:
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET %s WHERE id IN %s",
                    SQL.identifier(records._table),
                    SQL(", ").join(assignments),
                    tuple(records.ids),
                )
            )

    def _anonymize_attachments(self, records):
        """Delete the files of the beneficiary and of their records (and their text index)."""
        self._personal_attachments(records).unlink()

    def _anonymize_messages(self, records, label):
        """Chatter of the records and messages of the beneficiary: bodies, subjects, senders
        and tracked values erased (the states tracked are kept). Returns the ids of the
        messages erased."""
        conditions = [
            SQL("(model = %s AND res_id IN %s)", model, tuple(recordset.ids))
            for model, recordset in records.items()
            if recordset
        ]
        conditions.append(SQL("author_id IN %s", tuple(records["res.partner"].ids)))
        # the beneficiary named in the tracked fields of other records (a family's head...)
        for model, record_id in (("beneficiary.beneficiary", self.id), ("res.partner", self.partner_id.id)):
            for side in ("old", "new"):
                self.env.cr.execute(
                    SQL(
                        """UPDATE mail_tracking_value tracking
                              SET %(char)s = NULL
                             FROM ir_model_fields field
                            WHERE field.id = tracking.field_id
                              AND field.relation = %(model)s
                              AND tracking.%(integer)s = %(record_id)s""",
                        char=SQL.identifier(f"{side}_value_char"),
                        integer=SQL.identifier(f"{side}_value_integer"),
                        model=model,
                        record_id=record_id,
                    )
                )

        self.env.cr.execute(SQL("SELECT id FROM mail_message WHERE %s", SQL(" OR ").join(conditions)))
        message_ids = tuple(row[0] for row in self.env.cr.fetchall())
        self._anonymize_ratings(records)
        if not message_ids:
            return message_ids
        removed = "<p>" + self.env._("Content removed when the beneficiary was anonymised.") + "</p>"
        self.env.cr.execute(
            SQL(
                """UPDATE mail_message
                      SET body = CASE WHEN COALESCE(body, '') = '' THEN body ELSE %s END,
                          subject = NULL, email_from = NULL, reply_to = NULL, record_name = NULL
                    WHERE id IN %s""",
                removed,
                message_ids,
            )
        )
        self.env.cr.execute(
            SQL(
                """UPDATE mail_tracking_value tracking
                      SET old_value_char = NULL, new_value_char = NULL,
                          old_value_text = NULL, new_value_text = NULL,
                          old_value_datetime = CASE WHEN field.name IN ('birth_date', 'id_expiry_date') THEN NULL
                                                    ELSE tracking.old_value_datetime END,
                          new_value_datetime = CASE WHEN field.name IN ('birth_date', 'id_expiry_date') THEN NULL
                                                    ELSE tracking.new_value_datetime END
                     FROM ir_model_fields field
                    WHERE field.id = tracking.field_id
                      AND field.ttype != 'selection'
                      AND tracking.mail_message_id IN %s""",
                message_ids,
            )
        )
        return message_ids

    def _anonymize_ratings(self, records):
        """Ratings keep their value for the statistics and lose their comment."""
        for model in ("beneficiary.service.request", "beneficiary.complaint"):
            if records.get(model):
                self.env.cr.execute(
                    SQL(
                        "UPDATE rating_rating SET feedback = NULL WHERE res_model = %s AND res_id IN %s",
                        model,
                        tuple(records[model].ids),
                    )
                )

    # ------------------------------------------------------------
    # NOTIFICATION
    # ------------------------------------------------------------
    # The messages the association sent to the beneficiary, on every record of theirs.
    notification_log_count = fields.Integer(string="Messages Sent", compute="_compute_notification_log_count")

    def _compute_notification_log_count(self):
        counts = count_per(self, "beneficiary.notification.log", "beneficiary_id")
        for beneficiary in self:
            beneficiary.notification_log_count = counts.get(beneficiary, 0)

    def action_view_notification_logs(self):
        self.ensure_one()
        return self.env["beneficiary.notification.log"]._action_list([("beneficiary_id", "=", self.id)])

    # ------------------------------------------------------------------ published works
    # the works and images of the beneficiary that the association publishes
    published_work_ids = fields.One2many(
        "beneficiary.published.work", "beneficiary_id", string="Published Works"
    )
    published_work_count = fields.Integer(string="Works", compute="_compute_published_work_count")

    def _compute_published_work_count(self):
        counts = count_per(self, "beneficiary.published.work", "beneficiary_id")
        for beneficiary in self:
            beneficiary.published_work_count = counts.get(beneficiary, 0)

    def action_view_published_works(self):
        self.ensure_one()
        return window_action(
            self.env,
            "beneficiary_relations.beneficiary_published_work_action",
            [("beneficiary_id", "=", self.id)],
            {"default_beneficiary_id": self.id},
        )

    # ------------------------------------------------------------------ ID expiry
    # The expiry date of the beneficiary's ID: shown with its Hijri date, checked when a
    # request's data is confirmed and when it is completed, and recalled to the
    # beneficiary some days before (``res.company.beneficiary_id_expiry_reminder_days``).
    id_expiry_date = fields.Date(
        string="ID Expiry Date",
        tracking=True,
        copy=False,
        help="The last day the ID is valid. A request's data cannot be confirmed, nor the request "
        "completed, once it is past.",
    )
    id_expiry_date_hijri = fields.Char(
        string="ID Expiry Date (Hijri)", compute="_compute_id_expiry_date_hijri"
    )
    id_expiry_date_display = fields.Char(string="ID Expires On", compute="_compute_id_expiry_date_hijri")
    id_expiry_reminded_for = fields.Date(
        string="ID Expiry Reminded",
        readonly=True,
        copy=False,
        help="The expiry date the beneficiary was reminded of (once per date: a renewed ID is "
        "reminded again).",
    )

    @api.depends("id_expiry_date")
    @api.depends_context("lang")
    def _compute_id_expiry_date_hijri(self):
        lang = self.env.lang or "en_US"
        Document = self.env["beneficiary.request.document"]
        for beneficiary in self:
            day = beneficiary.id_expiry_date
            beneficiary.id_expiry_date_hijri = hijri.format_hijri(day, lang=lang)
            beneficiary.id_expiry_date_display = (day and Document._expiry_text(day)) or False

    def _id_expiry_blockers(self, day):
        """Why the ID of the beneficiary does not allow confirming a request on ``day``
        (the association's date), as sentences for the user: an ID valid through its
        expiry date, and a Saudi ID or Iqama without one where the association requires it."""
        self.ensure_one()
        Document = self.env["beneficiary.request.document"]
        if self.id_expiry_date and self.id_expiry_date < day:
            return [
                self.env._(
                    "the ID of %(beneficiary)s expired on %(date)s",
                    beneficiary=self.name,
                    date=Document._expiry_text(self.id_expiry_date),
                )
            ]
        if (
            not self.id_expiry_date
            and self.id_type in SAUDI_ID_TYPES
            and self.company_id.beneficiary_id_expiry_required
        ):
            return [
                self.env._("the ID expiry date of %(beneficiary)s is not recorded", beneficiary=self.name)
            ]
        return []

    # ------------------------------------------------------------------ reminder
    @api.model
    def _id_expiry_due(self, today, limit):
        """Active files whose ID expires within the reminder days of their association
        (from ``today`` on) and whose beneficiary was not reminded of that date yet: one
        query, whatever the number of files."""
        self.env["res.company"].flush_model(["beneficiary_id_expiry_reminder_days"])
        self.flush_model(["active", "company_id", "id_expiry_date", "id_expiry_reminded_for"])
        rows = self.env.execute_query(
            SQL(
                """SELECT beneficiary.id
                     FROM beneficiary_beneficiary beneficiary
                     JOIN res_company company ON company.id = beneficiary.company_id
                    WHERE beneficiary.active
                      AND company.beneficiary_id_expiry_reminder_days > 0
                      AND beneficiary.id_expiry_date >= %(today)s
                      AND beneficiary.id_expiry_date <= %(today)s + company.beneficiary_id_expiry_reminder_days
                      AND beneficiary.id_expiry_reminded_for IS DISTINCT FROM beneficiary.id_expiry_date
                 ORDER BY beneficiary.id
                    LIMIT %(limit)s""",
                today=today,
                limit=limit,
            )
        )
        return self.browse(row[0] for row in rows)

    @api.model
    def _cron_remind_id_expiry(self, batch_size=500):
        """Remind each beneficiary, once per expiry date, that their ID expires soon,
        through the notification service (their channel, e-mail or SMS). Idempotent: a
        beneficiary reminded is not reminded again until the ID's date changes."""
        today = self.env.company._beneficiary_local_date()
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            beneficiaries = self._id_expiry_due(today, batch_size)
            if beneficiaries:
                self.env["beneficiary.notification"]._send(beneficiaries, "id_expiry")
                for day in set(beneficiaries.mapped("id_expiry_date")):
                    beneficiaries.filtered(lambda b, d=day: b.id_expiry_date == d).write(
                        {"id_expiry_reminded_for": day}
                    )
            done = len(beneficiaries)
            remaining = len(self._id_expiry_due(today, batch_size)) if done == batch_size else 0
            if in_cron:
                self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
                return
            if not remaining:
                return

    # ------------------------------------------------------------------ update of the file
    # What the beneficiary gave or relies on, by field: the item of their file they are
    # told has changed when a member of staff changes it (its label, never the value). The
    # other fields (status, health notes and social research, liaison officer, domains,
    # consents, legal hold) are the association's own and are not told.
    _file_update_fields = {
        "name": "name",
        "national_id": "identity", "id_type": "identity", "registration_number": "registration",
        "birth_date": "birth_date", "gender": "gender",
        "representative_id": "representative", "representative_national_id": "representative",
        "mobile": "mobile", "phone": "phone", "email": "email",
        "street": "address", "street2": "address", "city": "address", "zip": "address",
        "state_id": "address", "country_id": "address",
        "lang": "lang", "preferred_channel_id": "channel",
        "category_id": "category",
        "family_head_id": "family", "family_id": "family", "family_head_national_id": "family",
        "monthly_income": "income",
    }  # fmt: skip
    # the family member lines (``beneficiary.family.member``): their file's "family" item
    _file_update_member_fields = ("name", "relation", "national_id", "id_type", "birth_date", "gender")

    def _file_update_labels(self):
        """The items of a file as the beneficiary reads them, in the order they are listed."""
        return {
            "name": self.env._("Name"),
            "identity": self.env._("ID Number"),
            "registration": self.env._("Registration Number"),
            "birth_date": self.env._("Birth Date"),
            "gender": self.env._("Gender"),
            "representative": self.env._("Authorised Representative"),
            "mobile": self.env._("Mobile"),
            "phone": self.env._("Phone"),
            "email": self.env._("E-mail"),
            "address": self.env._("Address"),
            "lang": self.env._("Language"),
            "channel": self.env._("Preferred Contact Channel"),
            "category": self.env._("Category"),
            "family": self.env._("Family Members"),
            "income": self.env._("Monthly Income"),
        }

    @api.model
    def _file_update_by_staff(self):
        """Whether the change being made is told to the beneficiary: made by a member of
        staff, not by the beneficiary (or the head of their family) on the portal, nor by
        the system installing or upgrading the module. Read from who is logged in, never
        from the context."""
        return self.env.uid != SUPERUSER_ID and not self.env.user.share

    @api.model
    def _file_update_data(self):
        return self.env.cr.precommit.data.setdefault(FILE_UPDATE_DATA, {"created": set(), "changes": {}})

    @api.model
    def _file_update_before(self, records, names, files_of):
        """Before ``records`` are written: ``{id: (file ids, {field: value})}`` with the values
        of the fields ``names`` the beneficiaries of the files ``files_of(record)`` are told
        about, or None when this write is not told (nothing of theirs, not staff)."""
        if not names or not self._file_update_by_staff():
            return None
        snapshot = {}
        # sudo: the values compared (an income) may be in fields the writer cannot read
        for record in records.sudo():
            files = files_of(record)
            if files:
                snapshot[record.id] = (files.ids, {name: _comparable(record[name]) for name in names})
        return snapshot or None

    @api.model
    def _file_update_after(self, records, snapshot, item_of):
        """After the write: note the items (``item_of(field)``) whose values changed; the old
        e-mail address and mobile are kept to be told too."""
        for record in records.sudo():
            if record.id not in snapshot:
                continue
            file_ids, values = snapshot[record.id]
            changed = [name for name, value in values.items() if _comparable(record[name]) != value]
            if changed:
                old = {name: values[name] for name in ("email", "mobile") if name in changed and values[name]}
                self._file_update_note(file_ids, {item_of(name) for name in changed}, old)

    @api.model
    def _file_update_note(self, file_ids, items, old_contact=None):
        """Note that ``items`` of the files ``file_ids`` changed in this transaction; their
        beneficiaries are told once, just before it is committed (``_file_update_send``)."""
        if not file_ids or not items or not self._file_update_by_staff():
            return
        data = self._file_update_data()
        for file_id in file_ids:
            change = data["changes"].setdefault(file_id, {"items": set(), "old": {}})
            change["items"] |= items
            for name, value in (old_contact or {}).items():
                change["old"].setdefault(name, value)
        if not data.get("scheduled"):
            data["scheduled"] = True
            self.env.cr.precommit.add(self.with_env(self.env(su=False))._file_update_send)

    def _file_update_send(self):
        """Tell each beneficiary whose file staff changed in this transaction which items
        changed and how to ask for a correction: one message per file, on its channel; the
        old e-mail address and the old mobile are told as well when they changed (whoever
        held them learns that they no longer receive the association's messages)."""
        data = self.env.cr.precommit.data.pop(FILE_UPDATE_DATA, None) or {}
        changes = {
            file_id: change
            for file_id, change in data.get("changes", {}).items()
            if file_id not in data.get("created", ())
        }
        if not changes:
            return
        files_sudo = self.sudo().with_context(active_test=False).browse(list(changes)).exists()
        files_sudo = files_sudo.filtered(
            lambda file: not file.anonymized_date and file.company_id.beneficiary_notify_file_update
        )
        if not files_sudo:
            return
        files = self.browse(files_sudo.ids)
        message = {"items": {file_id: changes[file_id]["items"] for file_id in files.ids}, "recipients": {}}
        token = FILE_UPDATE_MESSAGE.set(message)
        try:
            Notification = self.env["beneficiary.notification"]
            Notification._send(files, "file_update")
            for name, channel in (("email", "email"), ("mobile", "sms")):
                recipients = {
                    file.id: {name: changes[file.id]["old"][name], "channels": (channel,)}
                    for file in files_sudo
                    if changes[file.id]["old"].get(name)
                    and _normal_contact(changes[file.id]["old"][name]) != _normal_contact(file[name])
                }
                if recipients:
                    message["recipients"] = recipients
                    Notification._send(files.browse(list(recipients)), "file_update")
        finally:
            FILE_UPDATE_MESSAGE.reset(token)
        # called after the main flush, just before the commit (as Odoo's tracking is)
        self.env.flush_all()

    def _file_update_items(self):
        """The items of the file staff just changed, as its beneficiary reads them (labels,
        never values): read by the texts of the message "file_update"."""
        self.ensure_one()
        keys = ((FILE_UPDATE_MESSAGE.get() or {}).get("items") or {}).get(self.id, ())
        return [label for key, label in self._file_update_labels().items() if key in keys]

    def _file_update_items_text(self):
        separator = "، " if (self.env.lang or "").startswith("ar") else ", "
        return separator.join(self._file_update_items())

    # ------------------------------------------------------------------ notification hooks
    # the file's own messages (the update of the file, the ID expiry reminder) go through the notification service
    # like the workflows' messages (see beneficiary.workflow.mixin)
    _notification_templates = {
        "file_update": (
            "beneficiary_relations.mail_template_beneficiary_file_update",
            "beneficiary_relations.sms_template_beneficiary_file_update",
        ),
        "id_expiry": (
            "beneficiary_relations.mail_template_beneficiary_id_expiry",
            "beneficiary_relations.sms_template_beneficiary_id_expiry",
        ),
    }

    def _notify_recipient(self):
        self.ensure_one()
        recipient = ((FILE_UPDATE_MESSAGE.get() or {}).get("recipients") or {}).get(self.id) or {}
        return self.env["beneficiary.notification"]._recipient(self, **recipient)

    def _notify_templates(self, kind):
        return self._notification_templates.get(kind, (False, False))

    def _notify_officer(self):
        self.ensure_one()
        return self.liaison_user_id

    def _notify_deadline(self):
        return None

    def _notify_log_record(self):
        return self


def _comparable(value):
    """A field's value, comparable before and after a write."""
    if isinstance(value, models.BaseModel):
        return tuple(sorted(value.ids))
    return value


def _normal_contact(value):
    return (value or "").strip().lower()
