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
        with self.assertRaises(AccessError):
            self.Beneficiary.with_user(self.internal_user).search([])
        self.assertFalse(
            self.Beneficiary.with_user(self.accountant).search([]),
            "accountants only see beneficiaries with an approved compensation",
        )
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
        visible_fields = self.Beneficiary.with_user(self.officer_a).fields_get()
        self.assertNotIn("health_notes", visible_fields)
        self.assertNotIn("monthly_income", visible_fields)
        data = self.beneficiary_a.with_user(self.officer_a).read(["name", "national_id", "category_id"])[0]
        self.assertEqual(data["name"], "Fahad Al-Dosari")
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


@tagged("post_install", "-at_install")
class TestPortalActingFiles(BeneficiaryCase):
    """One definition of the files a portal user may act for (``_portal_acting_domain``):
    their own file, the family file they head and its members' files, never a stranger's;
    the portal pages, the program registrations, the record rule and the contacts a portal
    user may read all follow it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_acting_a")
        cls.family = cls.Beneficiary.create(
            {
                "name": "Acting Family",
                "kind": "family",
                "category_id": cls.category_a.id,
                "family_head_id": cls.beneficiary_a.id,
            }
        )
        cls.member = cls.Beneficiary.create(
            {
                "name": "Acting Child",
                "category_id": cls.category_a.id,
                "family_id": cls.family.id,
                "national_id": make_id(30000011),
            }
        )
        (cls.beneficiary_a | cls.beneficiary_b | cls.family | cls.member).write({"state": "active"})

    def test_own_file_represented_files_not_a_strangers(self):
        files = self.Beneficiary.with_user(self.portal_a)._portal_acting_files()
        self.assertEqual(files, self.beneficiary_a | self.family | self.member)
        self.assertNotIn(self.beneficiary_b, files, "a stranger's file")
        registrable = self.env["beneficiary.program"].with_user(self.portal_a)._get_portal_beneficiaries()
        self.assertEqual(registrable, self.beneficiary_a | self.member, "people are registered, not families")
        contacts = self.portal_a.beneficiary_family_partner_ids
        self.assertIn(self.member.partner_id, contacts)
        self.assertNotIn(self.beneficiary_b.partner_id, contacts)

    def test_closed_files_are_not_acted_for_and_the_rule_is_the_same_domain(self):
        self.member.write({"state": "suspended"})
        Beneficiary = self.Beneficiary.with_user(self.portal_a)
        self.assertEqual(Beneficiary._portal_acting_files(), self.beneficiary_a | self.family)
        # the record rule gives the portal user the files of the same definition, whatever their state
        self.assertEqual(
            Beneficiary.search([]),
            self.Beneficiary.search(self.Beneficiary._portal_acting_domain(self.portal_a.partner_id)),
        )
        self.assertIn(self.member, Beneficiary.search([]))
