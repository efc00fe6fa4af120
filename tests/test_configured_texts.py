from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common_request import ServiceRequestHttpCase


@tagged("post_install", "-at_install")
class TestConfiguredTexts(ServiceRequestHttpCase):
    """What staff configure and beneficiaries read (service names and descriptions, the
    declaration they sign, the next steps, programs...) exists in each beneficiary's
    language; the association's answers reach the portal in its name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        cls.beneficiary_a.lang = "ar_001"
        cls.beneficiary_b.lang = "en_US"
        cls.service.write({"portal_published": True, "code": "T-TEXTS"})
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_texts_a")

    def test_texts_shown_to_beneficiaries_are_translatable(self):
        shown_to_beneficiaries = {
            "beneficiary.service.type": ("name", "description", "declaration_text", "next_steps"),
            "beneficiary.program": ("name", "announcement", "conditions", "location"),
            "beneficiary.category": ("name", "description"),
            "beneficiary.channel": ("name",),
            "beneficiary.document.type": ("name",),
            "beneficiary.complaint.category": ("name",),
            "beneficiary.consent.purpose": ("name", "description"),
            "beneficiary.committee": ("name",),
        }
        for model, names in shown_to_beneficiaries.items():
            for name in names:
                with self.subTest(field=f"{model}.{name}"):
                    self.assertTrue(self.env[model]._fields[name].translate)

    def test_default_declaration_in_every_installed_language(self):
        """A service type created by an English-speaking administrator: the Arabic
        beneficiary still reads, and signs, the declaration in Arabic."""
        arabic = html2plaintext(
            self.env["beneficiary.service.type"].with_context(lang="ar_001")._default_declaration_text()
        )
        self.assertRegex(arabic, "[\u0600-\u06ff]", "ar.po translates the default declaration")
        service = (
            self.env["beneficiary.service.type"]
            .with_context(lang="en_US")
            .create({"name": "Rent support", "committee_id": self.committee.id})
        )
        self.assertIn("I declare", service.with_context(lang="en_US").declaration_text)
        self.assertEqual(html2plaintext(service.with_context(lang="ar_001").declaration_text), arabic)
        request = self._new_request(service_type_id=service.id)
        self.assertEqual(html2plaintext(request.with_context(lang="ar_001").declaration_text), arabic)
        # the declaration the Arabic beneficiary reads and signs on the portal
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self.url_open(request.get_portal_url()).text
        self.assertIn(arabic.split("،")[0], page)
        self.assertNotIn("I declare", page)
        # a declaration of its own is kept as typed, in the language it was typed in
        own = (
            self.env["beneficiary.service.type"]
            .with_context(lang="ar_001")
            .create({"name": "كفالة يتيم", "declaration_text": "<p>أتعهد بإبلاغ الجمعية بأي تغيير.</p>"})
        )
        self.assertIn("أتعهد بإبلاغ الجمعية", own.with_context(lang="en_US").declaration_text)

    def test_next_steps_of_the_service_in_the_beneficiary_language(self):
        self.service.with_context(lang="en_US").next_steps = "Collect the basket on Sunday."
        self.service.with_context(lang="ar_001").next_steps = "استلم السلة يوم الأحد."
        arabic = self._new_request()
        english = self._new_request(beneficiary=self.beneficiary_b)
        own = self._new_request(next_steps="راجع الفرع يوم الإثنين.")
        for request in arabic | english | own:
            self._bring_to(request, "in_review")
        (arabic | english | own).with_user(self.committee_user).action_accept()
        self.assertEqual(arabic.next_steps, "استلم السلة يوم الأحد.")
        self.assertEqual(english.next_steps, "Collect the basket on Sunday.")
        self.assertEqual(own.next_steps, "راجع الفرع يوم الإثنين.", "the request's own next steps win")


@tagged("post_install", "-at_install")
class TestPortalAuthor(ServiceRequestHttpCase):
    """On the portal the association's answers appear in its name and with its logo:
    neither under the complainant's name nor under a member of staff's account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"name": "جمعية البر الأهلية", "email": "info@albir.example.sa"})
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_author_a")
        cls.category = cls.env["beneficiary.complaint.category"].create(
            {"name": "Service", "kind": "complaint", "sla_days": 10}
        )

    def _portal_complaint(self):
        return (
            self.env["beneficiary.complaint"]
            .with_user(self.portal_a)
            ._portal_create(
                self.company,
                {"subject": "Late basket", "description": "Not delivered", "category_id": self.category.id},
                beneficiary=self.beneficiary_a,
            )
        )

    def test_acknowledgement_of_a_portal_complaint_is_the_association(self):
        complaint = self._portal_complaint()
        acknowledgement = complaint.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertTrue(acknowledgement, "the acknowledgement is posted to the complainant")
        self.assertEqual(acknowledgement.author_id, self.company.partner_id)
        self.assertNotEqual(acknowledgement.author_id, self.beneficiary_a.partner_id)
        self.assertIn("info@albir.example.sa", acknowledgement.email_from)

    def test_portal_chatter_shows_the_association(self):
        complaint = self._portal_complaint()
        acknowledgement = complaint.message_ids.filtered(lambda m: m.message_type == "comment")
        answer = complaint.with_user(self.officer_a).message_post(
            body="Your basket leaves the warehouse tomorrow.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        thanks = complaint.with_user(self.portal_a).message_post(
            body="Thank you.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.authenticate(self.portal_a.login, self.portal_a.login)
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch", {"thread_model": complaint._name, "thread_id": complaint.id}
        )
        shown = {message["id"]: message for message in result["data"]["mail.message"]}
        self.assertLessEqual({acknowledgement.id, answer.id, thanks.id}, set(shown))
        self.assertEqual(
            shown[thanks.id]["author"]["name"], self.beneficiary_a.name, "the beneficiary's own words"
        )
        for message in (acknowledgement, answer):
            author = shown[message.id]["author"]
            self.assertEqual(author["id"], self.company.partner_id.id)
            self.assertEqual(author["name"], "جمعية البر الأهلية")
            self.assertIn(f"company={self.company.id}", shown[message.id]["author_avatar_url"])
        self.assertEqual(answer.author_id, self.officer_a.partner_id, "the backend still says who wrote it")
