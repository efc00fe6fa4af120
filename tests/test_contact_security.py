"""Beneficiaries' contacts (their res.partner): who reads them, who edits them, who gives
them portal access. Fixtures of the access matrix: beneficiary A (category X) has a request
referred to the committee member's committee, a complaint of that committee and an approved
compensation; beneficiary B (category Y) has nothing referred, nothing approved."""

import json

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import make_id
from .test_access_matrix import AccessMatrixFixtures

CONTACT_FIELDS = ["name", "mobile", "email", "city"]


class ContactFixtures(AccessMatrixFixtures):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.contact_a = cls.beneficiary_a.partner_id
        cls.contact_b = cls.beneficiary_b.partner_id
        cls.address_a, cls.address_b = cls.Partner.create(
            [
                {
                    "parent_id": cls.contact_a.id,
                    "type": "other",
                    "name": "Fahad's brother",
                    "mobile": "0551110001",
                },
                {
                    "parent_id": cls.contact_b.id,
                    "type": "other",
                    "name": "Noura's sister",
                    "mobile": "0561110002",
                },
            ]
        )
        # a registered member of B's family, and an archived file of category Y
        cls.member_b = cls.Beneficiary.create(
            {
                "name": "Reem Al-Otaibi",
                "category_id": cls.category_b.id,
                "national_id": make_id(10000301),
                "family_id": cls.family_y.id,
                "email": "reem@example.com",
            }
        )
        # a file of category X without portal access yet
        cls.beneficiary_a2 = cls.Beneficiary.create(
            {"name": "Majed Al-Shammari", "category_id": cls.category_a.id, "email": "majed@example.com"}
        )
        (cls.member_b | cls.beneficiary_a2).action_activate()
        cls.archived_b = cls.Beneficiary.create(
            {"name": "Salma Al-Harbi", "category_id": cls.category_b.id, "email": "salma@example.com"}
        )
        cls.archived_b.active = False
        cls.supplier = cls.Partner.create({"name": "Riyadh Printing Press", "email": "press@example.com"})
        # officers created in Settings get Odoo's "Contact Creation" group by default
        cls.officer_creator = new_test_user(
            cls.env,
            "t_officer_creator",
            groups="base.group_user,base.group_partner_manager,beneficiary_relations.group_liaison_officer",
        )
        cls.env["beneficiary.liaison"].create(
            {"category_id": cls.category_a.id, "user_id": cls.officer_creator.id}
        )
        cls.contacts_b = cls.contact_b | cls.address_b | cls.member_b.partner_id | cls.archived_b.partner_id


@tagged("post_install", "-at_install")
class TestContactAccess(ContactFixtures, TransactionCase):
    """Finding 3 of issue 13: every employee listed every beneficiary in Contacts."""

    def _visible(self, user, partners):
        return (
            self.Partner.with_user(user).with_context(active_test=False).search([("id", "in", partners.ids)])
        )

    def test_employee_without_role_sees_no_beneficiary(self):
        Partner = self.Partner.with_user(self.internal_user)
        self.assertEqual(Partner.search_read([("beneficiary_ids", "!=", False)], CONTACT_FIELDS), [])
        everyone = self.contact_a | self.address_a | self.contacts_b
        self.assertFalse(self._visible(self.internal_user, everyone))
        self.assertFalse(Partner.name_search("Fahad"))
        self.assertFalse(Partner.search([("mobile", "like", "551234567")]))
        for partner in everyone:
            with self.subTest(partner=partner.name), self.assertRaises(AccessError) as error:
                partner.with_user(self.internal_user).read(["name"])
            self.assertNotIn(partner.name, str(error.exception), "a refusal does not name the contact")
        # nor through the beneficiary's portal user
        self.assertFalse(
            self.env["res.users"].with_user(self.internal_user).search([("id", "=", self.portal_a.id)])
        )
        with self.assertRaises(AccessError) as error:
            self.portal_a.with_user(self.internal_user).read(["name"])
        self.assertNotIn("Fahad", str(error.exception))
        # the other contacts stay as in Odoo: suppliers, colleagues, companies
        visible = self._visible(
            self.internal_user, self.supplier | self.officer_a.partner_id | self.company.partner_id
        )
        self.assertEqual(len(visible), 3)
        self.assertEqual(
            self.supplier.with_user(self.internal_user).read(["email"])[0]["email"], "press@example.com"
        )

    def test_each_role_reads_the_contacts_of_its_scope(self):
        everyone = self.contact_a | self.address_a | self.contacts_b
        a_side = self.contact_a | self.address_a
        expected = {
            self.officer_a: a_side,
            self.officer_b: self.contacts_b,
            self.researcher: a_side,
            self.committee_user: a_side,  # A's request was referred to their committee
            self.accountant: self.contact_a,  # A's compensation is approved
            self.manager: everyone,
            self.portal_a: a_side,
            self.portal_b: self.contact_b | self.address_b | self.member_b.partner_id,  # B heads family Y
        }
        for user, contacts in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user, everyone), contacts)
                for partner in everyone - contacts:
                    self.assertFalse(partner.with_user(user).has_access("read"))

    def test_complaints_open_the_complainant_to_who_handles_them(self):
        complaint_x = self.records["beneficiary.complaint"][0]
        with self.assertRaises(AccessError):
            self.contact_a.with_user(self.officer_b).read(["email"])
        complaint_x.user_id = self.officer_b
        self.assertEqual(
            self.contact_a.with_user(self.officer_b).read(["email"])[0]["email"], "fahad@example.com"
        )
        self.assertFalse(self.contact_a.with_user(self.officer_b).has_access("write"))
        # the chatter of the complaint suggests the complainant to its handler
        suggested = complaint_x.with_user(self.officer_b)._message_get_suggested_recipients()
        self.assertIn(self.contact_a.id, [recipient.get("partner_id") for recipient in suggested])
        # a complaint referred to a committee opens its beneficiary's contact to its members
        complaint_y = self.records["beneficiary.complaint"][1]
        self.assertEqual(complaint_y.committee_id, self.other_committee)
        self.assertTrue(self.contact_b.with_user(self.committee_user_2).has_access("read"))
        self.assertFalse(self.contact_b.with_user(self.committee_user).has_access("read"))
        complaint_y.committee_id = self.committee
        self.assertTrue(self.contact_b.with_user(self.committee_user).has_access("read"))
        self.assertFalse(self.contact_b.with_user(self.committee_user).has_access("write"))

    def test_odoo_flows_show_names_without_opening_contacts(self):
        """Many2one names, chatter authors and followers are read as superuser by Odoo: a
        record the user may read shows its beneficiary's name, not more."""
        request_x = self.records["beneficiary.service.request"][0]
        request_x.message_subscribe(partner_ids=self.contact_a.ids)
        request_x.message_post(
            body="Here is the copy you asked for", message_type="comment", author_id=self.contact_a.id
        )
        request = request_x.with_user(self.committee_user)
        values = request.web_read({"partner_id": {"fields": {"display_name": {}}}})[0]
        self.assertEqual(values["partner_id"]["display_name"], "Fahad Al-Dosari")
        messages = request.message_ids.filtered(lambda m: m.author_id == self.contact_a)
        self.assertEqual(messages.read(["author_id"])[0]["author_id"], (self.contact_a.id, "Fahad Al-Dosari"))
        followers = request.message_follower_ids.filtered(lambda f: f.partner_id == self.contact_a)
        self.assertEqual(followers.display_name, "Fahad Al-Dosari")
        # the compensation's payee, for the accountant
        compensation_x = self.records["beneficiary.compensation"][0].with_user(self.accountant)
        values = compensation_x.web_read({"partner_id": {"fields": {"display_name": {}, "email": {}}}})[0]
        self.assertEqual(values["partner_id"]["email"], "fahad@example.com")
        # a complaint given to an officer of another category names its beneficiary
        complaint_x = self.records["beneficiary.complaint"][0]
        complaint_x.user_id = self.officer_b
        values = complaint_x.with_user(self.officer_b).read(["beneficiary_id"])[0]
        self.assertEqual(values["beneficiary_id"][0], self.beneficiary_a.id)

    def test_portal_users_keep_their_own_contact(self):
        self.assertEqual(
            self.contact_a.with_user(self.portal_a).read(["email"])[0]["email"], "fahad@example.com"
        )
        self.assertEqual(self.portal_a.with_user(self.portal_a).read(["name"])[0]["name"], "Fahad Al-Dosari")
        with self.assertRaises(AccessError):
            self.contact_b.with_user(self.portal_a).read(["name"])


@tagged("post_install", "-at_install")
class TestContactEditing(ContactFixtures, TransactionCase):
    """Finding 2 of issue 13: officers implied Odoo's "Contact Creation" group, so an officer
    rewrote the e-mail of any beneficiary (a password reset then gave their portal) and gave
    portal access to anybody through Odoo's portal wizard."""

    def test_officers_edit_the_contacts_of_their_categories_only(self):
        for officer in (self.officer_a, self.officer_creator):
            with self.subTest(officer=officer.login):
                for partner in self.contacts_b:
                    with self.assertRaises(AccessError):
                        partner.with_user(officer).write(
                            {"email": "attacker@example.com", "mobile": "0599999999"}
                        )
                with self.assertRaises(AccessError):
                    self.Partner.with_user(officer).create({"name": "Spy", "parent_id": self.contact_b.id})
                with self.assertRaises(AccessError):
                    self.beneficiary_b.with_user(officer).write({"email": "attacker@example.com"})
                self.contact_a.with_user(officer).write({"city": "Al-Ahsa"})
                self.address_a.with_user(officer).write({"mobile": "0551110009"})
                self.Partner.with_user(officer).create(
                    {"name": "Fahad's uncle", "parent_id": self.contact_a.id}
                )
        self.assertEqual(
            self.contacts_b.mapped("email"),
            ["noura@example.com", False, "reem@example.com", "salma@example.com"],
        )
        # an officer without "Contact Creation" edits no other contact (colleagues included)
        for partner in (self.supplier, self.officer_b.partner_id):
            with self.assertRaises(AccessError):
                partner.with_user(self.officer_a).write({"email": "attacker@example.com"})

    def test_a_file_is_never_linked_to_someone_else_s_contact(self):
        mine = self.Beneficiary.with_user(self.officer_a).create(
            {"name": "Mine", "category_id": self.category_a.id}
        )
        for partner in (self.contact_b, self.officer_b.partner_id, self.supplier):
            with self.subTest(partner=partner.name):
                with self.assertRaises(AccessError):
                    mine.write({"partner_id": partner.id})
                with self.assertRaises(AccessError):
                    self.Beneficiary.with_user(self.officer_a).create(
                        {"category_id": self.category_a.id, "partner_id": partner.id}
                    )
        self.assertEqual(self.contact_b.beneficiary_ids, self.beneficiary_b)
        with self.assertRaises(ValidationError):
            self.Beneficiary.create(
                {"category_id": self.category_a.id, "partner_id": self.officer_b.partner_id.id}
            )

    def test_portal_access_through_the_file_only(self):
        contact_m = self.member_b.partner_id  # nobody of category X serves Reem
        # Odoo's wizard: no right without "Contact Creation"; with it, no action on a contact
        # one may not edit (the wizard itself writes as superuser)
        with self.assertRaises(AccessError):
            self.env["portal.wizard"].with_user(self.officer_a).create(
                {"partner_ids": [Command.set(contact_m.ids)]}
            )
        wizard = self.env["portal.wizard"].with_user(self.officer_creator).create({})
        for email in ("reem@example.com", "attacker@example.com"):
            line = (
                self.env["portal.wizard.user"]
                .with_user(self.officer_creator)
                .create({"wizard_id": wizard.id, "partner_id": contact_m.id, "email": email})
            )
            for action in (line.action_grant_access, line.action_invite_again, line.action_revoke_access):
                with self.subTest(email=email, action=action.__name__), self.assertRaises(AccessError):
                    action()
        for officer in (self.officer_a, self.officer_creator):
            with self.subTest(officer=officer.login), self.assertRaises(AccessError):
                self.member_b.with_user(officer).action_grant_portal_access()
        self.assertFalse(contact_m.with_context(active_test=False).user_ids)
        self.assertEqual(contact_m.email, "reem@example.com")
        # the officer of the file gives access through the file; a manager to any file
        action = self.beneficiary_a2.with_user(self.officer_a).action_grant_portal_access()
        self.assertIn("majed@example.com", action["params"]["message"])
        self.assertTrue(self.beneficiary_a2.partner_id.user_ids._is_portal())
        self.member_b.with_user(self.manager).action_grant_portal_access()
        user = contact_m.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(user.login, "reem@example.com")
        # a draft file waits for its activation
        draft = self.Beneficiary.create(
            {"name": "Draft", "category_id": self.category_a.id, "email": "d@example.com"}
        )
        with self.assertRaisesRegex(UserError, "Activate the file"):
            draft.with_user(self.officer_a).action_grant_portal_access()


class JsonRpcMixin:
    def _call_kw(self, model, method, args, kwargs=None):
        """Call ``model.method`` through JSON-RPC as the web client does: (result, error)."""
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        payload = response.json()
        return payload.get("result"), payload.get("error")

    def _assert_refused(self, model, method, args, kwargs=None, secret=None):
        result, error = self._call_kw(model, method, args, kwargs)
        self.assertFalse(result, f"{model}.{method} answered {result!r}")
        self.assertEqual(error and error["data"]["name"], "odoo.exceptions.AccessError", f"{model}.{method}")
        if secret:
            self.assertNotIn(secret, json.dumps(error, ensure_ascii=False))


@tagged("post_install", "-at_install")
class TestContactSecurityRpc(JsonRpcMixin, ContactFixtures, HttpCase):
    """Findings 2 and 3 of issue 13 through JSON-RPC on the running server."""

    @mute_logger("odoo.http")
    def test_rpc_employee_lists_no_beneficiary(self):
        self.authenticate("t_internal", "t_internal")
        result, error = self._call_kw(
            "res.partner", "search_read", [[("beneficiary_ids", "!=", False)], CONTACT_FIELDS]
        )
        self.assertFalse(error)
        self.assertEqual(result, [])
        result, error = self._call_kw("res.partner", "name_search", ["Noura"])
        self.assertEqual(result, [])
        self._assert_refused("res.partner", "read", [self.contact_b.ids, CONTACT_FIELDS], secret="Noura")
        self._assert_refused("res.partner", "read", [self.address_a.ids, ["name"]], secret="brother")
        self._assert_refused("res.users", "read", [self.portal_b.ids, ["name", "email"]], secret="Noura")
        result, error = self._call_kw("res.partner", "read", [self.supplier.ids, ["email"]])
        self.assertEqual(result[0]["email"], "press@example.com")

        self.authenticate("t_officer_a", "t_officer_a")
        result, error = self._call_kw(
            "res.partner", "search_read", [[("beneficiary_ids", "!=", False)], CONTACT_FIELDS]
        )
        found = {row["id"] for row in result}
        self.assertIn(self.contact_a.id, found)
        self.assertFalse(found & set(self.contacts_b.ids))

    @mute_logger("odoo.http")
    def test_rpc_officer_takes_over_no_other_category(self):
        self.authenticate("t_officer_creator", "t_officer_creator")
        attacker = {"email": "attacker@example.com", "mobile": "0599999999"}
        self._assert_refused("res.partner", "write", [self.contact_b.ids, attacker])
        self._assert_refused("res.partner", "write", [self.address_b.ids, attacker])
        self._assert_refused("beneficiary.beneficiary", "write", [self.beneficiary_b.ids, attacker])
        self._assert_refused("res.partner", "create", [{"name": "Spy", "parent_id": self.contact_b.id}])
        mine, _error = self._call_kw(
            "beneficiary.beneficiary", "create", [{"name": "Mine", "category_id": self.category_a.id}]
        )
        self._assert_refused("beneficiary.beneficiary", "write", [[mine], {"partner_id": self.contact_b.id}])
        # portal access: Odoo's wizard refuses Reem's contact (category Y), so does her file's button
        contact_m = self.member_b.partner_id
        wizard, _error = self._call_kw("portal.wizard", "create", [{}])
        line, _error = self._call_kw(
            "portal.wizard.user",
            "create",
            [{"wizard_id": wizard, "partner_id": contact_m.id, "email": "attacker@example.com"}],
        )
        self._assert_refused("portal.wizard.user", "action_grant_access", [[line]])
        self._assert_refused("beneficiary.beneficiary", "action_grant_portal_access", [self.member_b.ids])
        # their own category still works
        result, error = self._call_kw("res.partner", "write", [self.contact_a.ids, {"city": "Al-Ahsa"}])
        self.assertTrue(result, error)
        result, error = self._call_kw(
            "beneficiary.beneficiary", "action_grant_portal_access", [self.beneficiary_a2.ids]
        )
        self.assertFalse(error)
        self.assertEqual(result["tag"], "display_notification")

        self.env.invalidate_all()
        self.assertEqual(
            (self.contact_b.email, self.contact_b.mobile), ("noura@example.com", "+966561234567")
        )
        self.assertFalse(self.address_b.email)
        self.assertEqual(contact_m.email, "reem@example.com")
        self.assertFalse(contact_m.with_context(active_test=False).user_ids)
        self.assertFalse(self.env["res.users"].search([("login", "=", "attacker@example.com")]))
        self.assertTrue(self.beneficiary_a2.partner_id.user_ids._is_portal())
        self.assertEqual(self.contact_a.city, "Al-Ahsa")
