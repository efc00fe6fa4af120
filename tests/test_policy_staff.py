"""Policy 004, «المسؤوليات»: every employee reads the policy and signs it (where the
association requires the signature), its code of professional ethics included, employees
without an Odoo login through a personal link; human resources give every department a
copy; and the policy stays under review (000, 001, 003, 004)."""

import json
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import BeneficiaryCase, BeneficiaryHttpCase
from .policy_samples import POLICIES
from .test_beneficiary_policy import PolicyFixtures

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
ETHICS = "<ol><li>النزاهة والأمانة في أداء العمل.</li><li>حفظ سرية بيانات المستفيدين.</li></ol>"
REVIEW = "beneficiary_relations.mail_activity_type_policy_review"
# the families of policies: only 004 (Samtah) asks staff to sign the policy
SIGNATURE_REQUIRED = {"ratel": False, "rosokh": False, "samtah": True}


@tagged("post_install", "-at_install")
class TestPolicyStaff(PolicyFixtures, BeneficiaryCase):
    def _as(self, user, record):
        return record.with_user(user).with_company(self.association)

    # ------------------------------------------------------------------ signature (004)
    def test_signature_required_where_the_policy_says_so(self):
        for family, required in SIGNATURE_REQUIRED.items():
            with self.subTest(family=family), self.env.cr.savepoint():
                self.association.write(
                    {"name": POLICIES[family]["company"], "beneficiary_policy_signature_required": required}
                )
                policy = self._approved()
                officer_policy = self._as(self.p_officer, policy)
                if required:
                    with self.assertRaisesRegex(UserError, "asks staff to sign the policy"):
                        officer_policy._acknowledge()
                    with self.assertRaisesRegex(ValidationError, "signature could not be read"):
                        officer_policy._acknowledge(signature="bm90IGFuIGltYWdl")
                    self.assertFalse(policy.acknowledgment_ids)
                    acknowledgment = officer_policy._acknowledge(signature=PNG)
                    self.assertTrue(acknowledgment.signature)
                else:
                    acknowledgment = officer_policy._acknowledge()
                    self.assertFalse(acknowledgment.signature)
                self.assertEqual(acknowledgment.state, "done")
                self.assertEqual(acknowledgment.user_id, self.p_officer)
                self.assertTrue(policy.with_user(self.p_officer).is_acknowledged_by_me)

    def test_the_wizard_asks_for_the_signature_when_required(self):
        self.association.beneficiary_policy_signature_required = True
        policy = self._approved()
        action = self._as(self.p_committee, policy).action_open_acknowledge()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.p_committee).with_context(**action["context"])
        )
        self.assertTrue(wizard.signature_required)
        with self.assertRaises(AssertionError):
            wizard.save()  # the signature is required on the form too
        wizard.signature = PNG
        wizard.save().action_confirm()
        self.assertEqual(policy.acknowledgment_ids.user_id, self.p_committee)

    # ------------------------------------------------------------------ ethics (G4) and IP (G1)
    def test_code_of_ethics_is_acknowledged_with_the_policy(self):
        policy = self._approved(
            ethics_code=ETHICS,
            intellectual_property="<p>أعمال المستفيدين ملك لهم.</p>",
        )
        content = policy.with_context(lang="en_US").content_html
        self.assertIn("Code of Professional Ethics", content)
        self.assertIn("Intellectual Property", content)
        self.assertIn("النزاهة والأمانة", content)
        officer_policy = self._as(self.p_officer, policy)
        with self.assertRaisesRegex(UserError, "code of professional ethics"):
            officer_policy._acknowledge()
        action = officer_policy.action_open_acknowledge()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.p_officer).with_context(**action["context"])
        )
        self.assertTrue(wizard.has_ethics_code)
        wizard.ethics_acknowledged = True
        wizard.save().action_confirm()
        self.assertTrue(policy.acknowledgment_ids.ethics_acknowledged)
        with self.assertRaisesRegex(UserError, "Create a new version"):
            policy.ethics_code = "<p>Changed after approval</p>"
        # a version without a code of ethics asks for no such confirmation
        newer = self._approved(approval_date="2026-01-04", ethics_code=False)
        acknowledgment = self._as(self.p_officer, newer)._acknowledge()
        self.assertFalse(acknowledgment.ethics_acknowledged)

    def test_intellectual_property_consent_purpose(self):
        purpose = self.env.ref("beneficiary_relations.consent_purpose_intellectual_property")
        consent = (
            self.env["beneficiary.consent"]
            .with_context(allowed_company_ids=self.company.ids)
            .create({"beneficiary_id": self.beneficiary_a.id, "purpose_id": purpose.id})
        )
        self.assertIn(consent, self.beneficiary_a.consent_ids)
        self.assertIn("works", purpose.with_context(lang="en_US").name)

    # ------------------------------------------------------------------ who acknowledged
    def test_acknowledgments_are_recorded_by_the_application_only(self):
        policy = self._approved()
        Acknowledgment = self.env["beneficiary.policy.acknowledgment"]
        with self.assertRaisesRegex(UserError, "set by the application"):
            Acknowledgment.with_user(self.p_officer).with_company(self.association).create(
                {"policy_id": policy.id, "user_id": self.p_officer.id, "state": "done", "date": "2020-01-01"}
            )
        with (
            self.assertRaisesRegex(ValidationError, "acknowledge the policy themselves"),
            self.env.cr.savepoint(),
        ):
            Acknowledgment.with_user(self.p_officer).with_company(self.association).create(
                {"policy_id": policy.id, "user_id": self.p_officer.id}
            )
        acknowledgment = self._as(self.p_officer, policy)._acknowledge()
        with self.assertRaises(UserError):
            acknowledgment.with_user(self.p_manager).with_company(self.association).write(
                {"date": "2020-01-01"}
            )
        with self.assertRaisesRegex(UserError, "kept for the record"):
            acknowledgment.with_user(self.p_manager).with_company(self.association).unlink()

    def test_coverage_counts_employees_without_a_login(self):
        policy = self._approved()
        manager_policy = self._as(self.p_manager, policy)
        manager_policy.external_acknowledgment_ids = [
            (0, 0, {"employee_name": "سعد القحطاني", "department": "الخدمات المساندة"}),
            (
                0,
                0,
                {
                    "employee_name": "هيا الشمري",
                    "department": "الاستقبال",
                    "employee_email": "haya@example.com",
                },
            ),
        ]
        saad, haya = policy.external_acknowledgment_ids.sorted("id")
        self.assertEqual((saad.state, haya.state), ("pending", "pending"))
        self.assertTrue(saad.access_token and haya.access_token, "each has a personal link")
        self.assertNotEqual(saad.access_token, haya.access_token)
        policy.invalidate_recordset()
        self.assertEqual((policy.acknowledged_count, policy.expected_count), (0, len(self.staff) + 2))
        saad.sudo()._link_sign("سعد بن علي القحطاني", PNG)
        policy.invalidate_recordset()
        self.assertEqual(policy.acknowledged_count, 1)
        # staff see their own acknowledgments only, not the employees'
        self.assertFalse(
            self.env["beneficiary.policy.acknowledgment"]
            .with_user(self.p_officer)
            .with_company(self.association)
            .search([])
        )
        # a new version asks the same employees again
        newer = self._approved(approval_date="2026-01-04")
        self.assertEqual(
            sorted(newer.external_acknowledgment_ids.mapped("employee_name")), ["سعد القحطاني", "هيا الشمري"]
        )
        self.assertEqual(set(newer.external_acknowledgment_ids.mapped("state")), {"pending"})
        with self.assertRaisesRegex(UserError, "no longer the current one"):
            haya.sudo()._link_sign("هيا الشمري", PNG)

    def test_links_are_mailed_to_the_employees(self):
        policy = self._approved()
        self._as(self.p_manager, policy).external_acknowledgment_ids = [
            (0, 0, {"employee_name": "هيا الشمري", "employee_email": "haya@example.com"}),
            (0, 0, {"employee_name": "سعد القحطاني"}),
        ]
        haya, saad = policy.external_acknowledgment_ids.sorted("id")
        with self.assertRaisesRegex(UserError, "has no e-mail address"):
            saad.with_user(self.p_manager).with_company(self.association).action_send_link()
        self._as(self.p_manager, policy).action_send_signature_links()
        mail = self.env["mail.mail"].search([("email_to", "=", "haya@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn(
            f"/beneficiary-policy/acknowledge/{haya.id}?access_token={haya.access_token}", mail.body_html
        )
        self.assertTrue(haya.link_sent_on)
        with self.assertRaisesRegex(UserError, "already been sent the link"):
            self._as(self.p_manager, policy).action_send_signature_links()

    # ------------------------------------------------------------------ distribution (I5)
    def test_distribution_to_departments_is_logged(self):
        draft = self._policy()
        Distribution = (
            self.env["beneficiary.policy.distribution"]
            .with_user(self.p_manager)
            .with_company(self.association)
        )
        with (
            self.assertRaisesRegex(ValidationError, "only a version approved by the board is distributed"),
            self.env.cr.savepoint(),
        ):
            Distribution.create({"policy_id": draft.id, "department": "HR"})
        policy = self._approved()
        with freeze_time("2025-07-20"):
            distribution = Distribution.create(
                {
                    "policy_id": policy.id,
                    "department": "الإدارة المالية",
                    "method": "printed",
                    "received_by": "المدير المالي",
                }
            )
        self.assertEqual(distribution.distributed_by_id, self.p_manager)
        self.assertEqual(distribution.date, date(2025, 7, 20))
        self.assertEqual(policy.distribution_ids, distribution)
        self.assertEqual(
            self.env["beneficiary.policy.distribution"]
            .with_user(self.p_officer)
            .with_company(self.association)
            .search([]),
            distribution,
            "staff read where the policy went",
        )
        with self.assertRaises(AccessError):
            self.env["beneficiary.policy.distribution"].with_user(self.p_officer).with_company(
                self.association
            ).create({"policy_id": policy.id, "department": "Mine"})

    # ------------------------------------------------------------------ review (I3)
    def test_review_date_and_reminder(self):
        with freeze_time("2025-07-14"):
            policy = self._approved(review_user_id=self.p_committee.id)
        self.assertEqual(policy.review_date, date(2026, 7, 13), "twelve months after the board's approval")
        Activity = self.env["mail.activity"]
        domain = [
            ("res_model", "=", "beneficiary.policy"),
            ("res_id", "=", policy.id),
            ("activity_type_id", "=", self.env.ref(REVIEW).id),
        ]
        with freeze_time("2026-06-01"):
            self.Policy._cron_remind_review()
        self.assertFalse(Activity.search(domain), "not yet: more than a month before")
        with freeze_time("2026-06-20"):
            self.Policy._cron_remind_review()
            self.Policy._cron_remind_review()
        activity = Activity.search(domain)
        self.assertEqual(len(activity), 1, "reminded once")
        self.assertEqual((activity.user_id, activity.date_deadline), (self.p_committee, date(2026, 7, 13)))
        with self.assertRaisesRegex(UserError, "Only a Beneficiary Relations manager"):
            self._as(self.p_committee, policy).action_mark_reviewed()
        with freeze_time("2026-07-01"):
            self._as(self.p_manager, policy).action_mark_reviewed()
        self.assertFalse(Activity.search(domain), "the reminder is done")
        self.assertEqual(policy.last_review_date, date(2026, 7, 1))
        self.assertEqual(policy.review_date, date(2027, 7, 1))
        with self.assertRaises(UserError):
            policy.with_user(self.p_manager).write({"last_review_date": "2020-01-01"})


@tagged("post_install", "-at_install")
class TestPolicySignatureLink(PolicyFixtures, BeneficiaryHttpCase):
    """An employee without an Odoo login reads the policy and signs it through their link."""

    def _sign(self, acknowledgment, token, name="سعد بن علي القحطاني", signature=PNG):
        response = self.url_open(
            f"/beneficiary-policy/acknowledge/{acknowledgment.id}/sign?access_token={token}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"name": name, "signature": signature},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_employee_reads_and_signs_through_the_link(self):
        policy = self._approved(ethics_code=ETHICS)
        policy.with_user(self.p_manager).with_company(self.association).external_acknowledgment_ids = [
            (0, 0, {"employee_name": "سعد القحطاني", "department": "الخدمات المساندة"})
        ]
        acknowledgment = policy.external_acknowledgment_ids
        token = acknowledgment.access_token
        url = f"/beneficiary-policy/acknowledge/{acknowledgment.id}"
        for bad in ("", "?access_token=forged", f"?access_token={token[:-1]}"):
            with self.subTest(url=bad):
                response = self.url_open(url + bad)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("النزاهة والأمانة", response.text)
        self.assertIn("error", self._sign(acknowledgment, "forged"))
        page = self.url_open(f"{url}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("النزاهة والأمانة", page.text, "the code of ethics is shown with the policy")
        self.assertIn("modal_br_policy_sign", page.text)
        self.assertIn("error", self._sign(acknowledgment, token, name=" "))
        self.assertIn("error", self._sign(acknowledgment, token, signature="bm90IGFuIGltYWdl"))
        self.assertEqual(acknowledgment.state, "pending")
        with freeze_time("2025-08-03 07:00:00"):
            result = self._sign(acknowledgment, token)
        self.assertTrue(result.get("force_refresh"), result)
        acknowledgment.invalidate_recordset()
        self.assertEqual(acknowledgment.state, "done")
        self.assertEqual(acknowledgment.signer_name, "سعد بن علي القحطاني")
        self.assertEqual(acknowledgment.date, datetime(2025, 8, 3, 7, 0))
        self.assertTrue(acknowledgment.signature)
        self.assertTrue(acknowledgment.ethics_acknowledged)
        self.assertIn("error", self._sign(acknowledgment, token), "signed once")
        page = self.url_open(f"{url}?access_token={token}")
        self.assertIn("o_br_policy_signed", page.text)
        self.assertNotIn("modal_br_policy_sign", page.text)
        # the link of a staff member's own acknowledgment is no way in
        own = (
            policy.with_user(self.p_officer)
            .with_company(self.association)
            ._acknowledge(ethics_acknowledged=True)
        )
        self.assertEqual(self.url_open(f"/beneficiary-policy/acknowledge/{own.id}").status_code, 404)
