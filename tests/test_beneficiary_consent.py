from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import BeneficiaryCase


@tagged("post_install", "-at_install")
class TestBeneficiaryConsent(BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env.ref("beneficiary_relations.consent_purpose_service")
        cls.contact = cls.env.ref("beneficiary_relations.consent_purpose_contact")
        cls.statistics = cls.env.ref("beneficiary_relations.consent_purpose_statistics")
        cls.Consent = cls.env["beneficiary.consent"]

    def _consent(self, purpose, date, beneficiary=None, **vals):
        return self.Consent.create(
            {
                "beneficiary_id": (beneficiary or self.beneficiary_a).id,
                "purpose_id": purpose.id,
                "date": date,
                **vals,
            }
        )

    def test_summary_on_the_file_follows_the_consent_records(self):
        first = self._consent(
            self.service,
            "2025-01-05 09:00:00",
            channel_id=self.env.ref("beneficiary_relations.channel_interview").id,
        )
        self._consent(self.contact, "2025-03-01 10:00:00")
        self.assertEqual(self.beneficiary_a.consent_purpose_ids, self.service | self.contact)
        self.assertEqual(self.beneficiary_a.consent_date, fields.Datetime.to_datetime("2025-01-05 09:00:00"))
        first._withdraw("The beneficiary asked to stop.")
        self.assertEqual(first.state, "withdrawn")
        self.assertEqual(self.beneficiary_a.consent_purpose_ids, self.contact)
        self.assertEqual(self.beneficiary_a.consent_date, fields.Datetime.to_datetime("2025-03-01 10:00:00"))
        self.assertIn(
            self.beneficiary_a, self.Beneficiary.search([("consent_purpose_ids", "in", self.contact.ids)])
        )

    @freeze_time("2025-06-01 08:00:00")
    def test_writing_the_summary_keeps_records_consistent(self):
        beneficiary = self.Beneficiary.create(
            {
                "name": "Consent Writer",
                "category_id": self.category_a.id,
                "consent_date": "2025-02-02 09:00:00",
                "consent_purpose_ids": [(6, 0, (self.service | self.contact).ids)],
            }
        )
        consents = beneficiary.consent_ids
        self.assertEqual(consents.purpose_id, self.service | self.contact)
        self.assertEqual(set(consents.mapped("date")), {fields.Datetime.to_datetime("2025-02-02 09:00:00")})
        beneficiary.consent_purpose_ids = [(6, 0, (self.contact | self.statistics).ids)]
        withdrawn = beneficiary.consent_ids.filtered(lambda c: c.purpose_id == self.service)
        self.assertEqual(withdrawn.state, "withdrawn")
        self.assertTrue(withdrawn.withdrawal_reason)
        added = beneficiary.consent_ids.filtered(lambda c: c.purpose_id == self.statistics)
        self.assertEqual(added.date, fields.Datetime.now(), "a purpose added later is given now")
        self.assertEqual(beneficiary.consent_purpose_ids, self.contact | self.statistics)
        self.assertEqual(beneficiary.consent_date, fields.Datetime.to_datetime("2025-02-02 09:00:00"))
        beneficiary.consent_date = "2025-01-15 09:00:00"
        self.assertEqual(
            set(beneficiary.consent_ids.filtered(lambda c: c.state == "given").mapped("date")),
            {fields.Datetime.to_datetime("2025-01-15 09:00:00")},
        )

    def test_withdraw_through_the_wizard(self):
        consent = self._consent(self.service, "2025-01-05 09:00:00")
        action = consent.with_user(self.officer_a).action_open_withdraw()
        form = Form(self.env[action["res_model"]].with_user(self.officer_a).with_context(**action["context"]))
        form.reason = "Asked by phone"
        form.save().action_confirm()
        self.assertEqual(consent.state, "withdrawn")
        self.assertEqual(consent.withdrawal_reason, "Asked by phone")
        self.assertFalse(self.beneficiary_a.consent_purpose_ids)
        with self.assertRaisesRegex(UserError, "already withdrawn"):
            consent._withdraw("again")
        other = self._consent(self.contact, "2025-01-05 09:00:00")
        with self.assertRaisesRegex(UserError, "reason"):
            other._withdraw("  ")
        with self.assertRaisesRegex(ValidationError, "before it was given"):
            other._withdraw("too early", fields.Datetime.to_datetime("2024-12-31 09:00:00"))
        self.assertEqual(other.state, "given", "nothing half-written")

    def test_one_consent_in_force_per_purpose(self):
        self._consent(self.service, "2025-01-05 09:00:00")
        with self.assertRaisesRegex(ValidationError, "already consented"):
            self._consent(self.service, "2025-02-05 09:00:00")
        self.beneficiary_a.consent_ids._withdraw("Stopped")
        renewed = self._consent(self.service, "2025-02-05 09:00:00")
        self.assertEqual(self.beneficiary_a.consent_purpose_ids, self.service)
        self.assertEqual(self.beneficiary_a.consent_date, renewed.date)

    def test_consents_follow_access_to_the_file(self):
        consent_a = self._consent(self.service, "2025-01-05 09:00:00")
        consent_b = self._consent(self.service, "2025-01-05 09:00:00", beneficiary=self.beneficiary_b)
        Consent = self.Consent.with_user(self.officer_a)
        self.assertEqual(Consent.search([("id", "in", (consent_a | consent_b).ids)]), consent_a)
        with self.assertRaises(AccessError):
            consent_b.with_user(self.officer_a).read(["purpose_id"])
        with self.assertRaises(AccessError):
            Consent.create({"beneficiary_id": self.beneficiary_b.id, "purpose_id": self.contact.id})
        # the officer records consents on their files, also through the summary
        self.beneficiary_a.with_user(self.officer_a).consent_purpose_ids = [(4, self.contact.id)]
        self.assertEqual(self.beneficiary_a.consent_ids.purpose_id, self.service | self.contact)
        portal = self._make_portal_user(self.beneficiary_a, "t_consent_portal")
        self.assertEqual(self.Consent.with_user(portal).search([]), self.beneficiary_a.consent_ids)
        with self.assertRaises(AccessError):
            consent_a.with_user(portal).write({"withdrawal_reason": "x"})
        with self.assertRaises(AccessError):
            self.Consent.with_user(self.internal_user).search([])
