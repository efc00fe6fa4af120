"""Policy 002, programs: the announcement with its conditions and the published program
report on a public page (no login), and the personal interview checking each of the
program's admission conditions."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .program_common import ProgramCase, ProgramHttpCase


class InterviewFixtures:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.camp = cls._make_program(
            name="Leaders Camp",
            interview_required=True,
            criterion_ids=[
                (0, 0, {"sequence": 1, "name": "Memorised five parts of the Quran"}),
                (0, 0, {"sequence": 2, "name": "Lives in Al-Ahsa"}),
                (0, 0, {"sequence": 3, "name": "Attended a camp before", "mandatory": False}),
            ],
        )

    def _shortlisted(self, beneficiary, user=None):
        registration = self._register(self.camp, beneficiary)
        registration.action_submit()
        registration.with_user(user or self.env.user).action_shortlist()
        return registration

    def _answer(self, registration, *results, user=None):
        for line, result in zip(registration.interview_line_ids.sorted("sequence"), results, strict=True):
            line.with_user(user or self.env.user).result = result


@tagged("post_install", "-at_install")
class TestProgramInterviewChecklist(InterviewFixtures, ProgramCase):
    def test_the_interview_checks_each_admission_condition(self):
        registration = self._shortlisted(self.child_1, user=self.officer_a)
        lines = registration.interview_line_ids.sorted("sequence")
        self.assertEqual(
            [(line.name, line.mandatory) for line in lines],
            [
                ("Memorised five parts of the Quran", True),
                ("Lives in Al-Ahsa", True),
                ("Attended a camp before", False),
            ],
        )
        as_officer = registration.with_user(self.officer_a)
        with self.assertRaisesRegex(UserError, "not answered: Memorised five parts of the Quran"):
            as_officer.action_interview_conclude()
        with self.assertRaisesRegex(UserError, "not answered"):
            as_officer.action_interview_pass()
        self._answer(registration, "met", "not_met", "met", user=self.officer_a)
        with self.assertRaisesRegex(UserError, "does not meet Lives in Al-Ahsa: the interview is failed"):
            as_officer.action_interview_pass()
        self.assertEqual(registration.state, "shortlisted")
        as_officer.action_interview_conclude()
        self.assertEqual((registration.state, registration.interview_result), ("rejected", "failed"))
        self.assertEqual(
            registration.rejection_reason,
            "Did not meet the program's admission conditions at the interview: Lives in Al-Ahsa.",
        )
        self.assertEqual(registration.interviewer_id, self.officer_a)
        self.assertTrue(registration.interview_date)
        # the checklist is kept as it was answered
        with self.assertRaisesRegex(UserError, "is concluded"):
            lines[1].with_user(self.officer_a).result = "met"
        with self.assertRaisesRegex(UserError, "is concluded"):
            lines.with_user(self.manager).unlink()

    def test_an_optional_condition_not_met_does_not_fail_the_interview(self):
        registration = self._shortlisted(self.child_3)
        self._answer(registration, "met", "met", "not_met")
        registration.action_interview_conclude()
        self.assertEqual((registration.state, registration.interview_result), ("interviewed", "passed"))
        registration.action_call_to_complete()
        self.assertEqual(registration.state, "confirmed")

    def test_a_failed_interview_gives_the_conditions_not_met_as_reason(self):
        registration = self._shortlisted(self.child_1)
        self._answer(registration, "not_met", "not_met", "met")
        registration.action_interview_fail()
        self.assertIn("Memorised five parts of the Quran, Lives in Al-Ahsa", registration.rejection_reason)
        other = self._shortlisted(self.child_3)
        self._answer(other, "met", "met", "met")
        other.rejection_reason = "Did not come to the interview"
        other.action_interview_fail()
        self.assertEqual(
            other.rejection_reason, "Did not come to the interview", "the interviewer's own reason"
        )

    def test_checklists_follow_the_categories_officers_serve(self):
        registration = self._shortlisted(self.child_1)
        Line = self.env["beneficiary.program.interview.line"]
        self.assertEqual(Line.with_user(self.officer_a).search([]), registration.interview_line_ids)
        self.assertFalse(Line.with_user(self.officer_b).search([]))

    def test_conditions_are_copied_with_the_program(self):
        copy = self.camp.copy({"name": "Leaders Camp 2"})
        self.assertEqual(copy.criterion_ids.mapped("name"), self.camp.criterion_ids.mapped("name"))
        self.assertFalse(copy.website_published)


@tagged("post_install", "-at_install")
class TestProgramPublicPages(InterviewFixtures, ProgramHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a visitor of this association's website
        cls.env.ref("base.public_user").company_ids |= cls.company
        today = fields.Date.today()
        dates = {"date_start": today + timedelta(days=30), "date_end": today + timedelta(days=40)}
        cls.camp.write(
            dict(
                dates,
                website_published=True,
                announcement="<p>A week of leadership workshops for boys.</p>",
                conditions="<p>Bring a letter from your school.</p>",
                fee_type="paid",
                fee_amount=150,
                seats=20,
                category_ids=[(6, 0, cls.category_a.ids)],
            )
        )
        cls.unannounced = cls._make_program(name="Internal Workshop", **dates)
        cls.announced_draft = cls._make_program(
            name="Draft Course", state="draft", website_published=True, **dates
        )
        cls.reported = cls._make_program(
            name="Summer Quran Course",
            date_start=today - timedelta(days=40),
            date_end=today - timedelta(days=30),
            state="running",
        )
        registration = cls._register(cls.reported, cls.child_2)
        registration._workflow_write({"state": "confirmed", "confirmed_date": fields.Datetime.now()})
        cls.reported.action_done()

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_visitors_read_the_announced_programs_only(self):
        page = self.url_open("/programs")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Leaders Camp", page.text)
        for hidden in ("Internal Workshop", "Draft Course", "Summer Quran Course"):
            self.assertNotIn(hidden, page.text)
        for program in (self.unannounced, self.announced_draft, self.reported):
            with self.subTest(program=program.name):
                self.assertEqual(self.url_open(f"/programs/{program.id}").status_code, 404)
        page = self.url_open(f"/programs/{self.camp.id}")
        self.assertEqual(page.status_code, 200)
        for expected in (
            "A week of leadership workshops for boys.",
            "Bring a letter from your school.",
            "Memorised five parts of the Quran",
            "Attended a camp before",
            "Orphans",
            "from 7 to 14 years",
            "150.00",
            f"/my/programs/{self.camp.id}",
        ):
            self.assertIn(expected, page.text)
        self.assertEqual(self.url_open(f"/programs/{self.camp.id}/report").status_code, 404, "no report yet")

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_the_published_report_is_public_without_personal_data(self):
        self.assertEqual(self.url_open(f"/programs/{self.reported.id}").status_code, 404)
        self.reported.action_publish_report()
        self.assertTrue(self.reported.website_published, "publishing the report puts it on the website")
        page = self.url_open(f"/programs/{self.reported.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Program Report", page.text)
        self.assertIn(f"/programs/{self.reported.id}/report", page.text)
        self.assertNotIn("Layan Al-Qahtani", page.text)
        self.assertNotIn(f"/my/programs/{self.reported.id}", page.text, "registration is closed")
        pdf = self.url_open(f"/programs/{self.reported.id}/report")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # in tests the PDF engine is bypassed and the HTML is sent: the copy names nobody
        self.assertIn("Summer Quran Course", pdf.text)
        self.assertNotIn("Layan Al-Qahtani", pdf.text)
        self.assertIn("Summer Quran Course", self.url_open("/programs").text)
        self.reported.website_published = False
        self.assertEqual(self.url_open(f"/programs/{self.reported.id}/report").status_code, 404)

    def test_portal_users_and_staff_see_the_same_public_pages(self):
        self.authenticate(self.officer_a.login, self.officer_a.login)
        page = self.url_open("/programs")
        self.assertIn("Leaders Camp", page.text)
        self.assertNotIn("Internal Workshop", page.text, "the public page lists what is announced")
