from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import make_id
from .program_common import ProgramHttpCase


@tagged("post_install", "-at_install")
class TestProgramPortal(ProgramHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.parent = cls.Beneficiary.create(
            {
                "name": "Tour Parent",
                "national_id": make_id(40000001),
                "birth_date": today - timedelta(days=365 * 38),
                "gender": "female",
                "category_id": cls.category_b.id,
                "mobile": "0551112233",
                "email": "tour.parent@example.com",
            }
        )
        cls.family = cls.Beneficiary.create(
            {
                "name": "Tour Family",
                "kind": "family",
                "category_id": cls.category_b.id,
                "family_head_id": cls.parent.id,
            }
        )
        cls.child = cls.Beneficiary.create(
            {
                "name": "Tour Child",
                "birth_date": today - timedelta(days=365 * 10),
                "gender": "male",
                "category_id": cls.category_a.id,
                "family_id": cls.family.id,
            }
        )
        cls.portal_user = cls._make_portal_user(cls.parent, "t_portal_tour")
        cls.other_portal = cls._make_portal_user(cls.beneficiary_a, "t_portal_other")
        cls.camp = cls._make_program(
            name="Tour Summer Camp",
            date_start=today + timedelta(days=30),
            date_end=today + timedelta(days=40),
            seats=5,
            require_motivation=True,
        )
        cls.draft_program = cls._make_program(
            name="Hidden Draft",
            date_start=today + timedelta(days=30),
            date_end=today + timedelta(days=40),
            state="draft",
        )

    def test_portal_registration_tour(self):
        self.start_tour("/my/programs", "beneficiary_program_portal_tour", login="t_portal_tour")
        registration = self.Registration.search([("program_id", "=", self.camp.id)])
        self.assertEqual(registration.beneficiary_id, self.child)
        self.assertEqual(registration.source, "portal")
        self.assertEqual(registration.state, "confirmed")
        self.assertEqual(registration.guardian_name, "Tour Parent")
        self.assertEqual(registration.guardian_phone, "+966551112233")
        self.assertEqual(registration.mobile, "+966551112233", "the head's mobile stands for the child's")

    def test_portal_sees_open_programs_and_own_registrations(self):
        Program = self.Program.with_user(self.portal_user)
        self.assertIn(self.camp, Program.search([]))
        self.assertNotIn(self.draft_program, Program.search([]))
        own = self.camp.with_user(self.portal_user)._portal_register(
            self.child, {"guardian_name": "Tour Parent", "guardian_phone": "0551112233", "motivation": "Fun"}
        )
        other = self._register(self.camp, self.child_1, motivation="Why not")
        Registration = self.Registration.with_user(self.portal_user)
        self.assertEqual(Registration.search([]), own)
        self.assertFalse(self.Registration.with_user(self.other_portal).search([("id", "=", own.id)]))
        with self.assertRaises(AccessError):
            other.with_user(self.portal_user).read(["state"])
        with self.assertRaises(AccessError):
            own.with_user(self.portal_user).write({"state": "confirmed"})
        with self.assertRaises(AccessError):
            Registration.create({"program_id": self.camp.id, "beneficiary_id": self.parent.id})

    def test_portal_registers_only_own_family(self):
        with self.assertRaisesRegex(UserError, "only register yourself or the members of your family"):
            self.camp.with_user(self.portal_user)._portal_register(self.child_1, {"motivation": "x"})
        with self.assertRaisesRegex(UserError, "only register yourself or the members of your family"):
            self.camp.with_user(self.other_portal)._portal_register(self.child, {"motivation": "x"})
        with self.assertRaises(AccessError):
            self.draft_program.with_user(self.portal_user)._portal_register(self.child, {"motivation": "x"})
        self.assertFalse(
            self.Registration.search([("program_id", "in", (self.camp | self.draft_program).ids)])
        )

    def test_portal_form_refusal_leaves_nothing_behind(self):
        self.authenticate("t_portal_tour", "t_portal_tour")
        response = self.url_open(
            f"/my/programs/{self.camp.id}/register",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "beneficiary_id": self.child.id,
                "motivation": "To learn",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_br_register_error", response.text)
        self.assertIn("Guardian Name, Guardian Mobile", response.text)
        self.assertFalse(self.Registration.search([("program_id", "=", self.camp.id)]))
        # without the CSRF token the form is rejected
        response = self.url_open(
            f"/my/programs/{self.camp.id}/register",
            data={"beneficiary_id": self.child.id, "guardian_name": "x", "guardian_phone": "0551112233"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Registration.search([("program_id", "=", self.camp.id)]))

    def test_portal_form_refuses_a_disallowed_or_oversized_id_copy(self):
        self.authenticate("t_portal_tour", "t_portal_tour")
        self.env["ir.config_parameter"].sudo().set_param("beneficiary_relations.portal_upload_max_mb", "0.01")
        values = {
            "csrf_token": http.Request.csrf_token(self),
            "beneficiary_id": self.child.id,
            "motivation": "To learn",
            "guardian_name": "Saad Al-Harbi",
            "guardian_phone": "0551112233",
        }
        for filename, content, message in (
            ("id.html", b"<html><script>alert(1)</script></html>", "is not accepted"),
            ("id.pdf", b"%PDF-1.4\n" + b"0" * 20000, "is too large"),
        ):
            with self.subTest(filename=filename):
                response = self.url_open(
                    f"/my/programs/{self.camp.id}/register",
                    data=values,
                    files={"id_copy": (filename, content)},
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_br_register_error", response.text)
                self.assertIn(message, response.text)
                self.assertFalse(self.Registration.search([("program_id", "=", self.camp.id)]))

    def test_reports_render_to_pdf(self):
        """Rendered by wkhtmltopdf, which needs the HTTP server of an HttpCase."""
        registration = self._register(self.camp, self.child, motivation="Fun")
        registration._workflow_write(
            {"receipt_number": "RV/2026/00042", "receipt_date": fields.Date.today(), "receipt_amount": 150.0}
        )
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for report, records in (
            ("beneficiary_relations.action_report_beneficiary_program", self.camp),
            ("beneficiary_relations.action_report_program_receipt", registration),
        ):
            with self.subTest(report=report):
                pdf, report_type = Report._render_qweb_pdf(report, records.ids)
                self.assertEqual(report_type, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"))

    def test_published_report_on_the_portal(self):
        self._register(self.camp, self.child_1, motivation="Why not").action_submit()
        self.camp._workflow_write({"state": "done"})
        self.authenticate("t_portal_tour", "t_portal_tour")
        url = f"/my/programs/{self.camp.id}/report"
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303, "not published yet")
        self.camp.action_publish_report()
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # in tests the PDF engine is bypassed and the HTML is sent: the copy names nobody
        self.assertIn("Tour Summer Camp", response.text)
        self.assertNotIn("Salem Al-Harbi", response.text)
        page = self.url_open(f"/my/programs/{self.camp.id}")
        self.assertIn(url, page.text)


@tagged("post_install", "-at_install")
class TestProgramBackendTour(ProgramHttpCase):
    def test_attendance_in_the_backend(self):
        today = fields.Date.today()
        program = self._make_program(
            name="Backend Camp",
            date_start=today - timedelta(days=3),
            date_end=today + timedelta(days=10),
        )
        registration = self._register(program, self.child_1)
        registration.action_submit()
        program.action_start()
        first_day = program.session_ids.sorted("date")[:1]
        self.start_tour(
            "/odoo/action-beneficiary_relations.beneficiary_program_action",
            "beneficiary_program_backend_tour",
            login="t_manager",
        )
        self.assertEqual(first_day.attendance_ids.registration_id, registration)
        self.assertEqual(first_day.attendance_ids.status, "present")
        self.assertAlmostEqual(registration.attendance_rate, 100.0)
