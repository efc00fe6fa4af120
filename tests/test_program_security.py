from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .program_common import ProgramCase


@tagged("post_install", "-at_install")
class TestProgramAccess(ProgramCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls._make_program()
        cls.reg_a = cls._register(cls.program, cls.child_1)
        cls.child_b = cls._make_child("Widow's Son", date(2015, 3, 3), "male", category=cls.category_b)
        cls.reg_b = cls._register(cls.program, cls.child_b)

    def test_officers_manage_the_registrations_of_their_categories(self):
        Registration = self.Registration.with_user(self.officer_a)
        self.assertEqual(Registration.search([("program_id", "=", self.program.id)]), self.reg_a)
        with self.assertRaises(AccessError):
            self.reg_b.with_user(self.officer_a).read(["state"])
        with self.assertRaises(AccessError):
            self.reg_b.with_user(self.officer_a).action_submit()
        self.assertEqual(self.reg_b.state, "draft")
        self.reg_a.with_user(self.officer_a).action_submit()
        self.assertEqual(self.reg_a.state, "confirmed")
        created = Registration.create(
            {"program_id": self.program.id, "beneficiary_id": self.child_2.id, "guardian_name": "G"}
        )
        self.assertEqual(created.category_id, self.category_a)
        with self.assertRaises(AccessError):
            Registration.create(
                {
                    "program_id": self.program.id,
                    "beneficiary_id": self._make_child(
                        "Not Mine", date(2015, 1, 1), "female", category=self.category_b
                    ).id,
                }
            )
        with self.assertRaises(AccessError):
            created.unlink()
        # officers read programs but only managers change them
        self.assertEqual(self.program.with_user(self.officer_a).name, "Quran Memorisation Course")
        with self.assertRaises(AccessError):
            self.program.with_user(self.officer_a).write({"seats": 100})
        self.program.with_user(self.manager).write({"seats": 100})
        self.assertEqual(
            self.Registration.with_user(self.manager).search([("program_id", "=", self.program.id)]),
            self.reg_a | self.reg_b | created,
        )

    def test_plain_users_see_no_program(self):
        for user in (self.internal_user, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Program.with_user(user).search([])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Registration.with_user(user).search([])

    def test_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Second Association"})
        shared = self.env["beneficiary.category"].create({"name": "Shared", "company_id": False})
        other_program = self._make_program(name="Elsewhere", company_id=other_company.id)
        other_child = self.Beneficiary.create(
            {
                "name": "Elsewhere Child",
                "company_id": other_company.id,
                "category_id": shared.id,
                "birth_date": date(2015, 1, 1),
            }
        )
        other_registration = self._register(other_program, other_child)
        self.manager.company_ids = [(4, other_company.id)]
        Program = self.Program.with_user(self.manager)
        Registration = self.Registration.with_user(self.manager)
        here = {"allowed_company_ids": self.company.ids}
        there = {"allowed_company_ids": other_company.ids}
        self.assertNotIn(other_program, Program.with_context(**here).search([]))
        self.assertIn(other_program, Program.with_context(**there).search([]))
        self.assertNotIn(other_registration, Registration.with_context(**here).search([]))
        self.assertIn(other_registration, Registration.with_context(**there).search([]))
