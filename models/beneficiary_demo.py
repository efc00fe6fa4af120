"""What the demo data (demo/*.xml) cannot say in XML: workflow steps taken by the staff
who take them, in Arabic when it is installed, and six months of past requests,
complaints and ratings, so that the analysis, satisfaction and compliance reports of a
new demo show figures. Never called outside demo data."""

import datetime
import random

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

TZ = pytz.timezone("Asia/Riyadh")
PREFIX = "beneficiary_relations."

# the files of the history (demo/beneficiary_beneficiary_demo.xml), all in the service area
HISTORY_BENEFICIARIES = (
    "beneficiary_abdullah_alqahtani_demo",
    "beneficiary_noura_alotaibi_demo",
    "beneficiary_fahad_aldosari_demo",
    "beneficiary_sara_alshehri_demo",
    "beneficiary_mohammed_alghamdi_demo",
    "beneficiary_khalid_alzahrani_demo",
    "beneficiary_hessa_almutairi_demo",
    "beneficiary_turki_alshammari_demo",
    "beneficiary_yousef_almalki_demo",
    "beneficiary_amal_alenezi_demo",
    "beneficiary_saad_alsubaie_demo",
    "beneficiary_lama_alrashidi_demo",
    "beneficiary_fatimah_alhajri_demo",
    "beneficiary_munira_alsaleh_demo",
    "beneficiary_ahmed_madkhali_demo",
    "beneficiary_nasser_alqarni_demo",
    "beneficiary_hind_alamri_demo",
    "beneficiary_rashid_khan_demo",
    "beneficiary_portal_demo",
)
# (service type, share of the requests, what beneficiaries ask for)
HISTORY_SERVICES = (
    (
        "service_type_food_basket_demo",
        35,
        (
            "سلة غذائية شهرية لأسرة من خمسة أفراد.",
            "سلة غذائية شهرية لأم وأبنائها الثلاثة.",
            "سلة غذائية تُسلَّم في المنزل لتعذّر الحضور إلى المستودع.",
        ),
    ),
    (
        "service_type_monthly_aid_demo",
        20,
        (
            "إعانة شهرية لأسرة فقدت عائلها.",
            "إعانة شهرية لتغطية مصاريف العلاج والتنقل.",
        ),
    ),
    (
        "service_type_support_demo",
        35,
        (
            "سداد إيجار المسكن المتأخر لشهرين.",
            "كسوة العيد لثلاثة أبناء.",
            "الحقيبة المدرسية لطفلين في المرحلة الابتدائية.",
            "سداد فاتورة كهرباء متأخرة.",
            "رسوم النقل المدرسي لابنتين للفصل الدراسي.",
        ),
    ),
    (
        "service_type_volunteering_demo",
        10,
        ("أرغب في التطوع في توزيع السلال الغذائية أيام الخميس.",),
    ),
)
HISTORY_CHANNELS = (
    "channel_phone",
    "channel_phone",
    "channel_interview",
    "channel_interview",
    "channel_whatsapp",
    "channel_whatsapp",
    "channel_branch_office",
    "channel_email",
    "channel_website",
)
REJECTION_REASONS = (
    "دخل الأسرة يتجاوز الحد المعتمد للخدمة بحسب البحث الاجتماعي.",
    "يحصل المستفيد على الدعم نفسه من جهة أخرى خلال الفترة نفسها.",
    "لم تُستكمل شروط الخدمة بعد الزيارة الميدانية.",
)
# Odoo's rating scale: 5 satisfied, 3 okay, 1 dissatisfied
RATING_FEEDBACK = {
    5: ("شكراً لكم على سرعة الاستجابة.", "تعامل راقٍ من ضابط الاتصال.", "", ""),
    3: ("تأخر التسليم قليلاً عن الموعد المحدد.", ""),
    1: ("طال انتظار القرار ولم يتواصل معي أحد.", "لم أفهم سبب رفض الطلب."),
}
HISTORY_COMPLAINTS = (
    # (category, channel, subject, description, outcome, text of the outcome)
    (
        "complaint_category_service",
        "channel_phone",
        "تأخر تسليم السلة الغذائية",
        "لم تصلنا السلة الغذائية لهذا الشهر حتى منتصفه.",
        "resolved",
        "تبيّن أن السلة أُرسلت إلى عنوان قديم، فسُلِّمت في اليوم التالي وحُدِّث العنوان في الملف.",
    ),
    (
        "complaint_category_inquiry",
        "channel_whatsapp",
        "استفسار عن شروط الإعانة الشهرية",
        "ما الشروط المطلوبة للتقديم على الإعانة المالية الشهرية؟",
        "resolved",
        "أُرسلت إلى المستفسرة شروط الخدمة والمستندات المطلوبة، وطريقة التقديم عبر البوابة.",
    ),
    (
        "complaint_category_staff",
        "channel_branch_office",
        "سوء تعامل في مكتب الخرج",
        "تعامل موظف الاستقبال بجفاء عند مراجعتي للمكتب.",
        "resolved",
        "استُمع إلى الطرفين، ووُجِّه الموظف كتابياً، واعتذرت الجمعية للمستفيد.",
    ),
    (
        "complaint_category_service",
        "channel_email",
        "عدم الرد على الاتصالات",
        "اتصلت بالجمعية ثلاث مرات دون رد.",
        "resolved",
        "أُضيف خط هاتفي ثانٍ لاستقبال المكالمات في أوقات الذروة، وتواصل ضابط الاتصال مع المستفيدة.",
    ),
    (
        "complaint_category_support",
        "channel_website",
        "تعذّر رفع المستندات في البوابة",
        "تظهر رسالة خطأ عند رفع صورة الهوية.",
        "resolved",
        "كان حجم الصورة أكبر من الحد المسموح؛ شُرح للمستفيد كيف يصغّرها، ورُفعت بنجاح.",
    ),
    (
        "complaint_category_service",
        "channel_letter",
        "الاعتراض على رفض طلب المساعدة",
        "أعترض على رفض طلبي سداد الإيجار.",
        "rejected",
        "قرار اللجنة مبني على البحث الاجتماعي ودخل الأسرة الموثق، ولم تُقدَّم معلومات جديدة تغيّره.",
    ),
    (
        "complaint_category_inquiry",
        "channel_phone",
        "استفسار عن موعد برنامج الأسر المنتجة",
        "متى يبدأ التسجيل في برنامج الأسر المنتجة؟",
        "resolved",
        "أُبلغت المستفسرة بموعد فتح التسجيل، وسُجِّل رقمها لإشعارها عند الإعلان.",
    ),
    (
        "complaint_category_service",
        "channel_whatsapp",
        "نقص في محتويات السلة الغذائية",
        "وصلت السلة ناقصة الأرز والزيت.",
        "resolved",
        "استُكملت المواد الناقصة في اليوم نفسه، وأُضيفت قائمة فحص عند التعبئة في المستودع.",
    ),
    (
        "complaint_category_inquiry",
        "channel_email",
        "استفسار عن تحديث بيانات الحساب البنكي",
        "كيف أحدّث رقم الآيبان المسجل لدى الجمعية؟",
        "resolved",
        "يُحدَّث الرقم بتقديم شهادة الآيبان لضابط الاتصال أو رفعها في البوابة.",
    ),
    (
        "complaint_category_staff",
        "channel_phone",
        "تأخر الرد على طلبي",
        "مضى أسبوعان دون أن يتواصل معي أحد.",
        "rejected",
        "الطلب ما زال ضمن مدة الرد المعتمدة في سياسة الجمعية (15 يوم عمل)، وأُبلغ المستفيد بموعد القرار.",
    ),
)


class BeneficiaryDemo(models.AbstractModel):
    _name = "beneficiary.demo"
    _description = "Beneficiary Relations Demo Data"

    @api.model
    def _demo_env(self, user_xmlid=None):
        """Arabic when it is installed (as the association works), as ``user_xmlid`` (the
        author of the messages and the activities) with superuser rights."""
        lang = self.env["beneficiary.beneficiary"]._default_beneficiary_lang()
        env = self.env(context=dict(self.env.context, lang=lang, tz="Asia/Riyadh"))
        if user_xmlid:
            env = env(user=env.ref(PREFIX + user_xmlid if "." not in user_xmlid else user_xmlid).id, su=True)
        return env

    @api.model
    def _demo_load_arabic(self):
        """The module's Arabic terms, before the demo records are made (Odoo loads them
        after the demo data): the acknowledgements the demo sends to Arabic beneficiaries
        are then written in Arabic."""
        if self.env["res.lang"]._get_data(code="ar_001"):
            self.env["ir.module.module"]._load_module_terms(["beneficiary_relations"], ["ar_001"])

    @api.model
    def _demo_call(self, model, ids, method, user_xmlid=None, kwargs=None):
        """A workflow step of the demo data, taken as a member of staff takes it."""
        records = self._demo_env(user_xmlid)[model].browse(ids)
        getattr(records, method)(**(kwargs or {}))

    @api.model
    def _demo_advance_requests(self, request_ids, states, next_steps=None, decision_reason=None):
        """Take requests through the workflow as staff do: the officer who received them
        checks and completes them, the chair of the committee decides."""
        env = self._demo_env()
        for request, state in zip(
            env["beneficiary.service.request"].browse(request_ids), states, strict=True
        ):
            officer = request.received_by_id or request.beneficiary_id.liaison_user_id
            self._demo_take_request(request.with_user(officer).sudo(), state, next_steps, decision_reason)

    @api.model
    def _demo_expiry_dates(self, documents):
        """The documents valid until a date (ID copy, proof of income) carry one."""
        documents.filtered("expiry_required").expiry_date = fields.Date.today() + relativedelta(years=1)

    @api.model
    def _demo_intake(self, request):
        """The officer's steps, from the submission to the referral to the committee:
        documents received and verified, data verified, declaration signed."""
        request.action_submit()
        self._demo_expiry_dates(request.document_ids)
        request.document_ids.action_mark_received()
        request.document_ids.action_verify()
        request.action_verify_data()
        if request.declaration_required:
            request.declaration_signature = self._demo_signature()
            request.action_sign_declaration()
        request.action_complete()
        request.action_refer()

    @api.model
    def _demo_take_request(self, request, state, next_steps, decision_reason):
        self._demo_intake(request)
        chair = request.committee_id.chair_id or self.env.ref(PREFIX + "user_manager_demo")
        decided = request.with_user(chair).sudo()
        if state == "accepted":
            if next_steps:
                decided.next_steps = next_steps
            decided.action_accept()
        elif state == "rejected":
            decided.decision_reason = decision_reason
            decided.action_reject()

    @api.model
    def _demo_pay_fee(self, registration_ids):
        """Program fees paid at the association's office: the invoice, its payment and
        the receipt voucher. Skipped when Invoicing has no chart of accounts yet (a
        database installed without the Saudi localisation)."""
        env = self._demo_env("user_officer_orphans_demo")
        company = env.company
        journals = env["account.journal"].search([("company_id", "=", company.id)])
        if not {"sale", "bank"} <= set(journals.mapped("type")):
            return
        for registration in env["beneficiary.program.registration"].browse(registration_ids):
            registration.action_create_invoice()
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=registration.invoice_id.ids
            ).create({})._create_payments()

    # ------------------------------------------------------------------ history
    @api.model
    def _demo_history_context(self):
        env = self._demo_env()
        calendar = env["beneficiary.service.request"]._sla_calendars_for(env.company)
        today = fields.Date.context_today(env["res.users"].with_context(tz="Asia/Riyadh"))
        beneficiaries = [env.ref(PREFIX + xmlid) for xmlid in HISTORY_BENEFICIARIES]
        return env, calendar, today, beneficiaries

    @api.model
    def _demo_history_requests(self, seed=1447, count=44, days=180):
        """Six months of decided requests (some rated), oldest first."""
        rng = random.Random(seed)
        env, calendar, today, beneficiaries = self._demo_history_context()
        services = [(env.ref(PREFIX + xmlid), weight, texts) for xmlid, weight, texts in HISTORY_SERVICES]
        for index in range(count):
            days_ago = days - index * (days - 20) // count
            day = self._demo_working_day(calendar, today - datetime.timedelta(days=days_ago))
            service, _weight, texts = rng.choices(services, weights=[s[1] for s in services])[0]
            candidates = [b for b in beneficiaries if service._is_allowed_for(b)]
            beneficiary = candidates[index % len(candidates)] if index % 3 else rng.choice(candidates)
            late = index % 8 == 5  # one request in eight decided after its deadline
            self._demo_history_request(rng, calendar, day, beneficiary, service, rng.choice(texts), late)
        self.env.invalidate_all()

    @api.model
    def _demo_history_complaints(self, seed=1447, days=180):
        """Six months of answered complaints and inquiries (some rated), oldest first."""
        rng = random.Random(seed)
        _env, calendar, today, beneficiaries = self._demo_history_context()
        complaint_days = sorted(rng.sample(range(25, days), len(HISTORY_COMPLAINTS)), reverse=True)
        for index, (spec, days_ago) in enumerate(zip(HISTORY_COMPLAINTS, complaint_days, strict=True)):
            day = self._demo_working_day(calendar, today - datetime.timedelta(days=days_ago))
            late = index == 3  # one answered after its deadline
            self._demo_history_complaint(rng, calendar, day, rng.choice(beneficiaries), late, *spec)
        self.env.invalidate_all()

    @api.model
    def _demo_working_day(self, calendar, day):
        while not calendar.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day

    @api.model
    def _demo_at(self, day, hour, minute=0):
        """Naive UTC datetime of ``hour:minute`` in Riyadh on ``day``."""
        local = TZ.localize(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _demo_after(self, calendar, day, count, hour, minute=0):
        later = calendar.add_days(day, count)
        return self._demo_at(later, hour, minute)

    @api.model
    def _demo_history_request(self, rng, calendar, day, beneficiary, service, description, late):
        officer = beneficiary.liaison_user_id or self.env.ref(PREFIX + "user_manager_demo")
        chair = service.committee_id.chair_id or self.env.ref(PREFIX + "user_manager_demo")
        env = self._demo_env()
        portal = beneficiary == self.env.ref(PREFIX + "beneficiary_portal_demo")
        channel = env.ref(PREFIX + ("channel_portal" if portal else rng.choice(HISTORY_CHANNELS)))
        received = self._demo_at(day, rng.randint(8, 12), rng.choice((0, 15, 30, 45)))
        Request = env(user=officer.id, su=True)["beneficiary.service.request"]
        request = Request.create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service.id,
                "channel_id": channel.id,
                "received_by_id": False if portal else officer.id,
                "date_received": received,
                "description": f"<p>{description}</p>",
                "declaration_signer_name": beneficiary.name,
            }
        )
        messages = self.env["mail.message"].sudo()
        self._demo_intake(request)
        intake_mark = messages.search([], order="id desc", limit=1).id
        rejected = service.declaration_required and rng.random() < 0.18
        sla_days = request.sla_days
        decision_days = (
            rng.randint(sla_days + 1, sla_days + 4) if late else rng.randint(1, max(sla_days - 2, 1))
        )
        decided = request.with_user(chair).sudo()
        if rejected:
            decided.decision_reason = rng.choice(REJECTION_REASONS)
            decided.action_reject()
        else:
            decided.action_accept()
        decision_mark = messages.search([], order="id desc", limit=1).id
        if not rejected:
            request.action_register()
            request.action_deliver()
        # the dates, as if it had all happened then
        completed = self._demo_after(calendar, day, rng.choice((0, 0, 1, 2)), 13, rng.choice((0, 20, 40)))
        complete_day = calendar.local_date(completed)
        decision = self._demo_after(calendar, complete_day, decision_days, 11, rng.choice((0, 30)))
        deadline = calendar.add(completed, sla_days)
        in_time = decision <= deadline
        decision_day = calendar.local_date(decision)
        registered = None if rejected else self._demo_after(calendar, decision_day, 1, 10)
        delivered = None if rejected else self._demo_after(calendar, decision_day, rng.randint(2, 5), 12)
        last = delivered or decision
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE beneficiary_service_request
                      SET create_date = %(received)s, date_received = %(received)s,
                          data_verified_on = %(received)s,
                          declaration_signed_on = CASE WHEN declaration_signed_on IS NULL THEN NULL
                                                       ELSE %(received)s END,
                          date_complete = %(completed)s, date_referred = %(completed)s,
                          sla_start_date = %(completed)s, sla_deadline = %(deadline)s,
                          sla_at_risk_date = %(at_risk)s, date_decision = %(decision)s,
                          sla_stop_date = %(decision)s, sla_status = %(status)s,
                          sla_working_days_used = %(used)s, sla_in_time = %(in_time)s,
                          date_registered = %(registered)s, date_delivered = %(delivered)s,
                          write_date = %(last)s
                    WHERE id = %(id)s""",
                received=received,
                completed=completed,
                deadline=deadline,
                at_risk=calendar.at_risk_from(deadline, service.sla_at_risk_days),
                decision=decision,
                status="met" if in_time else "breached",
                used=calendar.count(completed, decision),
                in_time=100 if in_time else 0,
                registered=registered,
                delivered=delivered,
                last=last,
                id=request.id,
            )
        )
        self.env.cr.execute(
            SQL(
                """UPDATE beneficiary_request_document
                      SET create_date = %(received)s, received_on = %(received)s,
                          verified_on = %(completed)s, write_date = %(completed)s
                    WHERE request_id = %(id)s""",
                received=received,
                completed=completed,
                id=request.id,
            )
        )
        self._demo_backdate_messages(request, ((intake_mark, completed), (decision_mark, decision)), last)
        if rng.random() < (0.5 if rejected else 0.75):
            self._demo_rating(rng, request, officer, last, rejected)
        self._demo_backdate_notifications(request, completed, decision, last)

    @api.model
    def _demo_history_complaint(
        self, rng, calendar, day, beneficiary, late, category, channel, subject, text, outcome, answer
    ):
        officer = beneficiary.liaison_user_id or self.env.ref(PREFIX + "user_manager_demo")
        env = self._demo_env()
        received = self._demo_at(day, rng.randint(8, 13), rng.choice((0, 10, 25, 50)))
        Complaint = env(user=officer.id, su=True)["beneficiary.complaint"]
        complaint = Complaint.create(
            {
                "subject": subject,
                "description": f"<p>{text}</p>",
                "category_id": env.ref(PREFIX + category).id,
                "channel_id": env.ref(PREFIX + channel).id,
                "beneficiary_id": beneficiary.id,
                "user_id": officer.id,
                "date_received": received,
            }
        )
        messages = self.env["mail.message"].sudo()
        complaint.action_acknowledge()
        ack_mark = messages.search([], order="id desc", limit=1).id
        # answered by a member of the follow-up committee, else a manager
        answerer = complaint.committee_id.member_ids[:1] or self.env.ref(PREFIX + "user_manager_demo")
        complaint = complaint.with_env(env(user=answerer.id, su=True))
        if outcome == "resolved":
            complaint.resolution = f"<p>{answer}</p>"
            complaint.action_resolve()
        else:
            complaint.rejection_reason = answer
            complaint.action_reject()
        complaint.action_close()
        sla_days = complaint.sla_days
        answer_days = sla_days + 2 if late else rng.randint(1, max(sla_days - 1, 1))
        acknowledged = self._demo_at(day, 14, rng.choice((0, 30)))
        done = self._demo_after(calendar, day, answer_days, 12, rng.choice((0, 15, 45)))
        closed = self._demo_after(calendar, calendar.local_date(done), 1, 10)
        deadline = calendar.add(received, sla_days)
        in_time = done <= deadline
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE beneficiary_complaint
                      SET create_date = %(received)s, date_received = %(received)s,
                          date_acknowledged = %(acknowledged)s, sla_start_date = %(received)s,
                          sla_deadline = %(deadline)s, sla_at_risk_date = %(at_risk)s,
                          date_done = %(done)s, sla_stop_date = %(done)s, sla_status = %(status)s,
                          sla_working_days_used = %(used)s, sla_in_time = %(in_time)s,
                          date_closed = %(closed)s, write_date = %(closed)s
                    WHERE id = %(id)s""",
                received=received,
                acknowledged=acknowledged,
                deadline=deadline,
                at_risk=calendar.at_risk_from(deadline, complaint.category_id.sla_at_risk_days),
                done=done,
                status="met" if in_time else "breached",
                used=calendar.count(received, done),
                in_time=100 if in_time else 0,
                closed=closed,
                id=complaint.id,
            )
        )
        self._demo_backdate_messages(complaint, ((ack_mark, acknowledged),), done)
        if rng.random() < 0.6:
            self._demo_rating(rng, complaint, officer, closed, outcome == "rejected")
        self._demo_backdate_notifications(complaint, acknowledged, done, closed)

    @api.model
    def _demo_backdate_messages(self, record, marks, last):
        """Date the record's messages as the events they tell: those written up to each
        mark at its date, the others at ``last``. Their e-mails and SMS are not sent, their
        notifications are read."""
        self.env.flush_all()
        messages = (
            self.env["mail.message"].sudo().search([("model", "=", record._name), ("res_id", "=", record.id)])
        )
        self.env["mail.mail"].sudo().search([("mail_message_id", "in", messages.ids)]).unlink()
        if "sms.sms" in self.env:
            self.env["sms.sms"].sudo().search([("mail_message_id", "in", messages.ids)]).unlink()
        # read long ago: staff open the demo on today's work, not on months of inbox
        self.env["mail.notification"].sudo().search(
            [("mail_message_id", "in", messages.ids), ("is_read", "=", False)]
        ).write({"is_read": True})
        cases = SQL(" ").join(SQL("WHEN id <= %s THEN %s::timestamp", mark, date) for mark, date in marks)
        self.env.cr.execute(
            SQL(
                """UPDATE mail_message SET date = CASE %(cases)s ELSE %(last)s::timestamp END,
                          create_date = CASE %(cases)s ELSE %(last)s::timestamp END
                    WHERE id IN %(ids)s""",
                cases=cases,
                last=last,
                ids=tuple(messages.ids) or (0,),
            )
        )

    @api.model
    def _demo_backdate_notifications(self, record, acknowledged, answered, last):
        """Date the record's messages to the beneficiary (Messages to Beneficiaries) when
        they were sent: the acknowledgement, the decision or answer, the rest at ``last``.
        They went out then, and the calls and WhatsApp messages they asked of the officer
        were made then: no to-do from months ago is left on the officers."""
        logs = (
            self.env["beneficiary.notification.log"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )
        logs.activity_id.sudo().unlink()
        self.env.flush_all()
        sent = SQL(
            "CASE WHEN kind = 'acknowledgement' THEN %s::timestamp WHEN kind = 'decision' THEN %s::timestamp "
            "ELSE %s::timestamp END",
            acknowledged,
            answered,
            last,
        )
        self.env.cr.execute(
            SQL(
                """UPDATE beneficiary_notification_log
                      SET date = %(sent)s, create_date = %(sent)s, write_date = %(sent)s,
                          date_done = CASE WHEN state IN ('to_do', 'done') THEN %(sent)s ELSE date_done END,
                          state = CASE state WHEN 'to_do' THEN 'done' WHEN 'queued' THEN 'sent' ELSE state END
                    WHERE id IN %(ids)s""",
                sent=sent,
                ids=tuple(logs.ids) or (0,),
            )
        )
        self.env.invalidate_all()

    @api.model
    def _demo_rating(self, rng, record, officer, after, unhappy):
        value = rng.choice((1, 3, 3, 5) if unhappy else (5, 5, 5, 5, 5, 5, 3, 3, 1))
        rating = (
            self.env["rating.rating"]
            .sudo()
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "partner_id": record.partner_id.id,
                    "rated_partner_id": officer.partner_id.id,
                    "rating": value,
                    "feedback": rng.choice(RATING_FEEDBACK[value]),
                    "consumed": True,
                }
            )
        )
        rated_on = after + datetime.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 8))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE rating_rating SET create_date = %(date)s, write_date = %(date)s WHERE id = %(id)s",
                date=rated_on,
                id=rating.id,
            )
        )

    @api.model
    def _demo_signature(self):
        return self.env.ref("base.user_admin").partner_id.image_128 or b"R0lGODlhAQABAAAAACw="
