from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import BeneficiaryCase, make_id


@tagged("post_install", "-at_install")
class TestBeneficiary(BeneficiaryCase):
    def _create(self, **vals):
        values = {"name": "Test Beneficiary", "category_id": self.category_a.id}
        values.update(vals)
        return self.Beneficiary.create(values)

    # ------------------------------------------------------------------ identity
    def test_valid_citizen_and_resident_ids(self):
        citizen = self._create(national_id=make_id(20000001))
        resident = self._create(national_id=make_id(20000002, prefix="2"))
        self.assertEqual(citizen.id_type, "national_id")
        self.assertEqual(resident.id_type, "iqama")
        self.assertTrue(citizen.reference.startswith("BEN/"), "a file reference is given on creation")
        self.assertNotEqual(citizen.reference, resident.reference)

    def test_wrong_check_digit_is_refused(self):
        number = make_id(20000003)
        wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self._create(national_id=wrong)

    def test_wrong_length_and_prefix_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "exactly 10 digits"):
            self._create(national_id="123456789")
        with self.assertRaisesRegex(ValidationError, "exactly 10 digits"):
            self._create(national_id="12345678901")
        with self.assertRaisesRegex(ValidationError, "must start with 1"):
            self._create(national_id="5000000001", id_type="national_id")

    def test_arabic_indic_digits_are_normalised(self):
        number = make_id(20000004)
        arabic = number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        beneficiary = self._create(national_id=f"\u200f{arabic[:4]} {arabic[4:]}")
        self.assertEqual(beneficiary.national_id, number)
        self.assertEqual(beneficiary.id_type, "national_id")
        beneficiary.national_id = make_id(20000005).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        self.assertEqual(beneficiary.national_id, make_id(20000005))

    def test_duplicate_id_is_refused_per_company(self):
        number = make_id(20000006)
        self._create(national_id=number)
        arabic = number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        with self.assertRaisesRegex(ValidationError, "already has the ID number"):
            self._create(national_id=arabic)
        other_company = self.env["res.company"].create({"name": "Second Association"})
        category = self.env["beneficiary.category"].create({"name": "Shared", "company_id": False})
        other = self.Beneficiary.create(
            {
                "name": "Same ID elsewhere",
                "national_id": number,
                "company_id": other_company.id,
                "category_id": category.id,
            }
        )
        self.assertEqual(other.national_id, number, "another association may register the same person")

    def test_duplicates_within_one_batch_are_refused(self):
        number = make_id(20000007)
        with self.assertRaisesRegex(ValidationError, "already has the ID number"):
            self.Beneficiary.create(
                [
                    {"name": "One", "category_id": self.category_a.id, "national_id": number},
                    {"name": "Two", "category_id": self.category_a.id, "national_id": number},
                ]
            )

    def test_other_id_types(self):
        passport = self._create(national_id="A1234567", id_type="passport")
        self.assertEqual(passport.id_type, "passport")
        border = self._create(national_id="3123456789", id_type="border_number")
        self.assertEqual(border.id_type, "border_number")
        with self.assertRaisesRegex(ValidationError, "border number"):
            self._create(national_id="1123456789", id_type="border_number")
        with self.assertRaisesRegex(ValidationError, "digits only"):
            self._create(national_id="B7654321")
        with self.assertRaisesRegex(ValidationError, "already has the ID number"):
            self._create(national_id="A1234567", id_type="passport")

    def test_id_error_message_in_arabic(self):
        self._activate_arabic()
        with self.assertRaises(ValidationError) as error:
            self.Beneficiary.with_context(lang="ar_001").create(
                {"name": "خطأ", "category_id": self.category_a.id, "national_id": "123"}
            )
        self.assertIn("10 أرقام", str(error.exception))

    # ------------------------------------------------------------------ mobile
    def test_mobile_normalised_to_e164(self):
        cases = {
            "0551234567": "+966551234567",
            "٠٥٥١٢٣٤٥٦٨": "+966551234568",
            "+966 55 123 4569": "+966551234569",
            "00966551234560": "+966551234560",
            "551234561": "+966551234561",
        }
        for given, expected in cases.items():
            with self.subTest(given=given):
                beneficiary = self._create(mobile=given)
                self.assertEqual(beneficiary.mobile, expected)
                self.assertEqual(beneficiary.partner_id.mobile, expected, "stored on the contact")

    def test_invalid_mobile_is_refused(self):
        for wrong in ("12345", "0112345678", "05512345678901", "not a phone"):
            with self.subTest(wrong=wrong), self.assertRaisesRegex(ValidationError, "mobile number"):
                self._create(mobile=wrong)
        beneficiary = self._create(mobile="0551234562")
        with self.assertRaisesRegex(ValidationError, "mobile number"):
            beneficiary.write({"mobile": "0111"})
        self.assertEqual(beneficiary.mobile, "+966551234562")

    def test_failed_batch_writes_nothing(self):
        count = self.Beneficiary.search_count([])
        partners = self.env["res.partner"].search_count([])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Beneficiary.create(
                [
                    {"name": "Good", "category_id": self.category_a.id, "national_id": make_id(20000008)},
                    {"name": "Bad", "category_id": self.category_a.id, "national_id": "1000000009"},
                ]
            )
        self.assertEqual(self.Beneficiary.search_count([]), count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    # ------------------------------------------------------------------ registry
    def test_beneficiary_is_a_contact(self):
        self.assertEqual(self.beneficiary_a.partner_id.name, "Fahad Al-Dosari")
        self.assertEqual(self.beneficiary_a.partner_id.beneficiary_ids, self.beneficiary_a)
        self.assertEqual(self.beneficiary_a.country_id, self.env.ref("base.sa"))
        self.beneficiary_a.name = "Fahad bin Nasser Al-Dosari"
        self.assertEqual(self.beneficiary_a.partner_id.name, "Fahad bin Nasser Al-Dosari")

    @freeze_time("2026-03-01")
    def test_age_and_hijri_birth_date(self):
        beneficiary = self._create(birth_date="2010-03-02")
        self.assertEqual(beneficiary.age, 15)
        self.assertEqual(beneficiary.with_context(lang="en_US").birth_date_hijri, "16 Rabi' al-Awwal 1431 AH")
        self.assertIn(beneficiary, self.Beneficiary.search([("age", "=", 15)]))
        self.assertIn(beneficiary, self.Beneficiary.search([("age", "<", 16)]))
        self.assertNotIn(beneficiary, self.Beneficiary.search([("age", ">=", 16)]))
        beneficiary.birth_date = "2010-03-01"
        self.assertEqual(beneficiary.age, 16)
        self.assertIn(beneficiary, self.Beneficiary.search([("age", ">=", 16)]))
        with self.assertRaisesRegex(ValidationError, "future"):
            beneficiary.birth_date = "2026-03-02"

    def test_family_with_head_members_and_lines(self):
        head = self._create(name="Head", national_id=make_id(20000010))
        family = self._create(name="Family", kind="family", family_head_id=head.id)
        child = self._create(name="Child", family_id=family.id)
        family.member_line_ids = [
            (0, 0, {"name": "Spouse", "relation": "spouse", "national_id": make_id(20000011)}),
            (0, 0, {"name": "Baby", "relation": "daughter", "birth_date": "2024-01-01"}),
        ]
        self.assertEqual(family.family_size, 4)
        self.assertEqual(child.family_id, family)
        with self.assertRaisesRegex(ValidationError, "kind Family"):
            self._create(name="Wrong", family_id=head.id)
        with self.assertRaisesRegex(ValidationError, "check digit"):
            family.member_line_ids = [
                (0, 0, {"name": "Bad ID", "relation": "son", "national_id": "1000000009"})
            ]

    def test_legal_entity(self):
        representative = self.env["res.partner"].create({"name": "Representative"})
        entity = self._create(
            name="Quran School",
            kind="legal_entity",
            registration_number="2250012345",
            representative_id=representative.id,
            representative_national_id="١٠٠٠٠٠٠٠٠٨",
        )
        self.assertEqual(entity.representative_national_id, "1000000008")
        self.assertEqual(entity.kind, "legal_entity")

    def test_liaison_officer_assignment_prefers_domain(self):
        self.assertEqual(self.beneficiary_a.liaison_user_id, self.officer_a)
        beneficiary = self._create(domain_ids=[(6, 0, self.domain_edu.ids)])
        self.assertEqual(
            beneficiary.liaison_user_id, self.researcher, "the officer of the domain comes first"
        )
        beneficiary.category_id = self.category_b
        self.assertEqual(beneficiary.liaison_user_id, self.officer_b)
        self.assertIn(self.category_a, self.officer_a.beneficiary_category_ids)
        self.assertNotIn(self.category_b, self.officer_a.beneficiary_category_ids)

    def test_liaison_must_be_an_officer(self):
        with self.assertRaisesRegex(ValidationError, "Liaison Officer group"):
            self.env["beneficiary.liaison"].create(
                {"category_id": self.category_a.id, "user_id": self.internal_user.id}
            )

    def test_state_changes_with_reason(self):
        beneficiary = self._create()
        self.assertEqual(beneficiary.state, "draft")
        beneficiary.action_activate()
        self.assertEqual(beneficiary.state, "active")
        action = beneficiary.action_open_suspend()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.reason = "Moved to another city"
        wizard.save().action_confirm()
        self.assertEqual(beneficiary.state, "suspended")
        self.assertEqual(beneficiary.state_reason, "Moved to another city")
        with self.assertRaisesRegex(UserError, "reason"):
            beneficiary._set_state_with_reason("archived", "  ")
        beneficiary._set_state_with_reason("archived", "Deceased")
        self.assertFalse(beneficiary.active)
        self.assertEqual(beneficiary.state, "archived")

    def test_form_creates_a_beneficiary_like_the_ui(self):
        form = Form(self.Beneficiary.with_user(self.officer_a))
        form.name = "عبدالله القحطاني"
        form.category_id = self.category_a
        form.national_id = make_id(20000012)
        form.mobile = "0501234567"
        beneficiary = form.save()
        self.assertEqual(beneficiary.id_type, "national_id")
        self.assertEqual(beneficiary.liaison_user_id, self.officer_a)
        self.assertEqual(beneficiary.mobile, "+966501234567")

    def test_name_search_by_id_and_reference(self):
        found = self.Beneficiary.with_user(self.manager).name_search(self.beneficiary_a.national_id)
        self.assertEqual([r[0] for r in found], [self.beneficiary_a.id])
        found = self.Beneficiary.with_user(self.manager).name_search(self.beneficiary_b.reference)
        self.assertEqual([r[0] for r in found], [self.beneficiary_b.id])
