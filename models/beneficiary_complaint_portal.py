import hashlib
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

PUBLIC_LIMIT_PER_HOUR = 5


class BeneficiaryComplaint(models.Model):
    """Complaints filed on the portal by beneficiaries, or on the public "contact us"
    page by anyone, with abuse protection."""

    _inherit = "beneficiary.complaint"

    portal_ip_hash = fields.Char(
        string="Sender Fingerprint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="A one-way hash of the sender's address, to throttle abusive submissions.",
    )

    @api.model
    def _portal_categories(self, company):
        return self.env["beneficiary.complaint.category"].sudo().search([("company_id", "=", company.id)])

    @api.model
    def _portal_hash_ip(self, address):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hashlib.sha256(f"{secret}:{address}".encode()).hexdigest()

    @api.model
    def _portal_is_throttled(self, address):
        """True when this address filed too many public complaints in the last hour."""
        since = fields.Datetime.now() - timedelta(hours=1)
        count = self.sudo().search_count(
            [("portal_ip_hash", "=", self._portal_hash_ip(address)), ("create_date", ">=", since)]
        )
        return count >= PUBLIC_LIMIT_PER_HOUR

    @api.model
    def _portal_check_values(self, values, public):
        for key, value in values.items():
            if isinstance(value, str):
                # PostgreSQL refuses NUL characters in text: a forged form must not crash
                values[key] = value.replace("\x00", "")
        if not (values.get("subject") or "").strip():
            raise ValidationError(self.env._("Give your message a subject."))
        if not (values.get("description") or "").strip():
            raise ValidationError(self.env._("Describe your complaint or question."))
        if public:
            if not (values.get("contact_name") or "").strip():
                raise ValidationError(self.env._("Tell us your name."))
            if not (values.get("contact_email") or values.get("contact_mobile")):
                raise ValidationError(
                    self.env._("Leave an e-mail or a mobile number so that we can answer you.")
                )
            email = (values.get("contact_email") or "").strip()
            if email and not tools.email_normalize(email):
                raise ValidationError(
                    self.env._("The e-mail address %(email)s is not valid.", email=email[:100])
                )
            if values.get("contact_mobile"):
                values["contact_mobile"] = self.env["beneficiary.beneficiary"]._normalize_mobile(
                    values["contact_mobile"]
                )

    @api.model
    def _portal_create(self, company, values, beneficiary=None, address=None):
        """A complaint from the portal (``beneficiary`` given) or the public page. The
        caller checked the user may act for the beneficiary; the description is plain
        text, stored escaped."""
        values = dict(values)
        self._portal_check_values(values, public=not beneficiary)
        category = self._portal_categories(company).filtered(lambda c: c.id == values.get("category_id"))
        if not category:
            raise ValidationError(self.env._("Choose what your message is about."))
        vals = {
            "subject": values["subject"].strip()[:200],
            "description": self._portal_text_to_html(values["description"]),
            "category_id": category.id,
            "channel_id": self.env.ref(
                "beneficiary_relations.channel_portal"
                if beneficiary
                else "beneficiary_relations.channel_website"
            ).id,
            "company_id": company.id,
        }
        if beneficiary:
            vals["beneficiary_id"] = beneficiary.id
        else:
            vals.update(
                contact_name=values["contact_name"].strip()[:100],
                contact_email=(values.get("contact_email") or "").strip()[:200] or False,
                contact_mobile=values.get("contact_mobile") or False,
            )
        if address:
            vals["portal_ip_hash"] = self._portal_hash_ip(address)
        complaint_sudo = self.sudo().create(vals)
        complaint_sudo.action_acknowledge()
        return complaint_sudo

    @api.model
    def _portal_text_to_html(self, text):
        paragraphs = [escape(part.strip()) for part in text.strip().split("\n") if part.strip()]
        return Markup("").join(Markup("<p>%s</p>") % paragraph for paragraph in paragraphs)
