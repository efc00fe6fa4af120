from collections import defaultdict

from lxml import html
from markupsafe import Markup

from odoo import Command, api, fields, models, tools
from odoo.tools import plaintext2html

from ..lib.channels import OFFICER_CHANNELS
from ..lib.selection import selection_labels
from ..lib.text_messages import whatsapp_url


class BeneficiaryNotification(models.AbstractModel):
    """The one way the module speaks to beneficiaries and complainants.

    ``_send(records, kind)`` tells the person each record is about (a request, a
    complaint, a registration...) the message ``kind`` on the channel agreed with them
    (the beneficiary's preferred channel), or along the association's order of channels
    when that one cannot be used (no e-mail address, no mobile):

    - e-mail and SMS are queued in Odoo's queues (``mail.mail``, ``sms.sms``), in
      batches, and sent by their crons;
    - WhatsApp, a phone call and a letter (handed over or posted) are activities of the
      liaison officer, with the text ready (and the click-to-chat link for WhatsApp).

    Each message is logged (``beneficiary.notification.log``) on the record and the
    beneficiary, and follows what becomes of it (sent, failed, done). The records say
    who they are about and which texts they use (``_notify_recipient``,
    ``_notify_templates``, ``_notify_officer``, ``_notify_deadline``,
    ``_notify_log_record``: see ``beneficiary.workflow.mixin``)."""

    _name = "beneficiary.notification"
    _description = "Notifications to Beneficiaries"

    # ------------------------------------------------------------------ recipients
    @api.model
    def _recipient(
        self, beneficiary=None, partner=None, name=None, email=None, mobile=None, phone=None, channels=None
    ):
        """Who a message goes to, as the service reads it: the beneficiary's file (its
        contact and preferred channel) unless given otherwise; ``channels`` restricts
        the channels tried, in that order (a complainant without a file)."""
        beneficiary = beneficiary or self.env["beneficiary.beneficiary"]
        partner = partner if partner is not None else beneficiary.partner_id
        return {
            "beneficiary": beneficiary,
            "partner": partner or self.env["res.partner"],
            "name": name or partner.name or beneficiary.name or "",
            "email": email if email is not None else partner.email,
            "mobile": mobile if mobile is not None else (beneficiary.mobile or partner.mobile),
            "phone": phone if phone is not None else (beneficiary.phone or partner.phone),
            "preferred": beneficiary.preferred_channel_id.notification_method or False,
            "channels": channels,
        }

    @api.model
    def _missing(self, channel, recipient):
        """Why ``channel`` cannot reach ``recipient`` (False when it can)."""
        if channel == "email":
            return not self._normalized_email(recipient) and self.env._("no e-mail address")
        if channel in ("sms", "whatsapp"):
            return not recipient["mobile"] and self.env._("no mobile number")
        if channel == "phone":
            return not (recipient["mobile"] or recipient["phone"]) and self.env._("no phone number")
        if channel == "letter":
            return not recipient["beneficiary"] and self.env._("no beneficiary file")
        return self.env._("unknown channel")

    @api.model
    def _choose_channel(self, recipient, company):
        """``(channel, fallback_reason)``: the agreed channel when it reaches the
        recipient, else the first of the association's order that does (``False`` when
        none does); the reason says why the agreed one was not used."""
        preferred = recipient["preferred"]
        if recipient["channels"] is not None:
            order = tuple(recipient["channels"])
        else:
            order = ((preferred,) if preferred else ()) + company._beneficiary_notify_order()
        for channel in dict.fromkeys(order):
            if not self._missing(channel, recipient):
                if preferred and channel != preferred:
                    return channel, self._missing(preferred, recipient) or False
                return channel, False
        return False, (preferred and self._missing(preferred, recipient)) or False

    # ------------------------------------------------------------------ sending
    @api.model
    def _send(self, records, kind):
        """Tell each record's beneficiary (or complainant) the message ``kind``.
        Returns the logs of the messages."""
        Log = self.env["beneficiary.notification.log"]
        if not records:
            return Log
        now = fields.Datetime.now()
        plans = []
        templates = {}

        def template(xmlid):
            if xmlid and xmlid not in templates:
                templates[xmlid] = self.env.ref(xmlid, raise_if_not_found=False)
            return templates.get(xmlid) or False

        # whoever moved the record on (a committee member answering a complaint, a
        # beneficiary on the portal) has the association tell its beneficiary, whose
        # contact and liaison officer they may not read themselves
        for record, system in zip(records, records.sudo(), strict=True):
            recipient = system._notify_recipient()
            if not recipient:
                continue
            mail_xmlid, sms_xmlid = record._notify_templates(kind)
            company = self._company(system)
            channel, fallback_reason = self._choose_channel(recipient, company)
            log_record = system._notify_log_record()
            deadline = system._notify_deadline()
            plans.append(
                {
                    "record": record,
                    "recipient": recipient,
                    "channel": channel,
                    "mail_template": template(mail_xmlid),
                    "sms_template": template(sms_xmlid),
                    "log": {
                        "company_id": company.id,
                        "res_model": log_record._name,
                        "res_id": log_record.id,
                        "beneficiary_id": recipient["beneficiary"].id,
                        "partner_id": recipient["partner"].id,
                        "kind": kind,
                        "channel": channel or recipient["preferred"] or "letter",
                        "preferred_channel": recipient["preferred"] if fallback_reason else False,
                        "fallback_reason": fallback_reason,
                        "date": now,
                        "date_deadline": deadline or False,
                        "in_time": not deadline or now <= deadline,
                        "user_id": self._officer(system).id,
                    },
                }
            )
        if not plans:
            return Log
        by_channel = defaultdict(list)
        for plan in plans:
            if not plan["channel"]:
                plan["log"].update(
                    state="failed", failure_reason=self.env._("There is no way to reach this person.")
                )
            elif plan["channel"] == "email" and not plan["mail_template"]:
                plan["log"].update(
                    state="failed", failure_reason=self.env._("This message has no e-mail text.")
                )
            elif plan["channel"] != "email" and not (plan["sms_template"] or plan["mail_template"]):
                plan["log"].update(state="failed", failure_reason=self.env._("This message has no text."))
            else:
                by_channel[plan["channel"]].append(plan)
        for plan_group in self._grouped(by_channel.get("email", []), "mail_template"):
            self._queue_emails(plan_group)
        for plan_group in self._grouped(by_channel.get("sms", []), "sms_template"):
            self._queue_texts(plan_group)
        officer_plans = [plan for channel in OFFICER_CHANNELS for plan in by_channel.get(channel, [])]
        if officer_plans:
            self._schedule_officer_tasks(officer_plans)
        logs = self._create_rows(Log._name, [plan["log"] for plan in plans])
        failed = logs.filtered(lambda log: log.state == "failed")
        if failed:
            failed._schedule_failure_activities()
        return logs.sudo(False)

    @api.model
    def _grouped(self, plans, key):
        groups = defaultdict(list)
        for plan in plans:
            groups[plan[key] or plan["mail_template"]].append(plan)
        return list(groups.values())

    @api.model
    def _company(self, record):
        """The association a message of ``record`` is sent for."""
        for source in (record, record._notify_log_record()):
            if "company_id" in source._fields and source.company_id:
                return source.company_id
        return self.env.company

    @api.model
    def _officer(self, record):
        """The officer who follows a message up: the record's, else the current user
        (staff), else a manager of the association."""
        officer = record._notify_officer()
        if officer:
            return officer[:1]
        if not self.env.user.share:
            return self.env.user
        company = self._company(record)
        managers = self.env.ref("beneficiary_relations.group_manager").sudo().users
        return managers.filtered(lambda user: not user.share and company in user.company_ids)[:1]

    @api.model
    def _author(self, record):
        """What the association tells a beneficiary comes from the association, whoever
        triggered it (a member of staff, the beneficiary filing on the portal, a cron)."""
        return self._company(record).partner_id

    @api.model
    def _email_from(self, record):
        company = self._company(record)
        return company._beneficiary_sender_values().get("email_from") or company.partner_id.email_formatted

    # ------------------------------------------------------------------ e-mail
    @api.model
    def _queue_emails(self, plans):
        """Post one message per record with the e-mail template's subject and body in
        the recipient's language, and queue its e-mail (``mail.mail``): to the contact
        when there is one (its notification follows the e-mail), else to the address."""
        template = plans[0]["mail_template"].sudo()
        records = self.env[template.model].sudo().browse([plan["record"].id for plan in plans])
        langs = template._render_lang(records.ids)
        subjects, bodies = {}, {}
        for lang, lang_records in self._group_by_lang(records, langs).items():
            localized = template.with_context(lang=lang)
            subjects.update(localized._render_field("subject", lang_records.ids))
            bodies.update(self._render_body(localized, lang_records))
        first = records[:1]
        author = self._author(plans[0]["record"])
        email_from = template._render_field("email_from", first.ids)[first.id] or self._email_from(
            plans[0]["record"]
        )
        reply_to = (
            records._notify_get_reply_to(default=email_from)
            if hasattr(records, "_notify_get_reply_to")
            else {}
        )
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        messages = self._create_rows(
            "mail.message",
            [
                {
                    "model": records._name,
                    "res_id": plan["record"].id,
                    "record_name": plan["record"].display_name,
                    "message_type": "comment",
                    "subtype_id": comment,
                    "author_id": author.id,
                    "email_from": email_from,
                    "reply_to": reply_to.get(plan["record"].id) or email_from,
                    "subject": subjects.get(plan["record"].id) or plan["record"].display_name,
                    "body": bodies[plan["record"].id],
                    "partner_ids": [Command.link(plan["recipient"]["partner"].id)]
                    if self._to_contact(plan["recipient"])
                    else [],
                }
                for plan in plans
            ],
        )
        to_contacts = [
            (plan, message)
            for plan, message in zip(plans, messages, strict=True)
            if self._to_contact(plan["recipient"])
        ]
        to_addresses = [
            (plan, message)
            for plan, message in zip(plans, messages, strict=True)
            if not self._to_contact(plan["recipient"])
        ]
        mails = self.env["mail.mail"]
        if to_contacts:
            contact_messages = self.env["mail.message"].browse([message.id for _plan, message in to_contacts])
            partners = {plan["record"].id: plan["recipient"]["partner"] for plan, _message in to_contacts}
            mails |= self._queue_email(contact_messages, partners, auto_delete=template.auto_delete)
        if to_addresses:
            mails |= (
                self.env["mail.mail"]
                .sudo()
                .create(
                    [
                        {
                            "mail_message_id": message.id,
                            "body_html": message.body,
                            "email_to": self._normalized_email(plan["recipient"]),
                            "state": "outgoing",
                            "auto_delete": template.auto_delete,
                            "is_notification": True,
                        }
                        for plan, message in to_addresses
                    ]
                )
            )
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        mail_by_message = {mail.mail_message_id.id: mail for mail in mails}
        if template.attachment_ids or template.report_template_ids:
            self._attach_documents(template, records, messages, mail_by_message)
        for plan, message in zip(plans, messages, strict=True):
            plan["log"].update(
                state="queued",
                recipient=self._normalized_email(plan["recipient"]) or plan["recipient"]["email"],
                mail_message_id=message.id,
                mail_mail_id=mail_by_message[message.id].id,
            )

    @api.model
    def _to_contact(self, recipient):
        """Whether the e-mail goes to the recipient's contact (its own address)."""
        if "to_contact" not in recipient:
            partner = recipient["partner"]
            recipient["to_contact"] = bool(partner) and tools.email_normalize(
                partner.email or ""
            ) == self._normalized_email(recipient)
        return recipient["to_contact"]

    @api.model
    def _normalized_email(self, recipient):
        """The recipient's address, normalised once per message (a batch of thousands
        parses each address once, not at every step)."""
        if "email_normalized" not in recipient:
            recipient["email_normalized"] = tools.email_normalize(recipient["email"] or "")
        return recipient["email_normalized"]

    @api.model
    def _attach_documents(self, template, records, messages, mail_by_message):
        """The template's documents (a receipt voucher...) attached to each message and
        its e-mail, generated for each record."""
        values = template._generate_template_attachments(
            records.ids, ("attachment_ids", "report_template_ids")
        )
        for record, message in zip(records, messages, strict=True):
            generated = values.get(record.id, {})
            attachments = self.env["ir.attachment"].sudo().browse(generated.get("attachment_ids") or [])
            if generated.get("attachments"):
                attachments |= (
                    self.env["ir.attachment"]
                    .sudo()
                    .create(
                        [
                            {
                                "name": name,
                                "datas": content,
                                "type": "binary",
                                "res_model": "mail.message",
                                "res_id": message.id,
                            }
                            for name, content in generated["attachments"]
                        ]
                    )
                )
            if attachments:
                commands = [Command.link(attachment.id) for attachment in attachments]
                message.sudo().attachment_ids = commands
                mail_by_message[message.id].sudo().attachment_ids = commands

    # ------------------------------------------------------------------ SMS
    @api.model
    def _render_texts(self, plans):
        """The short text of each plan's record ({record id: text}), from its SMS template
        in the recipient's language."""
        record_ids = [plan["record"].id for plan in plans]
        if plans[0]["sms_template"]:
            return plans[0]["sms_template"].sudo()._render_field("body", record_ids, compute_lang=True)
        # no short text: the e-mail's, as plain text
        template = plans[0]["mail_template"].sudo()
        records = self.env[template.model].sudo().browse(record_ids)
        texts = {}
        langs = template._render_lang(records.ids)
        for lang, lang_records in self._group_by_lang(records, langs).items():
            for record_id, body in self._render_body(template.with_context(lang=lang), lang_records).items():
                texts[record_id] = tools.html2plaintext(body)
        return texts

    @api.model
    def _queue_texts(self, plans):
        """One SMS per record in Odoo's SMS queue (``sms.sms``), logged on the record as
        Odoo logs an SMS, its notification following the SMS (sent, refused...)."""
        texts = self._render_texts(plans)
        records = [plan["record"] for plan in plans]
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        author = self._author(records[0])
        email_from = self._email_from(records[0])
        messages = self._create_rows(
            "mail.message",
            [
                {
                    "model": record._name,
                    "res_id": record.id,
                    "record_name": record.display_name,
                    "message_type": "sms",
                    "subtype_id": note,
                    "author_id": author.id,
                    # given, so that no address is looked up for each message
                    "email_from": email_from,
                    "reply_to": email_from,
                    "body": plaintext2html(texts[record.id]),
                }
                for record in records
            ],
        )
        sms_list = (
            self.env["sms.sms"]
            .sudo()
            .create(
                [
                    {
                        "mail_message_id": message.id,
                        "partner_id": plan["recipient"]["partner"].id,
                        "number": plan["recipient"]["mobile"],
                        "body": texts[plan["record"].id],
                        "state": "outgoing",
                    }
                    for plan, message in zip(plans, messages, strict=True)
                ]
            )
        )
        notifications = self._create_rows(
            "mail.notification",
            [
                {
                    "author_id": message.author_id.id,
                    "mail_message_id": message.id,
                    "res_partner_id": sms.partner_id.id,
                    "sms_number": sms.number,
                    "notification_type": "sms",
                    "sms_id_int": sms.id,
                    "sms_tracker_ids": [Command.create({"sms_uuid": sms.uuid})],
                    "is_read": True,
                    "notification_status": "ready",
                }
                for message, sms in zip(messages, sms_list, strict=True)
            ],
        )
        self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger()
        for plan, message, notification in zip(plans, messages, notifications, strict=True):
            plan["log"].update(
                state="queued",
                recipient=plan["recipient"]["mobile"],
                mail_message_id=message.id,
                mail_notification_id=notification.id,
            )

    # ------------------------------------------------------------------ officers
    @api.model
    def _schedule_officer_tasks(self, plans):
        """WhatsApp, phone and letter: an activity of the officer with what to send, say
        or print."""
        texts = {}
        for group in self._grouped([plan for plan in plans if plan["channel"] != "letter"], "sms_template"):
            texts.update(self._render_texts(group))
        letters = {}
        for group in self._grouped([plan for plan in plans if plan["channel"] == "letter"], "mail_template"):
            template = group[0]["mail_template"].sudo()
            records = self.env[template.model].sudo().browse([plan["record"].id for plan in group])
            langs = template._render_lang(records.ids)
            for lang, lang_records in self._group_by_lang(records, langs).items():
                letters.update(self._render_body(template.with_context(lang=lang), lang_records))
        types = {
            "whatsapp": self.env.ref("beneficiary_relations.mail_activity_type_whatsapp"),
            "phone": self.env.ref("mail.mail_activity_data_call"),
            "letter": self.env.ref("beneficiary_relations.mail_activity_type_letter"),
        }
        kinds = selection_labels(self.env["beneficiary.notification.log"], "kind")
        model_ids = {}
        today = fields.Date.context_today(self)
        vals_list = []
        for plan in plans:
            record, recipient, channel = plan["record"], plan["recipient"], plan["channel"]
            log = plan["log"]
            text = texts.get(record.id) or tools.html2plaintext(letters.get(record.id) or "")
            kind = kinds.get(log["kind"])
            if channel == "whatsapp":
                url = whatsapp_url(recipient["mobile"], text)
                body = plaintext2html(text)
                note = Markup("%s<p><a href='%s' target='_blank' rel='noopener'>%s</a></p>") % (
                    body,
                    url,
                    self.env._("Open WhatsApp with this message for %(number)s", number=recipient["mobile"]),
                )
                summary = self.env._("Send by WhatsApp: %(kind)s", kind=kind)
                log.update(recipient=recipient["mobile"], whatsapp_url=url, body=body)
            elif channel == "phone":
                number = recipient["mobile"] or recipient["phone"]
                body = plaintext2html(text)
                note = Markup("<p>%s</p>%s") % (
                    self.env._(
                        "Call %(name)s on %(number)s and tell them:", name=recipient["name"], number=number
                    ),
                    body,
                )
                summary = self.env._("Call the beneficiary: %(kind)s", kind=kind)
                log.update(recipient=number, body=body)
            else:
                body = letters.get(record.id) or plaintext2html(text)
                note = Markup("<p>%s</p>%s") % (
                    self.env._(
                        "Print this letter from the messages of the record, then hand it over to "
                        "%(name)s or post it.",
                        name=recipient["name"],
                    ),
                    body,
                )
                summary = self.env._("Hand over the letter: %(kind)s", kind=kind)
                log.update(recipient=recipient["name"], body=body)
            target = self._activity_target(record, recipient)
            if target._name not in model_ids:
                model_ids[target._name] = self.env["ir.model"]._get_id(target._name)
            vals_list.append(
                {
                    "res_model_id": model_ids[target._name],
                    "res_id": target.id,
                    "activity_type_id": types[channel].id,
                    "user_id": log["user_id"],
                    "summary": summary,
                    "note": note,
                    "date_deadline": today,
                }
            )
            log["state"] = "to_do"
        activities = (
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)
        )
        for plan, activity in zip(plans, activities, strict=True):
            plan["log"]["activity_id"] = activity.id

    @api.model
    def _activity_target(self, record, recipient):
        """The record of the officer's activity: the message's record when it has
        activities, else the beneficiary's file."""
        log_record = record._notify_log_record()
        if "activity_ids" in log_record._fields:
            return log_record
        return recipient["beneficiary"] or record

    # ------------------------------------------------------------------ batches
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
