from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from .beneficiary_portal_mixin import LONG_TEXT_LIMIT

EXPORTED_FIELDS = (
    "reference", "name", "kind", "id_type", "national_id", "birth_date", "gender", "mobile", "phone",
    "email", "street", "street2", "city", "zip", "lang", "registration_number", "consent_date",
)  # fmt: skip
EXPORT_MAX_CONTENT = 1024 * 1024  # files up to 1 MB are exported with their content
RESIZED_IMAGES = {
    f"{kind}_{size}" for kind in ("image", "avatar") for size in (128, 256, 512, 1024, 1920)
} - {"image_1920"}
SENSITIVE_EXPORTED_FIELDS = ("monthly_income", "health_notes", "social_research_notes")


class BeneficiaryBeneficiary(models.Model):
    """The beneficiary's rights over their personal data, as exercised on the portal."""

    _inherit = "beneficiary.beneficiary"
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
