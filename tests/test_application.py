"""The public application page (issue 15, COVERAGE A2): a person without a file applies
for a service without logging in; a draft file and a submitted request wait for staff
to verify them; an ID number never makes a second file; the page is throttled like the
complaint page; staff then open the portal from the verified file."""

import base64

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import make_id
from .common_request import PNG, ServiceRequestHttpCase
from .test_portal import ALERT_RE, CSRF_RE

PNG_BYTES = base64.b64decode(PNG)
TOUR_ID = "1400000772"  # typed in Arabic-Indic digits by the tour


@tagged("post_install", "-at_install")
class TestPublicApplication(ServiceRequestHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # visitors apply to the association of the website: the main company
        cls.main = cls.env.ref("base.main_company")
        cls.officer_main = new_test_user(
            cls.env,
            "t_apply_officer",
            groups="base.group_user,beneficiary_relations.group_liaison_officer",
            company_id=cls.main.id,
            company_ids=[Command.set(cls.main.ids)],
        )
        cls.env["beneficiary.liaison"].create(
            {"category_id": cls.category_b.id, "user_id": cls.officer_main.id, "company_id": cls.main.id}
        )
        cls.apply_service = cls.env["beneficiary.service.type"].create(
            {
                "name": "Monthly food basket",
                "code": "T-APPLY",
                "company_id": cls.main.id,
                "application_published": True,
                "document_type_ids": [Command.set((cls.doc_id | cls.doc_register).ids)],
            }
        )
        cls.widows_only = cls.env["beneficiary.service.type"].create(
            {
                "name": "Widows' support",
                "code": "T-APPLY-W",
                "company_id": cls.main.id,
                "application_published": True,
                "category_ids": [Command.set(cls.category_b.ids)],
            }
        )
        cls.not_offered = cls.env["beneficiary.service.type"].create(
            {"name": "Staff only", "code": "T-APPLY-NO", "company_id": cls.main.id}
        )
        cls.Beneficiary = cls.env["beneficiary.beneficiary"].with_context(active_test=False)

    def _values(self, **values):
        return {
            "csrf_token": CSRF_RE.search(self.url_open("/apply").text).group(1),
            "service_type_id": str(self.apply_service.id),
            "name": "Hessa Al-Shammari",
            "national_id": make_id(40000101),
            "mobile": "0558881234",
            "city": "Hail",
            "email": "hessa@example.com",
            "category_id": str(self.category_b.id),
            "description": "A basket for a family of five",
            "consent": "1",
            "website_url": "",
            **values,
        }

    def _apply(self, files=None, **values):
        return self.url_open("/apply", data=self._values(**values), files=files)

    def _as(self, user, records):
        """``records`` as ``user``, working in the main company."""
        return records.with_user(user).with_context(allowed_company_ids=self.main.ids)

    def _applications(self, number):
        return self.Request.search([("beneficiary_id.national_id", "=", number)])

    # ------------------------------------------------------------------ in the browser
    def test_application_in_the_browser(self):
        self.start_tour("/apply", "beneficiary_public_application")
        beneficiary = self.Beneficiary.search([("national_id", "=", TOUR_ID)])
        self.assertEqual(len(beneficiary), 1)
        self.assertEqual(beneficiary.state, "draft", "a pending file for staff to verify")
        self.assertEqual(beneficiary.company_id, self.main)
        self.assertEqual(beneficiary.name, "مشاعل بنت سعد القحطاني")
        self.assertEqual(beneficiary.id_type, "national_id")
        self.assertEqual(beneficiary.mobile, "+966557771234")
        self.assertEqual(beneficiary.city, "الرياض")
        self.assertEqual(beneficiary.category_id, self.category_b)
        self.assertEqual(
            beneficiary.consent_purpose_ids,
            self.env.ref("beneficiary_relations.consent_purpose_service")
            | self.env.ref("beneficiary_relations.consent_purpose_contact"),
        )
        request = self._applications(TOUR_ID)
        self.assertEqual(request.state, "submitted")
        self.assertTrue(request.from_application)
        self.assertFalse(request.application_match)
        self.assertEqual(request.service_type_id, self.apply_service)
        self.assertEqual(request.channel_id, self.env.ref("beneficiary_relations.channel_website"))
        self.assertFalse(request.received_by_id)
        received = request.document_ids.filtered("attachment_ids")
        self.assertEqual(len(received), 1, "the document sent")
        self.assertEqual(received.state, "received")
        self.assertEqual(request.liaison_user_id, self.officer_main, "the officer of the category")
        self.assertEqual(request.activity_ids.user_id, self.officer_main, "who verifies it, told at once")
        note = request.message_ids.filtered(lambda m: "applicant typed" in (m.body or ""))
        self.assertIn(TOUR_ID, note.body)
        self.assertIn("new draft file", note.body)
        self.assertIn(
            request, self._as(self.officer_main, self.Request).search([("from_application", "=", True)])
        )

    # ------------------------------------------------------------------ refusals
    def test_refusals_say_what_to_correct_and_write_nothing(self):
        long_name = "x" * 101
        cases = [
            ({"national_id": "1234567890"}, "This ID number is not valid"),
            ({"national_id": "3000000001"}, "Enter your Saudi national ID or Iqama number"),
            ({"national_id": "12345"}, "Enter your Saudi national ID or Iqama number"),
            ({"national_id": "x" * 5000}, "ID number is too long"),
            ({"name": long_name}, "Full name is too long"),
            ({"name": " "}, "Write your full name"),
            ({"mobile": ""}, "Leave your mobile number"),
            ({"mobile": "0123"}, "is not valid"),
            ({"city": ""}, "Tell us the city"),
            ({"email": "not-an-address"}, "is not valid"),
            ({"consent": ""}, "Please confirm"),
            ({"service_type_id": str(self.not_offered.id)}, "Choose the service"),
            ({"category_id": "999999999"}, "Choose the category"),
            (
                {"service_type_id": str(self.widows_only.id), "category_id": str(self.category_a.id)},
                "is not offered to",
            ),
        ]
        number = make_id(40000102)
        for values, message in cases:
            with self.subTest(values=str(values)[:60]):
                response = self._apply(**dict({"national_id": number}, **values))
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, ALERT_RE.search(response.text).group(1))
        response = self._apply(
            national_id=number,
            files={
                f"document_{self.doc_id.id}": ("page.html", b"<html><script>x</script></html>", "text/html")
            },
        )
        self.assertIn("is not accepted", ALERT_RE.search(response.text).group(1))
        self.assertFalse(self.Beneficiary.search([("national_id", "=", number)]))
        self.assertFalse(self.Request.search([("from_application", "=", True)]))
        # what was typed is shown back for correction, as text
        response = self._apply(national_id="1234567890", name="<b>Hessa</b>")
        self.assertIn("&lt;b&gt;Hessa&lt;/b&gt;", response.text)

    def test_robots_and_bursts(self):
        response = self._apply(website_url="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_br_application_thanks", response.text)
        self.assertFalse(self.Request.search([("from_application", "=", True)]), "the honeypot")
        self.env["ir.config_parameter"].set_param("beneficiary_relations.application_limit_per_hour", "2")
        statuses = [self._apply(national_id=make_id(40000110 + i)).status_code for i in range(3)]
        self.assertEqual(statuses, [200, 200, 429])
        self.assertEqual(len(self.Request.search([("from_application", "=", True)])), 2)
        response = self._apply(national_id=make_id(40000120))
        self.assertIn("Too many applications", response.text)
        # the complaint page keeps its own allowance
        self.assertEqual(self.url_open("/complaint").status_code, 200)

    # ------------------------------------------------------------------ duplicates
    def test_an_id_on_file_never_makes_a_second_file(self):
        number = make_id(40000130)
        existing = self.Beneficiary.create(
            {
                "name": "Hessa bint Ali",
                "national_id": number,
                "category_id": self.category_b.id,
                "company_id": self.main.id,
                "mobile": "0551112233",
                "email": "hessa.file@example.com",
                "state": "active",
            }
        )
        portal = new_test_user(
            self.env,
            "t_apply_portal",
            groups="base.group_portal",
            partner_id=existing.partner_id.id,
            name=existing.name,
            email=existing.email,
            company_id=self.main.id,
            company_ids=[Command.set(self.main.ids)],
        )
        response = self._apply(national_id=number, name="Someone Else", mobile="0559990000")
        self.assertIn("o_br_application_thanks", response.text, "the page says the same as for a new file")
        self.assertNotIn("Hessa bint Ali", response.text)
        self.assertEqual(len(self.Beneficiary.search([("national_id", "=", number)])), 1, "no second file")
        existing.invalidate_recordset()
        self.assertEqual(
            (existing.name, existing.mobile), ("Hessa bint Ali", "+966551112233"), "the file is kept"
        )
        request = self._applications(number)
        self.assertEqual(request.beneficiary_id, existing)
        self.assertTrue(request.application_match, "staff see the match")
        note = request.message_ids.filtered(lambda m: "applicant typed" in (m.body or ""))
        self.assertIn("Someone Else", note.body)
        self.assertIn("+966559990000", note.body)
        self.assertIn("existing file", note.body)
        # the file's beneficiary does not see it on the portal until staff verified it
        self.assertFalse(self._as(portal, self.Request).search([("id", "=", request.id)]))
        self.assertFalse(self._as(portal, request.document_ids).search([("request_id", "=", request.id)]))
        self._as(self.officer_main, request).action_verify_data()
        self.assertEqual(self._as(portal, self.Request).search([("id", "=", request.id)]), request)

    def test_an_id_on_file_for_a_service_its_category_may_not_ask(self):
        number = make_id(40000140)
        existing = self.Beneficiary.create(
            {
                "name": "Saad",
                "national_id": number,
                "category_id": self.category_a.id,
                "company_id": self.main.id,
            }
        )
        response = self._apply(
            national_id=number, service_type_id=str(self.widows_only.id), category_id=str(self.category_b.id)
        )
        self.assertIn("o_br_application_thanks", response.text)
        self.assertFalse(self._applications(number))
        note = existing.message_ids.filtered(lambda m: "applicant typed" in (m.body or ""))
        self.assertIn("no request was made", note.body)
        self.assertTrue(existing.activity_ids, "someone calls the applicant back")

    def test_possible_duplicates_are_shown_on_a_draft_file(self):
        self._apply(national_id=make_id(40000150), mobile="0551234567")  # beneficiary A's mobile
        draft = self.Beneficiary.search([("national_id", "=", make_id(40000150))])
        self.assertEqual(
            draft.possible_duplicate_ids, self.env["beneficiary.beneficiary"], "A is in another company"
        )
        same_company = self.Beneficiary.create(
            {
                "name": "Other",
                "category_id": self.category_a.id,
                "company_id": self.main.id,
                "mobile": "0551234567",
            }
        )
        draft.invalidate_recordset(["possible_duplicate_ids"])
        self.assertEqual(draft.possible_duplicate_ids, same_company)
        self.assertFalse(
            self._as(self.officer_main, draft).possible_duplicate_ids,
            "only files the user may read (the officer serves another category)",
        )

    # ------------------------------------------------------------------ after verification
    def test_verified_file_opens_the_portal(self):
        number = make_id(40000160)
        self._apply(national_id=number)
        request = self._applications(number)
        beneficiary = request.beneficiary_id
        self._as(self.officer_main, request).action_verify_data()
        self._as(self.officer_main, beneficiary).action_activate()
        self._as(self.officer_main, beneficiary).action_grant_portal_access()
        user = beneficiary.partner_id.user_ids
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertEqual(user.login, "hessa@example.com")
        user.password = "hessa-password-1"
        self.authenticate(user.login, "hessa-password-1")
        self.assertIn(request.name, self.url_open("/my/requests").text)
        # logged in with a file, the application page leads to the portal's form
        response = self.url_open("/apply", allow_redirects=False)
        self.assertIn("/my/requests/new", response.headers.get("Location", ""))
