from odoo.tests import tagged

from .common import BeneficiaryHttpCase


@tagged("post_install", "-at_install")
class TestBeneficiaryPolicyPublicPage(BeneficiaryHttpCase):
    """/beneficiary-policy shows the current policy of the visitor's company, never a draft."""

    # visitors belong to the main company, the website's one
    _beneficiary_test_company = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Policy = cls.env["beneficiary.policy"]
        whatsapp = cls.env.ref("beneficiary_relations.channel_whatsapp")
        cls.current = cls.Policy.create(
            {
                "name": "Published Relationship Policy",
                "company_id": cls.company.id,
                "introduction": "<p>CURRENT-MARKER introduction</p>",
                "channel_ids": [(6, 0, whatsapp.ids)],
                "approval_date": "2025-07-13",
                "board_chair": "Eng. Mustafa Al-Wafi",
            }
        )
        cls.current.action_approve()
        cls.draft = cls.Policy.create(
            {
                "name": "Draft Relationship Policy",
                "company_id": cls.company.id,
                "introduction": "<p>DRAFT-MARKER introduction</p>",
            }
        )

    def test_public_page_shows_the_current_policy_only(self):
        response = self.url_open("/beneficiary-policy")
        self.assertEqual(response.status_code, 200)
        self.assertIn("CURRENT-MARKER", response.text)
        self.assertIn("WhatsApp", response.text, "the channels come from the channel records")
        self.assertIn("Eng. Mustafa Al-Wafi", response.text)
        self.assertIn("13/07/2025", response.text)
        self.assertIn("18/01/1447", response.text)
        self.assertIn("/beneficiary-policy/pdf", response.text)
        self.assertNotIn("DRAFT-MARKER", response.text)

    def test_public_page_in_the_visitors_language(self):
        self._activate_arabic()
        self.env["res.lang"]._activate_lang("ar_001")
        response = self.url_open("/ar/beneficiary-policy")
        self.assertEqual(response.status_code, 200)
        self.assertIn('dir="rtl"', response.text)
        self.assertIn("اعتماد مجلس الإدارة", response.text)
        self.assertIn("CURRENT-MARKER", response.text)

    def test_pdf_serves_the_current_policy_whatever_is_asked(self):
        for url in (
            "/beneficiary-policy/pdf",
            f"/beneficiary-policy/pdf?id={self.draft.id}&policy_id={self.draft.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                # in test mode Odoo renders reports as HTML instead of running wkhtmltopdf
                self.assertIn("CURRENT-MARKER", response.text)
                self.assertNotIn("DRAFT-MARKER", response.text)

    def test_no_current_policy_is_not_found(self):
        self.current._set_state("superseded")
        self.assertFalse(self.Policy._get_current(self.company))
        self.assertEqual(self.url_open("/beneficiary-policy").status_code, 404)
        self.assertEqual(self.url_open("/beneficiary-policy/pdf").status_code, 404)

    def test_portal_user_reads_the_current_policy(self):
        portal = self._make_portal_user(self.beneficiary_a, "t_policy_portal")
        self.authenticate(portal.login, portal.login)
        response = self.url_open("/beneficiary-policy")
        self.assertIn("CURRENT-MARKER", response.text)
        self.assertNotIn("DRAFT-MARKER", response.text)
