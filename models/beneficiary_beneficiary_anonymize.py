from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

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
