from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import BeneficiaryCase, BeneficiaryHttpCase, make_id


@tagged("post_install", "-at_install")
class TestBeneficiaryAccess(BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary_a.write({"monthly_income": 2500, "health_notes": "Diabetes"})
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_a")
        cls.portal_b = cls._make_portal_user(cls.beneficiary_b, "t_portal_b")

    def test_officer_sees_only_their_categories(self):
        Beneficiary = self.Beneficiary.with_user(self.officer_a)
        visible = Beneficiary.search([("id", "in", (self.beneficiary_a | self.beneficiary_b).ids)])
        self.assertEqual(visible, self.beneficiary_a)
        self.assertEqual(Beneficiary.search_count([("category_id", "=", self.category_b.id)]), 0)
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.officer_a).read(["name"])
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.officer_a).write({"city": "Riyadh"})
        with self.assertRaises(AccessError):
            Beneficiary.create({"name": "Not mine", "category_id": self.category_b.id})
        # their own category: read, write and create work
        self.beneficiary_a.with_user(self.officer_a).write({"city": "Jeddah"})
        created = Beneficiary.create({"name": "Mine", "category_id": self.category_a.id})
        self.assertEqual(created.category_id, self.category_a)
        with self.assertRaises(AccessError):
            created.unlink()

    def test_new_assignment_opens_access(self):
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.officer_a).read(["name"])
        self.env["beneficiary.liaison"].create(
            {"category_id": self.category_b.id, "user_id": self.officer_a.id}
        )
        self.assertEqual(
            self.beneficiary_b.with_user(self.officer_a).read(["name"])[0]["name"], "Noura Al-Otaibi"
        )

    def test_manager_sees_all_and_plain_users_nothing(self):
        visible = self.Beneficiary.with_user(self.manager).search([])
        self.assertIn(self.beneficiary_a, visible)
        self.assertIn(self.beneficiary_b, visible)
        for user in (self.internal_user, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Beneficiary.with_user(user).search([])
        self.assertFalse(
            self.Beneficiary.with_user(self.committee_user).search([]),
            "committee members only see files referred to their committees",
        )

    def test_sensitive_fields_need_their_group(self):
        with self.assertRaises(AccessError):
            self.beneficiary_a.with_user(self.officer_a).read(["health_notes"])
        with self.assertRaises(AccessError):
            self.beneficiary_a.with_user(self.manager).read(["monthly_income"])
        with self.assertRaises(AccessError):
            self.Beneficiary.with_user(self.officer_a).search_read([], ["social_research_notes"])
        with self.assertRaises(AccessError):
            self.beneficiary_a.with_user(self.officer_a).write({"health_notes": "changed"})
        # the fields offered to the officer leave them out (a read() of every field would
        # also compute the accounting fields of the contact, which officers may not read)
        data = self.Beneficiary.with_user(self.officer_a).fields_get(attributes=["type"])
        self.assertNotIn("health_notes", data)
        self.assertNotIn("monthly_income", data)
        self.assertIn("national_id", data)
        # the dedicated group reads them (researcher serves category A)
        values = self.beneficiary_a.with_user(self.researcher).read(["health_notes", "monthly_income"])[0]
        self.assertEqual(values["health_notes"], "Diabetes")
        self.assertEqual(values["monthly_income"], 2500)

    def test_portal_user_sees_only_own_file(self):
        Beneficiary = self.Beneficiary.with_user(self.portal_a)
        self.assertEqual(Beneficiary.search([]), self.beneficiary_a)
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.beneficiary_a.with_user(self.portal_a).write({"city": "Makkah"})
        with self.assertRaises(AccessError):
            self.beneficiary_a.with_user(self.portal_a).read(["health_notes"])

    def test_portal_head_sees_family(self):
        family = self.Beneficiary.create(
            {
                "name": "Family",
                "kind": "family",
                "category_id": self.category_a.id,
                "family_head_id": self.beneficiary_a.id,
            }
        )
        member = self.Beneficiary.create(
            {
                "name": "Child",
                "category_id": self.category_a.id,
                "family_id": family.id,
                "national_id": make_id(30000001),
            }
        )
        line = self.env["beneficiary.family.member"].create(
            {"beneficiary_id": family.id, "name": "Daughter", "relation": "daughter"}
        )
        self.assertEqual(
            self.Beneficiary.with_user(self.portal_a).search([]), self.beneficiary_a | family | member
        )
        self.assertEqual(self.env["beneficiary.family.member"].with_user(self.portal_a).search([]), line)
        self.assertFalse(self.env["beneficiary.family.member"].with_user(self.portal_b).search([]))
        self.assertEqual(self.Beneficiary.with_user(self.portal_b).search([]), self.beneficiary_b)

    def test_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Second Association"})
        category = self.env["beneficiary.category"].create({"name": "Shared", "company_id": False})
        other = self.Beneficiary.create(
            {"name": "Elsewhere", "company_id": other_company.id, "category_id": category.id}
        )
        self.manager.company_ids = [(4, other_company.id)]
        Beneficiary = self.Beneficiary.with_user(self.manager)
        self.assertNotIn(other, Beneficiary.with_context(allowed_company_ids=self.company.ids).search([]))
        self.assertIn(other, Beneficiary.with_context(allowed_company_ids=other_company.ids).search([]))


@tagged("post_install", "-at_install")
class TestBeneficiaryRpc(BeneficiaryHttpCase):
    """The record rules and field groups hold over RPC as they do in the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary_b.write({"health_notes": "Confidential"})

    @mute_logger("odoo.http")
    def test_rpc_respects_rules_and_sensitive_fields(self):
        self.authenticate("t_officer_a", "t_officer_a")

        def call(method, args, kwargs=None):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {"model": "beneficiary.beneficiary", "method": method, "args": args, "kwargs": kwargs or {}},
            )

        ids = call("search", [[]])
        self.assertIn(self.beneficiary_a.id, ids)
        self.assertNotIn(self.beneficiary_b.id, ids)
        for method, args in (
            ("read", [[self.beneficiary_b.id], ["name"]]),
            ("write", [[self.beneficiary_b.id], {"city": "Hofuf"}]),
            ("read", [[self.beneficiary_a.id], ["health_notes"]]),
        ):
            with self.subTest(method=method, args=args), self.assertRaises(JsonRpcException) as error:
                call(method, args)
            self.assertEqual(error.exception.args[0], "odoo.exceptions.AccessError")
        self.assertNotEqual(self.beneficiary_b.city, "Hofuf")
