import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from ..lib import dates
from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, TEXT_LIMIT

SIGNATURE_MIMETYPES = ("image/png", "image/jpeg")
SIGNATURE_MAX_BYTES = 1024 * 1024


class BeneficiaryServiceRequest(models.Model):
    """What a beneficiary does with their requests on the portal. Controllers check who
    is asking and call these methods; the methods check the rest and write as
    superuser only what the beneficiary is entitled to write."""

    _inherit = "beneficiary.service.request"

    portal_status_steps = fields.Json(compute="_compute_portal_status_steps")

    @api.depends(
        "state", "date_received", "date_complete", "date_referred", "date_decision", "date_delivered"
    )
    @api.depends_context("lang")
    def _compute_portal_status_steps(self):
        """The steps of the request and the day each was reached, in the association's
        time zone (a request completed at 01:30 in Riyadh was completed that day)."""
        lang = self.env.lang or "en_US"
        for request in self:
            company = request._sla_company()
            steps = [
                ("submitted", self.env._("Received"), request.date_received),
                ("complete", self.env._("Complete"), request.date_complete),
                ("in_review", self.env._("With the committee"), request.date_referred),
                ("decided", self.env._("Decided"), request.date_decision),
                ("delivered", self.env._("Service delivered"), request.date_delivered),
            ]
            request.portal_status_steps = [
                {
                    "key": key,
                    "label": label,
                    "date": value and dates.format_day(company._beneficiary_local_date(value), lang),
                }
                for key, label, value in steps
            ]

    @api.model
    def _portal_service_types(self, beneficiary):
        """Service types the beneficiary may ask for on the portal."""
        types = self.env["beneficiary.service.type"].search(
            [("portal_published", "=", True), ("company_id", "=", beneficiary.company_id.id)]
        )
        return types.filtered(lambda service_type: service_type._is_allowed_for(beneficiary))

    @api.model
    def _portal_create(self, beneficiary, service_type, description, uploads):
        """Create the request of a portal beneficiary.

        :param beneficiary: the file it is for (the caller checked the user may act for it)
        :param uploads: ``{document type id: (file name, bytes)}``
        Everything is checked before anything is written."""
        if service_type not in self._portal_service_types(beneficiary):
            raise UserError(self.env._("This service cannot be requested on the portal."))
        description = self._portal_text(description, self.env._("Description"), LONG_TEXT_LIMIT)
        if not description:
            raise ValidationError(self.env._("Describe what you need."))
        required = service_type.document_type_ids
        unknown = set(uploads) - set(required.ids)
        if unknown:
            raise ValidationError(self.env._("A file was sent for a document this service does not need."))
        for filename, data in uploads.values():
            self._portal_check_upload(filename, data)
        request_sudo = self.sudo().create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service_type.id,
                "channel_id": self.env.ref("beneficiary_relations.channel_portal").id,
                # typed by the beneficiary: kept as text, never as markup
                "description": self._portal_text_to_html(description),
                "received_by_id": False,
                "company_id": beneficiary.company_id.id,
            }
        )
        for document in request_sudo.document_ids:
            if document.document_type_id.id in uploads:
                document._portal_attach(*uploads[document.document_type_id.id])
        request_sudo.message_subscribe(partner_ids=beneficiary.partner_id.ids)
        if not service_type.declaration_required:
            request_sudo.action_submit()
        return request_sudo

    def _portal_needs_signature(self):
        self.ensure_one()
        return self.state == "draft" and self.declaration_required and not self.declaration_signed_on

    def _portal_sign(self, name, signature):
        """The beneficiary signs the declaration on the portal: the request is submitted.

        :param signature: the drawn signature, a PNG or JPEG image in base64"""
        self.ensure_one()
        if not self._portal_needs_signature():
            raise UserError(self.env._("This request does not wait for your signature."))
        name = self._portal_text(name, self.env._("Name"), TEXT_LIMIT)
        if not name or not signature:
            raise ValidationError(self.env._("Write your name and sign before sending."))
        self._portal_check_signature(signature)
        self.sudo().write({"declaration_signer_name": name, "declaration_signature": signature})
        self.sudo().action_sign_declaration()
        self.sudo().action_submit()

    @api.model
    def _portal_check_signature(self, signature):
        try:
            if not isinstance(signature, str) or len(signature) > SIGNATURE_MAX_BYTES * 4 // 3 + 4:
                raise ValueError(signature)
            image = base64.b64decode(signature, validate=True)
        except (ValueError, binascii.Error):
            image = b""
        if not image or guess_mimetype(image) not in SIGNATURE_MIMETYPES:
            raise ValidationError(self.env._("The signature could not be read, please sign again."))

    def _portal_can_upload(self):
        self.ensure_one()
        return self.state in self._workflow_states_open

    def _portal_upload(self, document, filename, data):
        """A missing (or rejected) document sent later from the portal."""
        self.ensure_one()
        if document.request_id != self or not self._portal_can_upload():
            raise UserError(self.env._("This document cannot be sent any more."))
        if document.state not in ("missing", "rejected"):
            raise UserError(self.env._("This document was already received."))
        document._portal_attach(filename, data)


class BeneficiaryRequestDocument(models.Model):
    _inherit = "beneficiary.request.document"

    def _portal_attach(self, filename, data):
        self.ensure_one()
        Request = self.env["beneficiary.service.request"]
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(Request._portal_prepare_attachment_vals(filename, data, self._name, self.id))
        )
        self.sudo().write({"attachment_ids": [fields.Command.link(attachment.id)]})
        self.request_id.sudo().message_post(
            body=self.env._("Document %(document)s sent on the portal.", document=self.document_type_id.name),
            attachment_ids=[],
        )
