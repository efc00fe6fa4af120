from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# free text that may hold personal values, per model of the beneficiary's records: erased
# on anonymisation (required ones get a neutral label); states, dates, categories, service
# types and amounts are kept for the statistics
ANONYMIZED_FIELDS = {
    "beneficiary.beneficiary": (
        "national_id", "representative_national_id", "registration_number", "state_reason", "birth_date",
        "monthly_income", "health_notes", "social_research_notes", "legal_hold_reason",
    ),
    "beneficiary.family.member": ("name", "national_id", "birth_date"),
    "beneficiary.service.request": (
        "description", "decision_reason", "cancel_reason", "next_steps", "declaration_signer_name",
    ),
    "beneficiary.request.document": ("note",),
    "beneficiary.complaint": (
        "subject", "description", "contact_name", "contact_email", "contact_mobile", "resolution",
        "rejection_reason", "settlement_terms", "settlement_accepted_by", "portal_ip_hash",
    ),
    "beneficiary.data.request": ("description", "response"),
    "beneficiary.consent": ("withdrawal_reason",),
    "beneficiary.compensation": ("damage_description", "damage_causes", "rejection_reason", "cancel_reason"),
    "beneficiary.compensation.negotiation": ("notes",),
    "beneficiary.eligibility.assessment": ("findings", "recommendation", "visit_address"),
    "beneficiary.eligibility.assessment.line": ("note",),
    "beneficiary.program.registration": (
        "mobile", "guardian_name", "guardian_phone", "motivation", "interview_notes", "rejection_reason",
        "id_copy_filename",
    ),
    "beneficiary.program.attendance": ("note",),
}  # fmt: skip
# what the beneficiary's contact loses
ANONYMIZED_PARTNER_VALUES = {
    "email": False, "phone": False, "mobile": False, "street": False, "street2": False, "city": False,
    "zip": False, "state_id": False, "website": False, "comment": False, "vat": False, "ref": False,
    "function": False, "title": False, "image_1920": False, "company_name": False,
}  # fmt: skip
# partner values searched for and replaced in texts shared with other beneficiaries
PERSONAL_PARTNER_FIELDS = ("name", "email", "phone", "mobile", "street", "street2")


class BeneficiaryBeneficiary(models.Model):
    """Anonymisation of a beneficiary who asked for the erasure of their data and has no
    legal reason to be kept (Saudi Personal Data Protection Law): personal values go,
    counts and statistics stay."""

    _inherit = "beneficiary.beneficiary"

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
        open_requests = records["beneficiary.service.request"].filtered(
            lambda request: request.state not in request._workflow_states_closed
        )
        if open_requests:
            reasons.append(
                self.env._(
                    "requests are still open (%(names)s)", names=", ".join(open_requests.mapped("name"))
                )
            )
        open_complaints = records["beneficiary.complaint"].filtered(
            lambda complaint: complaint.state not in complaint._workflow_states_closed
        )
        if open_complaints:
            reasons.append(
                self.env._(
                    "complaints are still open (%(names)s)", names=", ".join(open_complaints.mapped("name"))
                )
            )
        unpaid = records["beneficiary.compensation"].filtered(
            lambda compensation: compensation.state not in compensation._workflow_states_closed
        )
        if unpaid:
            reasons.append(
                self.env._(
                    "compensations are not paid yet (%(names)s)", names=", ".join(unpaid.mapped("name"))
                )
            )
        open_data_requests = records["beneficiary.data.request"].filtered(
            lambda data_request: (
                data_request.request_type != "erasure"
                and data_request.state in data_request._workflow_states_open
            )
        )
        if open_data_requests:
            reasons.append(
                self.env._(
                    "personal data requests are still open (%(names)s)",
                    names=", ".join(open_data_requests.mapped("name")),
                )
            )
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
        """The beneficiary's records, per model (as superuser, archived included)."""
        self.ensure_one()
        env = self.env
        requests = env["beneficiary.service.request"].search([("beneficiary_id", "=", self.id)])
        complaints = env["beneficiary.complaint"].search(
            ["|", ("beneficiary_id", "=", self.id), ("partner_id", "=", self.partner_id.id)]
        )
        compensations = env["beneficiary.compensation"].search([("beneficiary_id", "=", self.id)])
        records = {
            "beneficiary.beneficiary": self,
            "beneficiary.family.member": self.member_line_ids,
            "beneficiary.service.request": requests,
            "beneficiary.request.document": requests.document_ids,
            "beneficiary.complaint": complaints,
            "beneficiary.data.request": self.data_request_ids,
            "beneficiary.consent": self.consent_ids,
            "beneficiary.compensation": compensations,
            "beneficiary.compensation.negotiation": compensations.negotiation_ids,
        }
        if "beneficiary.eligibility.assessment" in env:
            assessments = env["beneficiary.eligibility.assessment"].search([("beneficiary_id", "=", self.id)])
            records["beneficiary.eligibility.assessment"] = assessments
            records["beneficiary.eligibility.assessment.line"] = assessments.line_ids
        if "beneficiary.program.registration" in env:
            records["beneficiary.program.registration"] = env["beneficiary.program.registration"].search(
                [("beneficiary_id", "=", self.id)]
            )
            records["beneficiary.program.attendance"] = env["beneficiary.program.attendance"].search(
                [("beneficiary_id", "=", self.id)]
            )
        return records

    def _anonymize_personal_values(self):
        """The values to look for in texts shared with other beneficiaries (visits)."""
        self.ensure_one()
        values = [self.partner_id[name] for name in PERSONAL_PARTNER_FIELDS]
        values += [self.national_id, self.representative_national_id, self.registration_number]
        values += self.member_line_ids.mapped("name") + self.member_line_ids.mapped("national_id")
        return sorted({value for value in values if value and len(value) > 2}, key=len, reverse=True)

    def _anonymize(self):
        self.ensure_one()
        label = self._anonymize_label()
        neutral = self.env._("Anonymised")
        personal_values = self._anonymize_personal_values()
        records = self._anonymize_records()
        records["res.partner"] = self.partner_id

        # shared texts first, while the values are still known
        visits = self.env["beneficiary.visit"].search([("beneficiary_ids", "in", self.ids)])
        for visit in visits:
            for name in ("findings", "actions"):
                text = visit[name] and str(visit[name])
                if text:
                    for value in personal_values:
                        text = text.replace(value, label)
                    visit[name] = text

        self._anonymize_attachments(records)
        self._anonymize_messages(records, label)
        for model, names in ANONYMIZED_FIELDS.items():
            if records.get(model):
                self._anonymize_columns(records[model], names, neutral)
        self.env.invalidate_all()
        for user in self.partner_id.user_ids.filtered("share"):
            user.write({"active": False, "login": f"anonymised-{self.id}-{user.id}"})
        self.partner_id.write(dict(ANONYMIZED_PARTNER_VALUES, name=label))
        self.write({"anonymized_date": fields.Datetime.now(), "legal_hold": False})
        self.message_post(body=self.env._("The beneficiary's personal data was anonymised on their request."))

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
        Attachment = self.env["ir.attachment"]
        domain = [("id", "=", 0)]
        for model, recordset in records.items():
            if recordset:
                domain = [
                    "|",
                    *domain,
                    "&",
                    ("res_model", "=", model),
                    ("res_id", "in", recordset.ids),
                ]
        # the binary fields stored as attachments are found only when res_field is searched
        attachments = Attachment.search(["|", ("res_field", "=", False), ("res_field", "!=", False), *domain])
        attachments |= records["beneficiary.request.document"].attachment_ids
        attachments |= records["beneficiary.compensation"].evidence_attachment_ids
        attachments.unlink()

    def _anonymize_messages(self, records, label):
        """Chatter of the records: bodies, subjects, senders and tracked values erased (the
        states tracked are kept); ratings keep their value and lose their comment."""
        conditions = [
            SQL("(model = %s AND res_id IN %s)", model, tuple(recordset.ids))
            for model, recordset in records.items()
            if recordset
        ]
        conditions.append(SQL("author_id = %s", self.partner_id.id))
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
        if not message_ids:
            return
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
                          old_value_datetime = CASE WHEN field.name = 'birth_date' THEN NULL
                                                    ELSE tracking.old_value_datetime END,
                          new_value_datetime = CASE WHEN field.name = 'birth_date' THEN NULL
                                                    ELSE tracking.new_value_datetime END
                     FROM ir_model_fields field
                    WHERE field.id = tracking.field_id
                      AND field.ttype != 'selection'
                      AND tracking.mail_message_id IN %s""",
                message_ids,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE mail_mail SET body_html = NULL, email_to = NULL WHERE mail_message_id IN %s",
                message_ids,
            )
        )
        for model in ("beneficiary.service.request", "beneficiary.complaint"):
            if records.get(model):
                self.env.cr.execute(
                    SQL(
                        "UPDATE rating_rating SET feedback = NULL WHERE res_model = %s AND res_id IN %s",
                        model,
                        tuple(records[model].ids),
                    )
                )
                self.env.cr.execute(
                    SQL(
                        "UPDATE mail_activity SET note = NULL WHERE res_model = %s AND res_id IN %s",
                        model,
                        tuple(records[model].ids),
                    )
                )
