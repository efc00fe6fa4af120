from odoo import api, models, tools
from odoo.exceptions import ValidationError

from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, TEXT_LIMIT, PortalThrottled

# the exception of the complaint forms' allowance (the portal mixin's)
ComplaintThrottled = PortalThrottled


class BeneficiaryComplaint(models.Model):
    """Complaints filed on the portal by beneficiaries, or on the public "contact us"
    page by anyone, with abuse protection (the portal mixin's hourly allowance)."""

    _inherit = "beneficiary.complaint"
    _portal_throttle_param = "beneficiary_relations.complaint_limit_per_hour"
    _portal_throttle_default = 5

    @api.model
    def _portal_categories(self, company):
        return self.env["beneficiary.complaint.category"].sudo().search([("company_id", "=", company.id)])

    @api.model
    def _portal_check_values(self, values, public):
        """The form's values as plain text within bounds, checked; a visitor leaves a
        way to answer them."""
        clean = {
            "subject": self._portal_text(values.get("subject"), self.env._("Subject"), TEXT_LIMIT),
            "description": self._portal_text(
                values.get("description"), self.env._("Message"), LONG_TEXT_LIMIT
            ),
        }
        if not clean["subject"]:
            raise ValidationError(self.env._("Give your message a subject."))
        if not clean["description"]:
            raise ValidationError(self.env._("Describe your complaint or question."))
        if not public:
            return clean
        clean.update(
            contact_name=self._portal_text(values.get("contact_name"), self.env._("Name"), 100),
            contact_email=self._portal_text(values.get("contact_email"), self.env._("E-mail"), 254),
            contact_mobile=self._portal_text(values.get("contact_mobile"), self.env._("Mobile"), 30),
        )
        if not clean["contact_name"]:
            raise ValidationError(self.env._("Tell us your name."))
        if not (clean["contact_email"] or clean["contact_mobile"]):
            raise ValidationError(self.env._("Leave an e-mail or a mobile number so that we can answer you."))
        if clean["contact_email"] and not tools.email_normalize(clean["contact_email"]):
            raise ValidationError(
                self.env._("The e-mail address %(email)s is not valid.", email=clean["contact_email"])
            )
        if clean["contact_mobile"]:
            clean["contact_mobile"] = self.env["beneficiary.beneficiary"]._normalize_mobile(
                clean["contact_mobile"]
            )
        return clean

    @api.model
    def _portal_create(self, company, values, beneficiary=None, address=None):
        """A complaint from the portal (``beneficiary`` given) or the public page, within
        the sender's hourly allowance. The caller checked the user may act for the
        beneficiary; the texts are plain, the description stored escaped."""
        clean = self._portal_check_values(values, public=not beneficiary)
        category = self._portal_categories(company).filtered(lambda c: c.id == values.get("category_id"))
        if not category:
            raise ValidationError(self.env._("Choose what your message is about."))
        vals = {
            "subject": clean["subject"],
            "description": self._portal_text_to_html(clean["description"]),
            "category_id": category.id,
            "channel_id": self.env.ref(
                "beneficiary_relations.channel_portal"
                if beneficiary
                else "beneficiary_relations.channel_website"
            ).id,
            "company_id": company.id,
            "portal_ip_hash": self._portal_hash_ip(address),
        }
        if beneficiary:
            vals["beneficiary_id"] = beneficiary.id
        else:
            vals.update(
                contact_name=clean["contact_name"],
                contact_email=clean["contact_email"] or False,
                contact_mobile=clean["contact_mobile"] or False,
            )
        self._portal_check_throttle(address)
        # acknowledged and given to whoever answers it on arrival (_route_arrival)
        return self.sudo().create(vals)
