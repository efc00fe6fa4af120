import base64
import binascii
import hashlib
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, plaintext2html
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.sql import create_index

from ..lib.outside_text import file_name, plain_text

ALLOWED_MIMETYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
}
DEFAULT_MAX_UPLOAD_MB = 5
LOW_RATING = 1  # "Dissatisfied" on Odoo's 1 / 3 / 5 scale
# what a beneficiary or a visitor may type in one field: a name or a subject, a letter
TEXT_LIMIT = 200
LONG_TEXT_LIMIT = 10000
# a drawn signature (a declaration, an acknowledgment of the policy)
SIGNATURE_MIMETYPES = ("image/png", "image/jpeg")
SIGNATURE_MAX_BYTES = 1024 * 1024
# first key of the advisory locks that serialise the submissions of one sender
THROTTLE_LOCK = 0x62720001


class PortalThrottled(UserError):
    """The sender sent as many submissions of a public form as allowed in the last hour."""


class BeneficiaryPortalMixin(models.AbstractModel):
    """What requests and complaints share on the portal: text and uploads from outside
    made safe, access links that follow the record's owner, the rating of a closed
    record, and the follow-up of an unhappy beneficiary."""

    _name = "beneficiary.portal.mixin"
    # what it relies on: the token (portal.mixin), the rating (rating.mixin, a mail.thread),
    # the states and the responsible officer (beneficiary.sla.mixin, a workflow mixin)
    _inherit = ["portal.mixin", "rating.mixin", "beneficiary.sla.mixin"]
    _description = "Beneficiary Portal Helpers"
    # who the record belongs to: when one of them changes, the links sent before stop working
    _portal_owner_fields = ("beneficiary_id", "partner_id")
    # the public forms' hourly allowance per sender: its system parameter and default
    _portal_throttle_param = None
    _portal_throttle_default = 5

    portal_ip_hash = fields.Char(
        string="Sender Fingerprint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="A one-way hash of the sender's address, to throttle abusive submissions.",
    )

    def init(self):
        """The portal lists a beneficiary's records newest first: with (partner_id, id)
        PostgreSQL reads the 80 rows of the page directly, instead of walking the whole
        table backwards by id (measured by ``make bench``, README, Performance)."""
        if not self._abstract and "partner_id" in self._fields and self._fields["partner_id"].store:
            create_index(
                self.env.cr, f"{self._table}__partner_id_id_index", self._table, ["partner_id", "id"]
            )
        return super().init()

    def write(self, vals):
        if not set(vals) & set(self._portal_owner_fields):
            return super().write(vals)
        before = {record.id: (record._portal_owner(), record.partner_id) for record in self}
        result = super().write(vals)
        moved = self.filtered(lambda record: record._portal_owner() != before[record.id][0])
        if moved:
            # the links mailed before stop working (a new token is made when one is needed);
            # written below the models' own write: renewing a link is no edit of the record
            super(BeneficiaryPortalMixin, moved).write({"access_token": False})
            for record in moved:
                record._portal_forget_owner(before[record.id][1])
        return result

    def _portal_owner(self):
        return tuple(self[name].id for name in self._portal_owner_fields)

    def _portal_forget_owner(self, partner):
        """The record changed owner: ``partner``, its former owner, stops following it and
        its rating link stops working."""
        self.ensure_one()
        record_sudo = self.sudo()
        if partner and partner != record_sudo.partner_id:
            record_sudo.message_unsubscribe(partner_ids=partner.ids)
            # sudo: the former owner's rating link, which staff do not manage
            for rating_sudo in record_sudo.rating_ids.filtered(lambda rating: rating.partner_id == partner):
                rating_sudo.access_token = rating_sudo._default_access_token()

    # ------------------------------------------------------------------ text from outside
    @api.model
    def _portal_text(self, value, label, limit=TEXT_LIMIT):
        """What a beneficiary, a visitor or a mail sender typed, as plain text that can be
        stored (``lib.outside_text.plain_text``), stripped; refused with a message naming
        ``label`` when longer than ``limit`` characters."""
        text = plain_text(value).strip()
        if len(text) > limit:
            raise ValidationError(
                self.env._(
                    "%(field)s is too long (%(length)s characters): please keep it under %(limit)s characters.",
                    field=label,
                    length=len(text),
                    limit=limit,
                )
            )
        return text

    @api.model
    def _portal_check_signature(self, signature):
        """A drawn signature: a PNG or JPEG image in base64 (text or bytes), of a
        reasonable size; a ValidationError otherwise."""
        try:
            if isinstance(signature, bytes):
                signature = signature.decode()
            if not isinstance(signature, str) or len(signature) > SIGNATURE_MAX_BYTES * 4 // 3 + 4:
                raise ValueError(signature)
            image = base64.b64decode(signature, validate=True)
        except (ValueError, binascii.Error):
            image = b""
        if not image or guess_mimetype(image) not in SIGNATURE_MIMETYPES:
            raise ValidationError(self.env._("The signature could not be read, please sign again."))

    @api.model
    def _portal_text_to_html(self, text):
        """Plain text for an Html field: escaped, its line breaks kept."""
        text = plain_text(text).strip()
        return plaintext2html(text) if text else False

    @api.model
    def _portal_mail_text(self, body, limit=LONG_TEXT_LIMIT * 10):
        """The body of an e-mail from outside as plain text: no style, image, form or link
        of the sender's reaches an officer's screen (links and images are kept as their
        addresses, in text)."""
        text = tools.html2plaintext(plain_text(body)) if body else ""
        return text[:limit] + "\n[…]" if len(text) > limit else text

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        """E-mails received on the record (a complaint mailed to the alias, a reply to a
        notification) are posted as plain text."""
        if kwargs.get("message_type") == "email" and kwargs.get("body"):
            kwargs["body"] = self._portal_text_to_html(self._portal_mail_text(kwargs["body"])) or ""
        return super().message_post(**kwargs)

    # ------------------------------------------------------------------ allowance of public forms
    @api.model
    def _portal_hash_ip(self, address):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hashlib.sha256(f"{secret}:{address}".encode()).hexdigest()

    @api.model
    def _portal_limit_per_hour(self):
        default = self._portal_throttle_default
        value = self._portal_throttle_param and self.env["ir.config_parameter"].sudo().get_param(
            self._portal_throttle_param
        )
        try:
            return max(int(value), 1) if value else default
        except ValueError:
            return default

    @api.model
    def _portal_throttle_message(self):
        return self.env._("Too many messages were sent from your connection. Please try again later.")

    @api.model
    def _portal_check_throttle(self, address):
        """Refuse a submission when its sender sent their allowance of records of this
        model in the last hour: a logged-in user counts their own, a visitor those from
        their address (records carry the sender's ``portal_ip_hash``).

        Parallel posts must not all pass the check before any of them is saved: the
        submissions of one sender are serialised by a transaction-level advisory lock
        (held until this transaction ends), and the count is read in a transaction of
        its own, which sees the records the previous holder committed after this
        transaction began (Odoo's transactions read one snapshot from their start)."""
        if self.env.user._is_public():
            key = f"{self._name}:address:{self._portal_hash_ip(address)}"
            sender = SQL("portal_ip_hash = %s", self._portal_hash_ip(address))
        else:
            key = f"{self._name}:user:{self.env.uid}"
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
            raise PortalThrottled(self._portal_throttle_message())

    # ------------------------------------------------------------------ uploads
    @api.model
    def _portal_max_upload_bytes(self):
        value = self.env["ir.config_parameter"].sudo().get_param("beneficiary_relations.portal_upload_max_mb")
        try:
            megabytes = float(value) if value else DEFAULT_MAX_UPLOAD_MB
        except ValueError:
            megabytes = DEFAULT_MAX_UPLOAD_MB
        return int(megabytes * 1024 * 1024)

    @api.model
    def _portal_check_upload(self, filename, data):
        """Refuse empty, oversized and disallowed files with a clear message."""
        filename = file_name(filename)
        if not data:
            raise ValidationError(self.env._("The file %(name)s is empty.", name=filename))
        limit = self._portal_max_upload_bytes()
        if len(data) > limit:
            raise ValidationError(
                self.env._(
                    "The file %(name)s is too large (%(size)s MB): files up to %(limit)s MB are accepted.",
                    name=filename,
                    size=round(len(data) / 1024 / 1024, 1),
                    limit=round(limit / 1024 / 1024, 1),
                )
            )
        mimetype = guess_mimetype(data)
        if mimetype not in ALLOWED_MIMETYPES:
            raise ValidationError(
                self.env._(
                    "The file %(name)s is not accepted: send a PDF or a photo (%(types)s).",
                    name=filename,
                    types=", ".join(ALLOWED_MIMETYPES.values()),
                )
            )
        return mimetype

    @api.model
    def _portal_prepare_attachment_vals(self, filename, data, res_model, res_id):
        filename = file_name(filename)
        return {
            "name": filename,
            "datas": base64.b64encode(data),
            "mimetype": self._portal_check_upload(filename, data),
            "res_model": res_model,
            "res_id": res_id,
        }

    # ------------------------------------------------------------------ rating
    def _portal_can_rate(self):
        self.ensure_one()
        # rated once the matter is over and was answered (a cancelled request is not)
        return (
            self.state in self._workflow_states_closed
            and self.state in self._workflow_states_decided
            and bool(self.partner_id)
        )

    def _portal_rating_token(self):
        """The token of the beneficiary's rating of this record (created on first use)."""
        self.ensure_one()
        return self.sudo()._rating_get_access_token(partner=self.partner_id)

    def rating_apply(
        self, rate, token=None, rating=None, feedback=None, subtype_xmlid=None, notify_delay_send=False
    ):
        # the feedback comes from Odoo's rating page, open to whoever has the link
        feedback = plain_text(feedback).strip()[:LONG_TEXT_LIMIT] or None
        result = super().rating_apply(
            rate, token=token, rating=rating, feedback=feedback, subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )  # fmt: skip
        low = self.filtered(
            lambda record: rate <= int(record.company_id.beneficiary_low_rating_threshold or LOW_RATING)
        )
        if low:
            low._portal_follow_up_low_rating(feedback)
        return result

    def _portal_follow_up_low_rating(self, feedback):
        """An unhappy beneficiary is called back by their liaison officer."""
        for record in self:
            officer = record._sla_responsible_user()
            if officer:
                record.sudo().activity_schedule(
                    "mail.mail_activity_data_call",
                    user_id=officer.id,
                    summary=self.env._("Call back a dissatisfied beneficiary"),
                    note=self._portal_text_to_html(feedback) or "",
                )
        self.filtered(
            lambda record: record.company_id.beneficiary_low_rating_complaint
        )._portal_low_rating_complaint(feedback)

    def _portal_low_rating_complaint(self, feedback):
        """Where the association asks for it, a low rating also opens a complaint for the
        beneficiary, received through the portal and linked to the rated record."""
        complaint_vals = []
        for record in self:
            record_sudo = record.sudo()
            company = record_sudo.company_id
            category = company.beneficiary_low_rating_category_id or self.env[
                "beneficiary.complaint.category"
            ].sudo().search([("company_id", "in", (company.id, False)), ("kind", "=", "complaint")], limit=1)
            if not category:
                continue
            vals = {
                "company_id": company.id,
                "category_id": category.id,
                "channel_id": self.env.ref("beneficiary_relations.channel_portal").id,
                "beneficiary_id": record_sudo.beneficiary_id.id,
                "partner_id": record_sudo.partner_id.id,
                "subject": self.env._("Low rating of %(reference)s", reference=record_sudo.name),
                "description": self._portal_text_to_html(feedback),
            }
            if record._name == "beneficiary.service.request":
                vals["request_id"] = record.id
            else:
                vals["rated_complaint_id"] = record.id
                vals["request_id"] = record_sudo.request_id.id
            complaint_vals.append(vals)
        if complaint_vals:
            # sudo: the rating is given by the beneficiary (portal or e-mailed token)
            self.env["beneficiary.complaint"].sudo().create(complaint_vals)
