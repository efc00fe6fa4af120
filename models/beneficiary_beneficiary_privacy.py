from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from .beneficiary_portal_mixin import LONG_TEXT_LIMIT

EXPORTED_FIELDS = (
    "reference", "name", "kind", "id_type", "national_id", "birth_date", "gender", "mobile", "phone",
    "email", "street", "street2", "city", "zip", "lang", "registration_number", "consent_date",
)  # fmt: skip
REGISTRATION_EXPORTED_FIELDS = (
    "name", "program_id", "state", "submitted_date", "confirmed_date", "mobile", "guardian_name", "guardian_phone",
    "motivation",
)  # fmt: skip
EXPORT_MAX_CONTENT = 1024 * 1024  # files up to 1 MB are exported with their content
RESIZED_IMAGES = {
    f"{kind}_{size}" for kind in ("image", "avatar") for size in (128, 256, 512, 1024, 1920)
} - {"image_1920"}
SENSITIVE_EXPORTED_FIELDS = ("monthly_income", "health_notes", "social_research_notes")


class BeneficiaryBeneficiary(models.Model):
    """The beneficiary's rights over their personal data, as exercised on the portal."""

    _inherit = "beneficiary.beneficiary"

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
        """Everything the module holds on the beneficiary, as a JSON-ready dict."""
        self.ensure_one()
        beneficiary_sudo = self.sudo()

        def plain(record, names):
            values = {}
            for name in names:
                value = record[name]
                field = record._fields[name]
                if field.type == "many2one":
                    value = value.display_name or False
                elif field.type in ("one2many", "many2many"):
                    value = value.mapped("display_name")
                elif field.type in ("date", "datetime"):
                    value = fields.Datetime.to_string(value) if value else False
                elif field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value, value) if value else False
                values[name] = value
            return values

        data = plain(beneficiary_sudo, EXPORTED_FIELDS + SENSITIVE_EXPORTED_FIELDS)
        data["category"] = beneficiary_sudo.category_id.name
        data["domains"] = beneficiary_sudo.domain_ids.mapped("name")
        data["consent_purposes"] = beneficiary_sudo.consent_purpose_ids.mapped("name")
        data["family_members"] = [
            plain(member, ("name", "relation", "gender", "birth_date", "national_id"))
            for member in beneficiary_sudo.member_line_ids
        ]
        data["requests"] = [
            dict(
                plain(
                    request,
                    ("name", "service_type_id", "channel_id", "state", "date_received", "date_decision"),
                ),
                description=request.description and str(request.description),
                decision_reason=request.decision_reason,
                documents=[
                    {
                        "document": doc.document_type_id.name,
                        "state": doc.state,
                        "files": doc.attachment_ids.mapped("name"),
                    }
                    for doc in request.document_ids
                ],
            )
            for request in beneficiary_sudo.request_ids
        ]
        data["complaints"] = [
            dict(
                plain(complaint, ("name", "subject", "category_id", "state", "date_received")),
                description=complaint.description and str(complaint.description),
            )
            for complaint in beneficiary_sudo.complaint_ids
        ]
        data["compensations"] = [
            plain(comp, ("name", "basis", "state", "amount_agreed"))
            for comp in beneficiary_sudo.compensation_ids
        ]
        data["data_requests"] = [
            plain(dr, ("name", "request_type", "state", "response"))
            for dr in beneficiary_sudo.data_request_ids
        ]
        data["consents"] = [
            plain(
                consent, ("purpose_id", "date", "channel_id", "state", "withdrawn_date", "withdrawal_reason")
            )
            for consent in beneficiary_sudo.consent_ids
        ]
        records = beneficiary_sudo._anonymize_records()
        data["eligibility_assessments"] = [
            dict(
                plain(
                    assessment,
                    (
                        "name",
                        "request_id",
                        "method",
                        "state",
                        "date",
                        "result",
                        "recommendation",
                        "visit_address",
                    ),
                ),
                findings=assessment.findings and str(assessment.findings),
            )
            for assessment in records.get("beneficiary.eligibility.assessment", [])
        ]
        data["program_registrations"] = [
            plain(registration, REGISTRATION_EXPORTED_FIELDS)
            for registration in records.get("beneficiary.program.registration", [])
        ]
        data["documents"] = self._export_attachments(records)
        return data

    def _export_attachments(self, records):
        """The files the association keeps on the beneficiary and their records: name,
        type, size and, for small files, the content (base64)."""
        records = dict(records, **{"res.partner": self.sudo().partner_id})
        domain = [("id", "=", 0)]
        for model, recordset in records.items():
            if recordset:
                domain = ["|", *domain, "&", ("res_model", "=", model), ("res_id", "in", recordset.ids)]
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.search(["|", ("res_field", "=", False), ("res_field", "!=", False), *domain])
        attachments |= records["beneficiary.request.document"].attachment_ids
        attachments |= records["beneficiary.compensation"].evidence_attachment_ids
        documents = []
        # the contact's photo once, not its resized copies
        attachments = attachments.filtered(lambda a: not a.res_field or a.res_field not in RESIZED_IMAGES)
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
