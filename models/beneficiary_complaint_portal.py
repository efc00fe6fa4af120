import hashlib
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, TEXT_LIMIT

DEFAULT_LIMIT_PER_HOUR = 5
# first key of the advisory locks that serialise the submissions of one sender
THROTTLE_LOCK = 0x62720001


class ComplaintThrottled(UserError):
    """The sender filed as many messages as allowed in the last hour."""


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
    def _portal_limit_per_hour(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param("beneficiary_relations.complaint_limit_per_hour")
        )
        try:
            return max(int(value), 1) if value else DEFAULT_LIMIT_PER_HOUR
        except ValueError:
            return DEFAULT_LIMIT_PER_HOUR

    @api.model
    def _portal_check_throttle(self, address):
        """Refuse a message when its sender filed their allowance in the last hour: a
        logged-in user counts their own messages, a visitor those from their address.

        Parallel posts must not all pass the check before any of them is saved: the
        submissions of one sender are serialised by a transaction-level advisory lock
        (held until this transaction ends), and the count is read in a transaction of
        its own, which sees the messages the previous holder committed after this
        transaction began (Odoo's transactions read one snapshot from their start)."""
        if self.env.user._is_public():
            key = f"address:{self._portal_hash_ip(address)}"
            sender = SQL("portal_ip_hash = %s", self._portal_hash_ip(address))
        else:
            key = f"user:{self.env.uid}"
            sender = SQL("create_uid = %s AND portal_ip_hash IS NOT NULL", self.env.uid)
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", THROTTLE_LOCK, key))
        since = fields.Datetime.now() - timedelta(hours=1)
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT COUNT(*) FROM %s WHERE %s AND create_date >= %s",
                    SQL.identifier(self._table),
                    sender,
                    since,
                )
            )
            count = cr.fetchone()[0]
        if count >= self._portal_limit_per_hour():
            raise ComplaintThrottled(
                self.env._("Too many messages were sent from your connection. Please try again later.")
            )

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
