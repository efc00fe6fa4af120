"""The register of a beneficiary's published works and images (policies 002 and 004:
their intellectual property is kept; their works are used only with their consent)."""

import base64
import json
import re
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_notification import NotificationCase
from .common_request import ServiceRequestFixtures

PHOTO = base64.b64encode(b"\x89PNG\r\n\x1a\n work of art FILEMARK-WORK")
CSRF_RE = re.compile(r'csrf_token: "([^"]+)"')


class PublishedWorkFixtures:
    @classmethod
    def _publishing_setup(cls):
        cls.Work = cls.env["beneficiary.published.work"]
        cls.purpose = cls.env.ref("beneficiary_relations.consent_purpose_intellectual_property")
        cls.activity_type = cls.env.ref("beneficiary_relations.mail_activity_type_withdraw_works")

    def _consent(self, beneficiary, given="2026-03-01 08:00:00", purpose=None):
        return self.env["beneficiary.consent"].create(
            {
                "beneficiary_id": beneficiary.id,
                "purpose_id": (purpose or self.purpose).id,
                "date": given,
            }
        )

    def _work(self, beneficiary=None, user=None, **vals):
        values = {
            "name": "Drawing of the national day",
            "beneficiary_id": (beneficiary or self.beneficiary_a).id,
            "kind": "artwork",
            "location": "The association's website",
            "url": "https://example.com/works/1",
            "date_published": "2026-03-10",
        }
        values.update(vals)
        return self.Work.with_user(user or self.officer_a).create(values)


@tagged("post_install", "-at_install")
class TestPublishedWork(PublishedWorkFixtures, NotificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._publishing_setup()

    # ------------------------------------------------------------------ publishing
    @freeze_time("2026-03-15 09:00:00")
    def test_publishing_needs_the_consent_in_force_on_the_publication_date(self):
        work = self._work()
        with self.assertRaisesRegex(UserError, "has not consented to “Publishing the beneficiary's works"):
            work.action_publish()
        self.assertEqual(work.state, "draft")
        # another purpose is no consent to publish
        self._consent(
            self.beneficiary_a, purpose=self.env.ref("beneficiary_relations.consent_purpose_contact")
        )
        with self.assertRaises(UserError):
            work.action_publish()
        # a consent given after the publication date does not cover it
        consent = self._consent(self.beneficiary_a, given="2026-03-12 08:00:00")
        with self.assertRaises(UserError):
            work.action_publish()
        work.date_published = "2026-03-12"
        work.action_publish()
        self.assertEqual(work.state, "published")
        self.assertEqual(work.consent_id, consent)
        # a day still to come is no publication
        later = self._work(name="Poem", date_published="2026-03-20")
        with self.assertRaisesRegex(UserError, "day still to come"):
            later.action_publish()

    @freeze_time("2026-03-15 09:00:00")
    def test_withdrawn_consent_refuses_publishing_and_arabic_message(self):
        self._activate_arabic()
        consent = self._consent(self.beneficiary_a)
        consent._withdraw("No more photos", datetime(2026, 3, 5, 8, 0))
        work = self._work()
        with self.assertRaises(UserError) as caught:
            work.with_context(lang="ar_001").action_publish()
        self.assertIn("لا يمكن نشر", str(caught.exception))

    @freeze_time("2026-03-15 09:00:00")
    def test_status_consent_and_dates_are_the_application_s(self):
        consent = self._consent(self.beneficiary_a)
        with self.assertRaises(UserError):
            self._work(state="published")
        work = self._work()
        for vals in ({"state": "published"}, {"consent_id": consent.id}, {"date_withdrawn": "2026-03-11"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                work.with_user(self.manager).write(vals)
        work.action_publish()
        with self.assertRaisesRegex(UserError, "is published"):
            work.with_user(self.officer_a).write({"date_published": "2026-03-01"})
        with self.assertRaisesRegex(UserError, "kept for the record"):
            work.with_user(self.manager).unlink()
        with self.assertRaisesRegex(ValidationError, "https://"):
            work.with_user(self.officer_a).write({"url": "javascript:alert(1)"})

    # ------------------------------------------------------------------ withdrawal
    @freeze_time("2026-03-15 09:00:00")
    def test_consent_withdrawal_puts_the_works_to_withdraw_with_one_activity(self):
        consent = self._consent(self.beneficiary_a)
        works = self._work() | self._work(name="Photo at the Eid party", kind="photo")
        works.action_publish()
        draft = self._work(name="Not published yet")
        other = self._consent(self.beneficiary_b)
        work_b = self._work(beneficiary=self.beneficiary_b, user=self.officer_b, name="B's poem")
        work_b.action_publish()

        wizard = (
            self.env["beneficiary.consent.withdraw"]
            .with_user(self.officer_a)
            .create({"consent_ids": [(6, 0, consent.ids)], "reason": "The beneficiary called"})
        )
        wizard.action_confirm()

        self.assertEqual(set(works.mapped("state")), {"to_withdraw"})
        self.assertTrue(all(works.mapped("withdrawal_requested_date")))
        self.assertEqual(draft.state, "draft")
        self.assertEqual(work_b.state, "published", "another beneficiary's works stay")
        self.assertEqual(other.state, "given")
        activities = self.beneficiary_a.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )
        self.assertEqual(len(activities), 1, "one summary activity, not one per work")
        self.assertEqual(activities.user_id, self.officer_a)
        self.assertEqual(activities.summary, "Published works to withdraw: 2")
        self.assertIn("Photo at the Eid party", str(activities.note))
        self.assertFalse(works.activity_ids, "no activity per work")

        # staff take them down: the beneficiary is told once, the activity is done
        works.with_user(self.officer_a).action_mark_withdrawn()
        self.assertEqual(set(works.mapped("state")), {"withdrawn"})
        self.assertEqual(works.withdrawn_by_id, self.officer_a)
        self.assertFalse(
            self.beneficiary_a.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)
        )
        logs = self.Log.search(
            [("beneficiary_id", "=", self.beneficiary_a.id), ("kind", "=", "work_withdrawn")]
        )
        self.assertEqual(len(logs), 1, "one message for the works withdrawn together")
        self.assertEqual(logs.channel, "email")
        body = str(self._mail_of(logs).body_html)
        self.assertIn("Drawing of the national day", body)
        self.assertIn("Photo at the Eid party", body)

    @freeze_time("2026-03-15 09:00:00")
    def test_beneficiary_told_by_sms_in_arabic(self):
        self._activate_arabic()
        self.beneficiary_a.partner_id.lang = "ar_001"
        self.beneficiary_a.preferred_channel_id = self.channels["sms"]
        self._consent(self.beneficiary_a)
        work = self._work(name="لوحة اليوم الوطني")
        work.action_publish()
        work.action_request_withdrawal()
        work.action_mark_withdrawn()
        log = self._logs(work, "work_withdrawn")
        self.assertEqual(log.channel, "sms")
        sms = self._sms_of(log)
        self.assertIn("لوحة اليوم الوطني", sms.body)
        self.assertIn("سحبنا", sms.body)

    @freeze_time("2026-03-15 09:00:00")
    def test_erasure_removes_the_files_and_keeps_the_trace(self):
        self._consent(self.beneficiary_a)
        work = self._work(file=PHOTO, file_name="drawing-of-fahad.png", description="Fahad at the contest")
        work.action_publish()
        self.assertTrue(work.file)
        with self.assertRaisesRegex(UserError, "works are still published"):
            self.beneficiary_a.with_user(self.manager).action_anonymize()
        work.action_request_withdrawal()
        with self.assertRaisesRegex(UserError, "works are still published"):
            self.beneficiary_a.with_user(self.manager).action_anonymize()
        work.action_mark_withdrawn()

        self.beneficiary_a.with_user(self.manager).action_anonymize()

        self.env.invalidate_all()
        self.assertEqual(work.state, "withdrawn", "the trace that the work was withdrawn")
        self.assertEqual((work.kind, work.date_published), ("artwork", date(2026, 3, 10)))
        self.assertTrue(work.date_withdrawn)
        self.assertEqual(work.name, "Anonymised")
        self.assertFalse(work.description or work.location or work.url or work.file_name)
        self.assertFalse(work.file)
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", work._name), ("res_id", "=", work.id), ("res_field", "=", "file")])
        )

    @freeze_time("2026-03-15 09:00:00")
    def test_data_copy_holds_the_works_and_their_files(self):
        self._consent(self.beneficiary_a)
        work = self._work(file=PHOTO, file_name="drawing.png")
        work.action_publish()
        export = self.beneficiary_a._export_personal_data()
        json.dumps(export)
        self.assertEqual(len(export["published_works"]), 1)
        row = export["published_works"][0]
        self.assertEqual(row["name"], "Drawing of the national day")
        self.assertEqual(row["kind"], "Artwork")
        self.assertEqual(row["url"], "https://example.com/works/1")
        self.assertEqual(row["state"], "Published")
        self.assertEqual(row["consent_id"], work.consent_id.display_name)
        documents = {document["name"]: document for document in export["documents"]}
        self.assertIn("file", documents, "the work's file is in the copy")
        self.assertEqual(documents["file"]["record"], work.display_name)
        self.assertEqual(base64.b64decode(documents["file"]["content"]), base64.b64decode(PHOTO))
        self.assertEqual(self.beneficiary_b._export_personal_data()["published_works"], [])


@tagged("post_install", "-at_install")
class TestPublishedWorkPortal(PublishedWorkFixtures, ServiceRequestFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._publishing_setup()
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_work_portal_a")
        cls.portal_b = cls._make_portal_user(cls.beneficiary_b, "t_work_portal_b")
        # A heads a family: the works of its member are A's to see
        cls.family = cls.Beneficiary.create(
            {
                "name": "Family of A",
                "kind": "family",
                "category_id": cls.category_a.id,
                "family_head_id": cls.beneficiary_a.id,
            }
        )
        cls.child = cls.Beneficiary.create(
            {"name": "Child of A", "category_id": cls.category_a.id, "family_id": cls.family.id}
        )

    def setUp(self):
        super().setUp()
        for beneficiary in (self.beneficiary_a, self.child, self.beneficiary_b):
            self._consent(beneficiary)
        # arranged by the administrator (the officer's own rights are tested in TestPublishedWork)
        admin = self.env.user
        self.work_a = self._work(user=admin, name="Work of A", user_id=self.officer_a.id)
        self.work_child = self._work(
            beneficiary=self.child, user=admin, name="Work of the child", user_id=self.officer_a.id
        )
        self.work_b = self._work(
            beneficiary=self.beneficiary_b, user=admin, name="Work of B", user_id=self.officer_b.id
        )
        (self.work_a | self.work_child | self.work_b).action_publish()
        self.draft_a = self._work(user=admin, name="Draft of A")

    def test_portal_lists_own_and_dependants_works_only(self):
        self.authenticate("t_work_portal_a", "t_work_portal_a")
        page = self.url_open("/my/works").text
        self.assertIn("Work of A", page)
        self.assertIn("Work of the child", page)
        self.assertNotIn("Work of B", page)
        self.assertNotIn("Draft of A", page, "a work not published is not shown")
        found = self.env["beneficiary.published.work"].with_user(self.portal_a).search([])
        self.assertEqual(found, self.work_a | self.work_child)
        with self.assertRaises(UserError):
            self.work_a.with_user(self.portal_a).write({"name": "Renamed"})

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_portal_withdrawal_request(self):
        self.authenticate("t_work_portal_a", "t_work_portal_a")
        csrf = CSRF_RE.search(self.url_open("/my/works").text).group(1)
        # without the CSRF token: refused, nothing changes
        response = self.url_open(f"/my/works/{self.work_child.id}/withdraw", data={})
        self.assertIn(response.status_code, (400, 405), "refused without its CSRF token")
        self.assertEqual(self.work_child.state, "published")
        # another beneficiary's work, missing and absurd ids: not found, never a server error
        for work_id in (self.work_b.id, self.draft_a.id, 987654321, 2**31, 2**63):
            with self.subTest(work_id=work_id):
                response = self.url_open(f"/my/works/{work_id}/withdraw", data={"csrf_token": csrf})
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self.work_b.state, "published")
        self.assertEqual(self.draft_a.state, "draft")
        response = self.url_open(f"/my/works/{self.work_child.id}/withdraw", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/works", response.url)
        self.env.invalidate_all()
        self.assertEqual(self.work_child.state, "to_withdraw")
        self.assertEqual(self.work_a.state, "published")
        activity = self.child.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)
        self.assertEqual(activity.user_id, self.officer_a, "the work's responsible, never the portal user")
        # asked twice: a clear message, no second activity
        response = self.url_open(f"/my/works/{self.work_child.id}/withdraw", data={"csrf_token": csrf})
        self.assertIn("nothing to withdraw", response.text)
        self.assertEqual(
            len(self.child.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)), 1
        )

    def test_portal_user_b_cannot_ask_for_a(self):
        self.authenticate("t_work_portal_b", "t_work_portal_b")
        self.assertNotIn("Work of A", self.url_open("/my/works").text)
        csrf = CSRF_RE.search(self.url_open("/my/works").text).group(1)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/works/{self.work_a.id}/withdraw", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.work_a.state, "published")
