"""What an Arabic reader sees: counts agreeing with their nouns, the association's local
dates, deadlines written Hijri first, riyals, and the respectful plural in every e-mail."""

import datetime
import re

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common_eligibility import EligibilityCase
from .common_request import ServiceRequestCase
from .program_common import ProgramCase, ProgramHttpCase

AR = "ar_001"
ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


@tagged("post_install", "-at_install")
class TestCountsAndRiyals(ProgramCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()

    def test_count_widget_agrees_in_arabic_and_english(self):
        Count = self.env["ir.qweb.field.count"]
        arabic = {
            1: "يوم عمل واحد",
            2: "يوما عمل",
            3: "3 أيام عمل",
            11: "11 يوم عمل",
            100: "100 يوم عمل",
        }
        for number, text in arabic.items():
            html = Count.with_context(lang=AR).value_to_html(number, {"noun": "working_day"})
            self.assertEqual(re.sub(r"<[^>]+>", "", str(html)), text)
        self.assertIn('<span dir="ltr" class="o_force_ltr">3</span>', str(
            Count.with_context(lang=AR).value_to_html(3, {"noun": "seat"})
        ))  # fmt: skip
        self.assertEqual(
            str(
                Count.with_context(lang="en_US").value_to_html(2, {"noun": "participant", "case": "oblique"})
            ),
            '<span dir="ltr" class="o_force_ltr">2</span> participants',
        )
        html = Count.with_context(lang=AR).value_to_html(2, {"noun": "working_day", "case": "oblique"})
        self.assertEqual(str(html), "يومي عمل", "after خلال, the dual is oblique")

    def test_age_messages_agree_with_the_numbers(self):
        program = self._make_program(age_min=7, age_max=14)
        too_young = self._make_child("Six", datetime.date(2020, 6, 1), "male")
        registration = self._register(program, too_young).with_context(lang=AR)
        with self.assertRaises(ValidationError) as caught:
            registration.action_submit()
        message = str(caught.exception)
        self.assertIn("يبلغ 6 سنوات", message)
        self.assertIn("من 7 إلى 14 سنة", message)
        self.assertIn("3 يناير 2027", message, "the start date in words, not 2027-01-03")
        arabic = program.with_context(lang=AR)
        self.assertEqual(arabic._age_group_text(), "من 7 إلى 14 سنة")
        program.write({"age_min": 12, "age_max": 0})
        self.assertEqual(arabic._age_group_text(), "12 سنة فأكثر")
        program.write({"age_min": 0, "age_max": 2})
        self.assertEqual(arabic._age_group_text(), "حتى سنتين")
        self.assertEqual(program._age_group_text(), "up to 2 years")

    def test_program_dates_and_full_program_in_arabic(self):
        program = self._make_program(seats=2)
        self.assertEqual(
            program.with_context(lang=AR)._date_range_text(), "من 3 يناير 2027 إلى 14 يناير 2027"
        )
        self.assertEqual(program._date_range_text(), "from 3 January 2027 to 14 January 2027")
        registrations = [
            self._register(program, child) for child in (self.child_1, self.child_2, self.child_3)
        ]
        (registrations[0] | registrations[1]).action_submit()
        with self.assertRaises(ValidationError) as caught:
            registrations[2].with_context(lang=AR).action_submit()
        self.assertIn("(مقعدان)", str(caught.exception))

    def test_riyal_symbol_in_arabic(self):
        sar = self.env.ref("base.SAR")
        self.assertEqual(self.company.currency_id, sar, "the test association works in riyals")
        currencies = self.env["ir.http"].with_context(lang=AR).get_currencies()
        self.assertEqual(currencies[sar.id]["symbol"], "ر.س")
        self.assertEqual(
            self.env["ir.http"].with_context(lang="en_US").get_currencies()[sar.id]["symbol"], "SR"
        )
        self.assertEqual(sar.symbol, "SR", "the web client's copy changed, not the currency")
        Monetary = self.env["ir.qweb.field.monetary"]
        arabic = str(Monetary.with_context(lang=AR).value_to_html(150.0, {"display_currency": sar}))
        self.assertIn("ر.س", arabic)
        self.assertNotIn("SR", arabic)
        self.assertIn(
            "SR", str(Monetary.with_context(lang="en_US").value_to_html(150.0, {"display_currency": sar}))
        )


@tagged("post_install", "-at_install")
class TestLocalDates(EligibilityCase):
    """Around midnight the UTC day is not the association's: 22:30 UTC is 01:30 the
    next morning in Riyadh, 20:59 UTC is 23:59 the same evening."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        # a user without a time zone of their own, as most are created
        cls.officer_a.tz = False

    def test_portal_timeline_shows_the_riyadh_day(self):
        with freeze_time("2026-12-07 22:30:00"):
            request = self._new_request()
            request.action_submit()
        steps = {step["key"]: step["date"] for step in request.with_context(lang="en_US").portal_status_steps}
        self.assertEqual(steps["submitted"], "8 December 2026")
        arabic = {step["key"]: step["date"] for step in request.with_context(lang=AR).portal_status_steps}
        self.assertEqual(arabic["submitted"], "8 ديسمبر 2026")
        self.assertFalse(arabic["complete"])
        with freeze_time("2026-12-07 20:59:00"):
            late_evening = self._new_request(beneficiary=self.beneficiary_b)
            late_evening.action_submit()
        steps = {
            step["key"]: step["date"] for step in late_evening.with_context(lang="en_US").portal_status_steps
        }
        self.assertEqual(steps["submitted"], "7 December 2026", "23:59 in Riyadh is still the 7th")

    def test_assessment_date_is_the_assessors_local_day(self):
        request = self._bring_to(self._new_request(), "complete")
        with freeze_time("2026-12-07 22:30:00"):
            assessment = self._new_assessment(request, "document_check", user=self.officer_a)
        self.assertEqual(assessment.date, datetime.date(2026, 12, 8), "01:30 in Riyadh: the 8th")
        with freeze_time("2026-12-07 20:59:00"):
            evening = self._new_assessment(request, "field_visit", user=self.officer_a)
        self.assertEqual(evening.date, datetime.date(2026, 12, 7))
        self.officer_a.tz = "Europe/Paris"
        with freeze_time("2026-12-07 22:30:00"):
            paris = self._new_assessment(request, "interview", user=self.officer_a)
        self.assertEqual(paris.date, datetime.date(2026, 12, 7), "a user's own time zone is kept")

    def test_deadline_is_a_local_date_hijri_first(self):
        with freeze_time("2026-12-07 22:30:00"):
            request = self._bring_to(self._new_request(), "complete")
            request.action_refer()
        calendar = self.company._get_beneficiary_calendar()._beneficiary_working_calendar()
        day = calendar.local_date(request.sla_deadline)
        arabic = request.with_context(lang=AR).sla_deadline_display
        self.assertRegex(arabic, r"^\d+ [^\d]+ \d{4} هـ الموافق \d{2}/\d{2}/\d{4} م$")
        self.assertIn(day.strftime("%d/%m/%Y"), arabic)
        self.assertNotRegex(arabic, ARABIC_INDIC_DIGITS, "one digit system")
        self.assertNotIn(":", arabic, "a date, not a time")
        english = request.with_context(lang="en_US").sla_deadline_display
        self.assertTrue(english.startswith(day.strftime("%m/%d/%Y")), english)
        # the chair's activity is due on the deadline's day in Riyadh
        activity = request.activity_ids.filtered(lambda a: a.user_id == self.committee_user)
        self.assertEqual(activity.date_deadline, day)

    def test_escalation_activity_is_due_on_the_local_day(self):
        level = self.env["beneficiary.escalation.level"].search(
            [("company_id", "=", self.company.id), ("applies_to", "in", ("all", "request"))],
            order="level",
            limit=1,
        )
        if not level:
            level = self.env["beneficiary.escalation.level"].create(
                {"name": "Officer", "level": 1, "days_after_deadline": 0, "notify": "responsible"}
            )
        request = self._bring_to(self._new_request(), "complete")
        # 22:30 UTC, forty days after the deadline: 01:30 the next day in Riyadh
        late = datetime.datetime.combine(request.sla_deadline.date(), datetime.time(22, 30))
        with freeze_time(late + datetime.timedelta(days=40)):
            local_today = (late + datetime.timedelta(days=41)).date()
            self.Request._cron_check_sla()
        # the escalation's to-do is the summary on the rung, naming the request
        activities = (
            self.env["mail.activity"]
            .search([("res_model", "=", "beneficiary.escalation.level"), ("res_id", "=", level.id)])
            .filtered(lambda a: request.name in (a.note or ""))
        )
        self.assertTrue(activities, "the breach was escalated")
        self.assertEqual(set(activities.mapped("date_deadline")), {local_today})


@tagged("post_install", "-at_install")
class TestArabicMails(ServiceRequestCase):
    """Every e-mail of the module, rendered for an Arabic beneficiary: right to left, the
    respectful form of address, counts in words that agree, riyals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        (cls.beneficiary_a | cls.beneficiary_b).partner_id.lang = AR

    def _assert_arabic_mail(self, body):
        body = str(body)
        self.assertTrue(body.lstrip().startswith('<div dir="rtl">'), body[:120])
        self.assertIn("المكرم/ة", body)
        self.assertIn("حفظه/ها الله", body)
        self.assertNotIn("Dear", body)
        self.assertNotRegex(body, r"(?<![\u0621-\u064a])(طلبك|تسجيلك|رسالتك|عزيزنا)(?![\u0621-\u064a])")
        self.assertNotRegex(body, ARABIC_INDIC_DIGITS)

    def test_request_acknowledgement_counts_the_working_days(self):
        request = self._bring_to(self._new_request(), "complete")
        message = request.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self._assert_arabic_mail(message.body)
        self.assertIn("طلبكم", message.body)
        self.assertIn('<span dir="ltr" class="o_force_ltr">15</span> يوم عمل', message.body)
        self.assertIn("هـ الموافق", message.body, "the deadline, Hijri first")

    def test_every_template_of_the_module_speaks_arabic_to_an_arabic_reader(self):
        templates = (
            self.env["mail.template"]
            .search([])
            .filtered(lambda t: t.get_external_id()[t.id].startswith("beneficiary_relations."))
        )
        self.assertGreaterEqual(len(templates), 8)
        request = self._bring_to(self._new_request(), "complete")
        complaint_category = self.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 10}
        )
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "Late food basket",
                "category_id": complaint_category.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        complaint.action_acknowledge()
        program = self.env["beneficiary.program"]._workflow_create(
            {
                "name": "Quran Memorisation Course",
                "date_start": datetime.date(2027, 1, 3),
                "date_end": datetime.date(2027, 1, 14),
                "state": "open",
                "fee_type": "paid",
                "fee_amount": 150,
                "interview_required": True,
            }
        )
        self.beneficiary_a.write({"birth_date": datetime.date(1990, 1, 1), "gender": "male"})
        registration = self.env["beneficiary.program.registration"].create(
            {
                "program_id": program.id,
                "beneficiary_id": self.beneficiary_a.id,
                "interview_date": datetime.datetime(2026, 12, 20, 7, 0),
            }
        )
        data_request = self.env["beneficiary.data.request"].create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "description": "Correct my phone",
                "response": "Corrected",
            }
        )
        policy = self.env["beneficiary.policy"].create({"approval_date": "2026-01-05"})
        policy.with_user(self.manager).action_approve()
        acknowledgment = self.env["beneficiary.policy.acknowledgment"].create(
            {"policy_id": policy.id, "employee_name": "سعد"}
        )
        acknowledgment.company_id.partner_id.lang = "ar_001"  # staff read the association's language
        work = self._withdrawn_work(self.beneficiary_a)
        records = {
            "beneficiary.published.work": work,
            "beneficiary.policy.acknowledgment": acknowledgment,
            "beneficiary.service.request": request,
            "beneficiary.complaint": complaint,
            "beneficiary.program.registration": registration,
            "beneficiary.data.request": data_request,
            "beneficiary.beneficiary": self.beneficiary_a,
        }
        for template in templates:
            with self.subTest(template=template.name):
                record = records[template.model]
                body = template._render_field("body_html", record.ids, compute_lang=True)[record.id]
                self._assert_arabic_mail(body)
                if template.model == "beneficiary.program.registration":
                    self.assertNotIn("SR", str(body))
        receipt = self.env.ref("beneficiary_relations.mail_template_program_receipt")
        body = str(receipt._render_field("body_html", registration.ids, compute_lang=True)[registration.id])
        self.assertIn("ر.س", body)
        invitation = self.env.ref("beneficiary_relations.mail_template_program_interview_invitation")
        body = str(
            invitation._render_field("body_html", registration.ids, compute_lang=True)[registration.id]
        )
        self.assertIn("20 ديسمبر 2026، الساعة 10:00", body, "the interview in Riyadh time, no seconds")


@tagged("post_install", "-at_install")
class TestArabicPortalPages(ProgramHttpCase):
    """The portal and the public pages of an association, read in Arabic."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        # Odoo's own Arabic too: the module's templates that change Odoo's pages must
        # still apply once those pages are translated
        cls.env["ir.module.module"]._load_module_terms(
            ["portal", "account", "beneficiary_relations"], [AR], overwrite=True
        )
        cls.beneficiary_a.write({"state": "active", "birth_date": datetime.date(1985, 3, 12)})
        cls.beneficiary_a.partner_id.lang = AR
        cls.portal_user = cls._make_portal_user(cls.beneficiary_a, "t_portal_ar")
        cls.portal_user.lang = AR
        cls.program = cls._make_program(
            name="Summer Camp",
            seats=5,
            fee_type="paid",
            fee_amount=150,
            age_min=0,
            age_max=0,
            company_id=cls.company.id,
        )
        cls.internal = new_test_user(cls.env, "t_internal_ar", groups="base.group_user")

    def test_program_cards_read_in_arabic(self):
        self.authenticate("t_portal_ar", "t_portal_ar")
        page = self.url_open("/my/programs").text
        self.assertIn("من 3 يناير 2027 إلى 14 يناير 2027", page)
        self.assertNotIn("يناير,", page, "no Odoo date with the year before the day")
        self.assertIn("مقاعد متبقية", page)
        self.assertIn("ر.س", page)
        self.assertNotIn("\xa0SR", page)
        self.assertNotIn("$", re.sub(r"<script.*?</script>", "", page, flags=re.S))

    def test_portal_home_speaks_to_a_beneficiary(self):
        self.authenticate("t_portal_ar", "t_portal_ar")
        page = self.url_open("/my").text
        self.assertNotIn("بوابة العملاء", page)
        self.assertNotIn("قم بمتابعة أو تنزيل أو دفع قيمة فواتيرك", page)
        self.assertIn("متابعة فواتيركم وتنزيلها وسدادها", page)
        self.assertIn("متابعة طلبات الخدمة ومواعيد الرد عليها", page)
        self.assertIn("كلمة المرور وأمان حسابكم", page)
        profile = self.url_open("/my/beneficiary").text
        self.assertIn("12 مارس 1985", profile, "the birth date in words")
        self.assertIn(f'<span dir="ltr">{self.beneficiary_a.mobile}</span>', profile)

    def test_public_program_fee_in_riyals(self):
        currency = self.program.company_id.currency_id
        self.assertEqual(currency.name, "SAR")
        fee = self.program.with_context(lang=AR)._public_fee(currency)
        self.assertIn("150.00", fee)
        self.assertIn("ر.س", fee)
        self.assertNotIn("SR", fee)
        self.assertIn("SR", self.program.with_context(lang="en_US")._public_fee(currency))

    def test_portal_conversation_reads_in_arabic(self):
        # the portal chatter is the mail module's script: its words are sent to the portal
        # pages in the beneficiary's language («Today at» is «اليوم الساعة»)
        self.env["ir.module.module"]._load_module_terms(["mail"], [AR], overwrite=True)
        self.authenticate("t_portal_ar", "t_portal_ar")
        response = self.url_open(f"/website/translations/test?lang={AR}")
        self.assertEqual(response.status_code, 200)
        modules = response.json()["modules"]
        self.assertIn("mail", modules)
        messages = {message["id"]: message["string"] for message in modules["mail"]["messages"]}
        self.assertEqual(messages.get("Today at %(time)s"), "اليوم الساعة %(time)s ")

    def test_association_without_a_logo_shows_its_name(self):
        company = self.env.ref("base.main_company")  # the public pages' company
        company.logo = False
        self.assertTrue(company.uses_default_logo)
        page = self.url_open("/complaint").text
        self.assertNotIn(f"/logo.png?company={company.id}", page)
        self.assertIn("o_br_company_name", page)
        self.assertIn(company.name, page)
