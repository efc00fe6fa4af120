from collections import defaultdict

from lxml import html
from markupsafe import Markup

from odoo import Command, api, models


class BeneficiaryNotification(models.AbstractModel):
    """Notifications to beneficiaries, posted and queued in batches.

    ``_notify(records, template)`` posts on each record the message rendered from a
    ``mail.template`` in its recipient's language, addressed to the record's contact,
    and puts its e-mail in Odoo's mail queue (``mail.mail``); given SMS texts, it also
    puts an SMS in Odoo's SMS queue (``sms.sms``, when the SMS app is installed). Nothing
    is sent while the user waits: the queues' crons send in batches, and are woken up.

    Each step is one batch for all the records (the template compiled once per
    language, one ``create`` per table), so that notifying thousands of beneficiaries
    costs a few milliseconds each. A channel is a method that queues rows for messages
    already posted (``_queue_email``, ``_queue_sms``): a new channel queues its rows the
    same way.
    """

    _name = "beneficiary.notification"
    _description = "Notifications to Beneficiaries"

    @api.model
    def _notify(self, records, template, sms_bodies=None, partner_field="partner_id"):
        """Post ``template`` on each of ``records`` (a ``mail.thread`` model) for its
        ``partner_field`` contact and queue the e-mail, and the SMS of ``sms_bodies``
        ({record id: text}). Records without contact are skipped. Returns the messages."""
        records = records.filtered(partner_field)
        if not records or not template:
            return self.env["mail.message"]
        partners = {record.id: record[partner_field] for record in records}
        langs = template._render_lang(records.ids)
        subjects = {}
        bodies = {}
        for lang, lang_records in self._group_by_lang(records, langs).items():
            localized = template.with_context(lang=lang)
            subjects.update(localized._render_field("subject", lang_records.ids))
            bodies.update(self._render_body(localized, lang_records))
        author = self.env.user.partner_id
        senders = template._render_field("email_from", records.ids) if template.email_from else {}
        email_from = author.email_formatted
        reply_to = records._notify_get_reply_to(default=email_from)
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        messages = self._create_rows(
            "mail.message",
            [
                {
                    "model": records._name,
                    "res_id": record.id,
                    "record_name": record.display_name,
                    "message_type": "comment",
                    "subtype_id": comment,
                    "author_id": author.id,
                    "email_from": senders.get(record.id) or email_from,
                    "reply_to": reply_to.get(record.id) or email_from,
                    "subject": subjects.get(record.id) or record.display_name,
                    "body": bodies[record.id],
                    "partner_ids": [Command.link(partners[record.id].id)],
                }
                for record in records
            ],
        )
        self._queue_email(messages, partners, auto_delete=template.auto_delete)
        if sms_bodies:
            self._queue_sms(messages, partners, sms_bodies)
        return messages

    @api.model
    def _group_by_lang(self, records, langs):
        groups = defaultdict(list)
        for record in records:
            groups[langs.get(record.id) or self.env.lang or "en_US"].append(record.id)
        return {lang: records.browse(ids) for lang, ids in groups.items()}

    @api.model
    def _render_body(self, template, records):
        """``template``'s body for each record ({id: Markup}), in the template's context
        language: the QWeb body compiled once for all the records (``_render_field``
        compiles it again for each record)."""
        source = template.body_html
        if not source:
            return dict.fromkeys(records.ids, Markup())
        renderer = self.env["mail.render.mixin"].with_context(lang=template.env.lang)
        variables = renderer._render_eval_context()
        qweb = self.env["ir.qweb"].with_context(lang=template.env.lang)
        functions, name = qweb._compile(html.fragment_fromstring(source, create_parent="div"))
        render = functions[name]
        bodies = {}
        for record in records.with_context(lang=template.env.lang):
            values = dict(variables, object=record)
            rendered = "".join(render(qweb._prepare_environment(values), values))
            # the <div> added around the template, as _render_template_qweb removes it
            bodies[record.id] = Markup(renderer._replace_local_links(rendered[5:-6]))
        return bodies

    @api.model
    def _queue_email(self, messages, partners, auto_delete=False):
        """One outgoing ``mail.mail`` per message for its contact, tracked by a
        notification (the envelope of the message shows its fate), then the mail
        queue's cron is woken up."""
        mails = (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    {
                        "mail_message_id": message.id,
                        "body_html": message.body,
                        "recipient_ids": [Command.link(partners[message.res_id].id)],
                        "state": "outgoing",
                        "auto_delete": auto_delete,
                        "is_notification": True,
                    }
                    for message in messages
                ]
            )
        )
        self._create_rows(
            "mail.notification",
            [
                {
                    "author_id": mail.author_id.id,
                    "mail_message_id": mail.mail_message_id.id,
                    "mail_mail_id": mail.id,
                    "res_partner_id": partners[mail.res_id].id,
                    "notification_type": "email",
                    "notification_status": "ready",
                    "is_read": True,
                }
                for mail in mails
            ],
        )
        self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return mails

    @api.model
    def _queue_sms(self, messages, partners, sms_bodies):
        """Put the SMS text of each message's record in Odoo's SMS queue for the
        contact's mobile, when the SMS app is installed (its cron sends them). The SMS is
        a second delivery of the same message: its notification (to the number, as the
        SMS app notifies numbers) shows on the message beside the e-mail's."""
        if "sms.sms" not in self.env:
            return self.env["sms.sms"]
        vals_list = []
        for message in messages:
            body = sms_bodies.get(message.res_id)
            if body:
                partner = partners[message.res_id]
                number = partner.phone_sanitized or partner.mobile
                vals_list.append(
                    {
                        "mail_message_id": message.id,
                        "partner_id": partner.id,
                        "number": number,
                        "body": body,
                        "state": "outgoing" if number else "error",
                        "failure_type": False if number else "sms_number_missing",
                    }
                )
        sms_list = self.env["sms.sms"].sudo().create(vals_list)
        self._create_rows(
            "mail.notification",
            [
                {
                    "author_id": sms.mail_message_id.author_id.id,
                    "mail_message_id": sms.mail_message_id.id,
                    "sms_number": sms.number,
                    "notification_type": "sms",
                    "sms_id_int": sms.id,
                    "sms_tracker_ids": [Command.create({"sms_uuid": sms.uuid})]
                    if sms.state == "outgoing"
                    else False,
                    "is_read": True,
                    "notification_status": "ready" if sms.state == "outgoing" else "exception",
                    "failure_type": sms.failure_type,
                }
                for sms in sms_list
            ],
        )
        self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger()
        return sms_list

    @api.model
    def _create_rows(self, model, vals_list):
        """``create`` of many rows of a technical model with its defaults computed once
        (the ORM computes them again for each row). A default drawn for each row (a
        message id) is not in the defaults, and is left to ``create``."""
        Model = self.env[model].sudo()
        defaults = {
            name: value
            for name, value in Model._add_missing_default_values({}).items()
            if name not in ("message_id",)
        }
        return Model.create([dict(defaults, **vals) for vals in vals_list])
