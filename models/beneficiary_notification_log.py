from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models

from ..lib.actions import window_action
from ..lib.channels import CHANNELS
from ..lib.selection import selection_labels

MESSAGE_KINDS = [
    ("acknowledgement", "Acknowledgement"),
    ("documents_missing", "Missing Documents"),
    ("referral", "Referral to the Committee"),
    ("decision", "Decision or Answer"),
    ("registration", "Registration"),
    ("delivery", "Delivery"),
    ("interview", "Interview Invitation"),
    ("call", "Call to Complete Registration"),
    ("receipt", "Payment Receipt"),
    ("rating", "Rating Request"),
    ("survey", "Survey Invitation"),
    ("file_update", "Update of the File"),
    ("id_expiry", "ID Expiry Reminder"),
    ("work_withdrawn", "Published Work Withdrawn"),
]
# Odoo's notification statuses (e-mail and SMS) as the log's states
NOTIFICATION_STATES = {
    "ready": "queued",
    "process": "sent",
    "pending": "sent",
    "sent": "sent",
    "bounce": "failed",
    "exception": "failed",
    "canceled": "cancelled",
}
MAIL_STATES = {
    "outgoing": "queued",
    "sent": "sent",
    "received": "sent",
    "exception": "failed",
    "cancel": "cancelled",
}


class BeneficiaryNotificationLog(models.Model):
    """One message the association sent to a beneficiary or a complainant: what, on which
    channel, when, to whom, and what became of it. Written by the notification service
    and by Odoo's queues (e-mail, SMS) and activities (WhatsApp, phone, letter); read by
    whoever may read the record it is about."""

    _name = "beneficiary.notification.log"
    _inherit = ["beneficiary.personal.data.mixin"]
    _description = "Message to a Beneficiary"
    _order = "date desc, id desc"
    _rec_name = "kind"
    # the address or number written to, the texts: erased with the beneficiary's data; the
    # beneficiary's copy of their data lists the messages they were sent
    _personal_fields = ("recipient", "body", "whatsapp_url", "failure_reason", "fallback_reason")
    _personal_export_key = "messages"
    _personal_export_fields = ("date", "kind", "channel", "recipient", "state")

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    res_model = fields.Char(string="Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, index=True, readonly=True
    )
    record_name = fields.Char(string="About", compute="_compute_record_name")
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", index="btree_not_null", ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Contact", ondelete="set null", readonly=True)
    kind = fields.Selection(MESSAGE_KINDS, string="Message", required=True, index=True, readonly=True)
    channel = fields.Selection(CHANNELS, required=True, index=True, readonly=True)
    preferred_channel = fields.Selection(
        CHANNELS,
        readonly=True,
        help="The channel agreed with the beneficiary, when another one had to be used.",
    )
    fallback_reason = fields.Char(
        readonly=True, help="Why the message did not go through the channel agreed with the beneficiary."
    )
    recipient = fields.Char(string="To", readonly=True, help="The e-mail address or the number written to.")
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("to_do", "To Do by the Officer"),
            ("done", "Done by the Officer"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="queued",
        index=True,
        readonly=True,
    )
    failure_reason = fields.Char(readonly=True)
    date = fields.Datetime(
        string="Sent On", required=True, default=fields.Datetime.now, index=True, readonly=True
    )
    date_done = fields.Datetime(string="Delivered or Done On", readonly=True)
    date_deadline = fields.Datetime(
        string="Deadline", readonly=True, help="The deadline of the record when the message was sent."
    )
    in_time = fields.Boolean(
        string="Within the Deadline",
        readonly=True,
        help="Sent before the record's deadline (or without one).",
    )
    user_id = fields.Many2one(
        "res.users", string="Officer", readonly=True, help="The officer who follows this message up."
    )
    body = fields.Html(
        string="Text", sanitize=True, sanitize_overridable=False, readonly=True,
        help="The text the officer sends, says or prints (WhatsApp, phone, letter).",
    )  # fmt: skip
    whatsapp_url = fields.Char(string="WhatsApp Link", readonly=True)
    mail_message_id = fields.Many2one(
        "mail.message", index="btree_not_null", ondelete="set null", readonly=True
    )
    mail_mail_id = fields.Many2one("mail.mail", index="btree_not_null", ondelete="set null", readonly=True)
    mail_notification_id = fields.Many2one(
        "mail.notification", index="btree_not_null", ondelete="set null", readonly=True
    )
    activity_id = fields.Many2one("mail.activity", index="btree_not_null", ondelete="set null", readonly=True)

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        names = {}
        by_model = defaultdict(set)
        for log in self:
            if log.res_model in self.env:
                by_model[log.res_model].add(log.res_id)
        for model, ids in by_model.items():
            # sudo: the name of a record the reader may read (access follows the record)
            for record in self.env[model].sudo().browse(ids).exists():
                names[model, record.id] = record.display_name
        for log in self:
            log.record_name = names.get((log.res_model, log.res_id), False)

    @api.depends("kind", "channel", "record_name")
    def _compute_display_name(self):
        kinds = selection_labels(self, "kind")
        channels = selection_labels(self, "channel")
        for log in self:
            parts = [kinds.get(log.kind), channels.get(log.channel), log.record_name]
            log.display_name = " - ".join(part for part in parts if part)

    # ------------------------------------------------------------------ access
    def _check_access(self, operation):
        """Read as the record the message is about: whoever may read that request,
        complaint or registration may read its messages. Nobody writes, creates or
        deletes them but the application (no access rights for users)."""
        result = super()._check_access(operation)
        if operation != "read" or not self:
            return result
        logs = self - result[0] if result else self
        if not logs:
            return result
        forbidden_ids = logs._forbidden_by_records()
        if forbidden_ids:
            forbidden = self.browse(forbidden_ids)
            if result:
                return (result[0] + forbidden, result[1])
            return (forbidden, lambda: self.env["ir.rule"]._make_access_error(operation, forbidden))
        return result

    def _forbidden_by_records(self):
        """The ids of the logs whose record the current user may not read."""
        by_model = defaultdict(lambda: defaultdict(list))
        for log in self.sudo():
            by_model[log.res_model][log.res_id].append(log.id)
        forbidden_ids = []
        for model, by_record in by_model.items():
            allowed = set()
            if model in self.env:
                documents = self.env[model].browse(by_record).exists()
                allowed = set(documents._filtered_access("read")._ids)
            for record_id, log_ids in by_record.items():
                if record_id not in allowed:
                    forbidden_ids.extend(log_ids)
        return forbidden_ids

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Only the logs of records the user may read (as ``mail.activity`` does)."""
        if self.env.su:
            return super()._search(domain, offset, limit, order)
        query = super()._search(domain, offset, limit, order)
        rows = self.env.execute_query(
            query.select(
                self._field_to_sql(self._table, "id"),
                self._field_to_sql(self._table, "res_model"),
                self._field_to_sql(self._table, "res_id"),
            )
        )
        by_model = defaultdict(set)
        for _id, res_model, res_id in rows:
            by_model[res_model].add(res_id)
        allowed = {}
        for res_model, res_ids in by_model.items():
            if res_model in self.env:
                documents = self.env[res_model].browse(res_ids).exists()
                allowed[res_model] = set(documents._filtered_access("read")._ids)
        logs = self.browse(
            log_id for log_id, res_model, res_id in rows if res_id in allowed.get(res_model, ())
        )
        return logs._as_query(order)

    # ------------------------------------------------------------------ actions
    @api.model
    def _count_per_record(self, records):
        """``{record id: number of messages logged on it}`` for ``records`` (any model);
        a record without any is missing."""
        return dict(
            self._read_group(
                [("res_model", "=", records._name), ("res_id", "in", records.ids)], ["res_id"], ["__count"]
            )
        )

    @api.model
    def _action_list(self, domain):
        """The list of the messages matching ``domain``, opened from the record they were
        sent for (nothing is created from it)."""
        return window_action(
            self.env, "beneficiary_relations.beneficiary_notification_log_action", domain, {"create": False}
        )

    def action_open_record(self):
        self.ensure_one()
        self.env[self.res_model].browse(self.res_id).check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    def action_done(self):
        """The officer sent, said or handed over the message: their activity is done."""
        logs = self.filtered(lambda log: log.state == "to_do")
        # the officer's own rights on the activities (or on the records) say whether they may
        activities = logs.activity_id
        if activities:
            activities.action_feedback()
        rest = logs.filtered(lambda log: not log.activity_id and log.state == "to_do")
        for log in rest:
            self.env[log.res_model].browse(log.res_id).check_access("write")
        rest.sudo()._set_state("done")
        return True

    def action_print_letter(self):
        letters = self.filtered(lambda log: log.channel == "letter")
        return self.env.ref("beneficiary_relations.action_report_notification_letter").report_action(letters)

    # ------------------------------------------------------------------ status updates
    def _set_state(self, state, failure_reason=None):
        """Move the logs to ``state`` (as superuser, from the queues and activities): a
        failure gives the officer an activity, once."""
        changed = self.filtered(lambda log: log.state != state)
        if not changed:
            return
        vals = {"state": state}
        if state in ("sent", "done"):
            vals["date_done"] = fields.Datetime.now()
        if state == "failed":
            vals["failure_reason"] = (failure_reason or "")[:500] or False
        changed.write(vals)
        if state == "failed":
            changed._schedule_failure_activities()

    @api.model
    def _update_from_mails(self, mails, state):
        """The e-mails ``mails`` changed to ``state`` (a ``mail.mail`` state)."""
        log_state = MAIL_STATES.get(state)
        if not log_state or not mails:
            return
        logs = self.sudo().search([("mail_mail_id", "in", mails.ids), ("channel", "=", "email")])
        if log_state == "failed":
            for log in logs:
                log._set_state("failed", log.mail_mail_id.failure_reason)
        else:
            logs._set_state(log_state)

    @api.model
    def _update_from_notifications(self, notifications, status, failure_reason=None):
        """The SMS notifications ``notifications`` changed to ``status``."""
        log_state = NOTIFICATION_STATES.get(status)
        if not log_state or not notifications:
            return
        logs = self.sudo().search([("mail_notification_id", "in", notifications.ids)])
        if log_state == "failed":
            for log in logs:
                reason = failure_reason or log.mail_notification_id.format_failure_reason()
                log._set_state("failed", reason)
        else:
            logs._set_state(log_state)

    @api.model
    def _update_from_bounce(self, message, email, reason):
        """The e-mail of ``message`` to ``email`` came back."""
        if not message:
            return
        logs = self.sudo().search(
            [("mail_message_id", "=", message.id), ("channel", "=", "email"), ("state", "!=", "failed")]
        )
        email = (email or "").lower()
        logs.filtered(lambda log: not email or (log.recipient or "").lower() == email)._set_state(
            "failed", reason or self.env._("The e-mail came back (bounced).")
        )

    @api.model
    def _update_from_activities(self, activities):
        """The officer marked the activities of messages done."""
        if activities:
            self.sudo().search([("activity_id", "in", activities.ids), ("state", "=", "to_do")])._set_state(
                "done"
            )

    def _schedule_failure_activities(self):
        """The officer of each failed message is asked to reach the beneficiary another way."""
        kinds = selection_labels(self, "kind")
        channels = selection_labels(self, "channel")
        models_ids = {model: self.env["ir.model"]._get_id(model) for model in set(self.mapped("res_model"))}
        todo = self.env.ref("mail.mail_activity_data_todo")
        vals_list = []
        for log in self.filtered("user_id"):
            target_model, target_id = log._activity_target()
            if not target_model:
                continue
            if target_model not in models_ids:
                models_ids[target_model] = self.env["ir.model"]._get_id(target_model)
            note = Markup("<p>%s</p>") % self.env._(
                "The message \u201c%(kind)s\u201d sent by %(channel)s to %(recipient)s did not arrive: "
                "%(reason)s. Please reach the beneficiary another way.",
                kind=kinds.get(log.kind),
                channel=channels.get(log.channel),
                recipient=log.recipient or "-",
                reason=log.failure_reason or self.env._("no reason given"),
            )
            vals_list.append(
                {
                    "res_model_id": models_ids[target_model],
                    "res_id": target_id,
                    "activity_type_id": todo.id,
                    "user_id": log.user_id.id,
                    "summary": self.env._("Message not delivered: %(kind)s", kind=kinds.get(log.kind)),
                    "note": note,
                    "date_deadline": fields.Date.context_today(self),
                }
            )
        if vals_list:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)

    def _activity_target(self):
        """Where the officer's activity about this message goes: its record when it has
        activities, else the beneficiary's file."""
        self.ensure_one()
        if self.res_model in self.env and "activity_ids" in self.env[self.res_model]._fields:
            return self.res_model, self.res_id
        if self.beneficiary_id:
            return "beneficiary.beneficiary", self.beneficiary_id.id
        return False, False
