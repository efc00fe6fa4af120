"""The documents the policies give staff (all five policies, «الأدوات المتاحة للعاملين»:
the association's bylaws, its services guide, the request forms): attached to the
version the board approves, frozen with it, carried over to the next version, listed for
staff, acknowledged as received, printed as annexes; the public ones downloadable by
beneficiaries and visitors, the internal ones never."""

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import BeneficiaryCase, BeneficiaryHttpCase
from .report_common import ReportCaseMixin
from .test_beneficiary_policy import PolicyFixtures

GUIDE = b"Services guide: food baskets, rent support, training."
BYLAWS = b"INTERNAL-BYLAWS-7731 the association's bylaws"
FORM = b"Service request form: name, national ID, service."


class PolicyDocumentFixtures(PolicyFixtures):
    def _documented(self, approve=True, **vals):
        """A policy of the association with a services guide, a request form (public by
        default) and its bylaws (internal), approved unless ``approve`` is False."""
        policy = self._policy(
            document_ids=[
                (
                    0,
                    0,
                    {
                        "kind": "services_guide",
                        "name": "Services Guide of the Association",
                        "file": base64.b64encode(GUIDE),
                        "file_name": "guide.txt",
                        "sequence": 1,
                    },
                ),
                (
                    0,
                    0,
                    {
                        "kind": "request_form",
                        "name": "Service Request Form",
                        "file": base64.b64encode(FORM),
                        "file_name": "form.txt",
                        "sequence": 2,
                    },
                ),
                (
                    0,
                    0,
                    {
                        "kind": "bylaws",
                        "name": "Bylaws of the Association",
                        "file": base64.b64encode(BYLAWS),
                        "file_name": "bylaws.txt",
                        "sequence": 3,
                    },
                ),
            ],
            **vals,
        )
        if approve:
            policy.with_user(self.p_manager).with_company(self.association).action_approve()
        return policy

    def _doc(self, policy, kind):
        return policy.document_ids.filtered(lambda d: d.kind == kind)


@tagged("post_install", "-at_install")
class TestPolicyDocument(PolicyDocumentFixtures, BeneficiaryCase):
    def _as(self, user, record):
        return record.with_user(user).with_company(self.association)

    def _assert_refused(self, operation):
        """``operation`` is refused, as a business rule (UserError) or an access (AccessError)."""
        try:
            with self.env.cr.savepoint():
                operation()
        except (UserError, AccessError):
            return
        self.fail("the change was not refused")

    def test_forms_and_guide_are_public_bylaws_internal_by_default(self):
        policy = self._documented(approve=False)
        self.assertEqual(
            {d.kind: d.is_public for d in policy.document_ids},
            {"services_guide": True, "request_form": True, "bylaws": False},
        )
        # the manager may still decide otherwise while the version is a draft
        bylaws = self._doc(policy, "bylaws")
        self._as(self.p_manager, bylaws).write({"is_public": True})
        self.assertTrue(bylaws.is_public)

    def test_documents_change_in_a_draft_only(self):
        policy = self._documented(approve=False)
        guide = self._as(self.p_manager, self._doc(policy, "services_guide"))
        guide.write({"name": "Services Guide 2026", "file": base64.b64encode(b"new guide")})
        self.assertEqual(guide.name, "Services Guide 2026")
        self._as(self.p_manager, policy).action_approve()
        guide = self._as(self.p_manager, self._doc(policy, "services_guide"))
        for values in (
            {"name": "Changed"},
            {"file": base64.b64encode(b"replaced")},
            {"is_public": False},
            {"kind": "other"},
        ):
            with self.subTest(values=values), self.assertRaises(UserError), self.env.cr.savepoint():
                guide.write(values)
        self._assert_refused(
            lambda: self._as(self.p_manager, self.env["beneficiary.policy.document"]).create(
                {"policy_id": policy.id, "name": "Late form", "file": base64.b64encode(b"x")}
            )
        )
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._as(self.p_manager, policy).write({"document_ids": [(2, guide.id)]})
        self._assert_refused(guide.unlink)
        # nor through the file's attachment
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "beneficiary.policy.document"),
                    ("res_id", "=", guide.id),
                    ("res_field", "=", "file"),
                ]
            )
        )
        self.assertTrue(attachment)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            attachment.with_user(self.p_manager).write({"datas": base64.b64encode(b"replaced")})
        guide.invalidate_recordset()
        self.assertEqual(base64.b64decode(guide.file), b"new guide")
        self.assertEqual(guide.name, "Services Guide 2026")

    def test_a_new_version_carries_the_documents_over(self):
        policy = self._documented(approve=False)
        # the board chose to publish its bylaws too: the choice is carried over
        self._as(self.p_manager, self._doc(policy, "bylaws")).write({"is_public": True})
        self._as(self.p_manager, policy).action_approve()
        action = self._as(self.p_manager, policy).action_new_version()
        new = self.Policy.browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertEqual(
            new.document_ids.mapped("name"),
            ["Services Guide of the Association", "Service Request Form", "Bylaws of the Association"],
        )
        self.assertNotEqual(new.document_ids.ids, policy.document_ids.ids)
        self.assertEqual(base64.b64decode(self._doc(new, "bylaws").file), BYLAWS)
        self.assertTrue(self._doc(new, "bylaws").is_public)
        # the new draft is edited; the approved version keeps its documents
        self._as(self.p_manager, self._doc(new, "request_form")).write({"name": "Form 2027"})
        self.assertEqual(self._doc(policy, "request_form").name, "Service Request Form")

    def test_every_staff_group_reads_the_documents_others_the_public_ones(self):
        policy = self._documented()
        draft = self._documented(approve=False, name="Next version")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_policy_document_action"
        )
        menu = self.env.ref("beneficiary_relations.beneficiary_policy_document_menu")
        Document = self.env["beneficiary.policy.document"]
        for user in self.staff:
            with self.subTest(user=user.login):
                found = self._as(user, Document).search(safe_eval(action["domain"]))
                self.assertEqual(
                    found, policy.document_ids, "the current version's documents, internal included"
                )
                self.assertEqual(base64.b64decode(self._as(user, self._doc(policy, "bylaws")).file), BYLAWS)
                self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids())
        for user in (self.p_plain, self.p_portal):
            with self.subTest(user=user.login):
                found = self._as(user, Document).search([])
                self.assertEqual(
                    found, self._doc(policy, "services_guide") | self._doc(policy, "request_form")
                )
                with self.assertRaises(AccessError):
                    self._as(user, self._doc(policy, "bylaws")).read(["file"])
                with self.assertRaises(AccessError):
                    self._as(user, self._doc(draft, "services_guide")).read(["name"])
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.p_plain)._visible_menu_ids())
        # staff other than managers never change them, draft or not
        for user in self.staff - self.p_manager:
            for document in (self._doc(draft, "request_form"), self._doc(policy, "request_form")):
                with self.subTest(user=user.login), self.assertRaises(AccessError), self.env.cr.savepoint():
                    self._as(user, document).write({"name": "Mine"})
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self._as(user, Document).create(
                    {"policy_id": draft.id, "name": "Mine", "file": base64.b64encode(b"x")}
                )

    def test_file_names_from_outside_are_sanitised(self):
        policy = self._policy()
        document = self._as(self.p_manager, self.env["beneficiary.policy.document"]).create(
            {
                "policy_id": policy.id,
                "name": "Form",
                "file": base64.b64encode(FORM),
                "file_name": "../../etc/\u202eform\x00.txt",
            }
        )
        self.assertEqual(document.file_name, "form.txt")
        document.write({"file_name": "C:\\Users\\x\\\u200fدليل.pdf"})
        self.assertEqual(document.file_name, "دليل.pdf")

    def test_staff_acknowledge_having_received_the_documents(self):
        policy = self._documented()
        wizard = (
            self._as(self.p_officer, self.env["beneficiary.policy.acknowledge"])
            .with_context(default_policy_id=policy.id)
            .create({})
        )
        self.assertEqual(wizard.document_ids, policy.document_ids)
        wizard.action_confirm()
        acknowledgment = self._as(self.p_officer, self.env["beneficiary.policy.acknowledgment"]).search(
            [("policy_id", "=", policy.id)]
        )
        self.assertEqual(acknowledgment.state, "done")
        self.assertEqual(acknowledgment.document_ids, policy.document_ids)
        self.assertIn("Bylaws of the Association", acknowledgment.document_ids.mapped("name"))

    def test_annexes_of_the_policy_text(self):
        policy = self._documented()
        content = self._as(self.p_officer, policy).with_context(lang="en_US").content_html
        self.assertIn("Annexes", content)
        for name in (
            "Services Guide of the Association",
            "Service Request Form",
            "Bylaws of the Association",
        ):
            self.assertIn(name, content)
        # the published copy lists what beneficiaries may download
        published = policy.with_context(beneficiary_policy_published=True)._get_annexes()
        self.assertEqual(published, self._doc(policy, "services_guide") | self._doc(policy, "request_form"))


@tagged("post_install", "-at_install")
class TestPolicyDocumentRpc(PolicyDocumentFixtures, BeneficiaryHttpCase):
    """The web client's calls (JSON-RPC), with whatever context keys a caller sends."""

    HOSTILE_CONTEXT = {
        "install_mode": True,
        "module": "beneficiary_relations",
        "default_state": "draft",
        "beneficiary_policy_published": False,
        "active_test": False,
    }

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_writes_after_approval_are_refused_through_rpc(self):
        policy = self._documented()
        form = self._doc(policy, "request_form")
        context = dict(self.HOSTILE_CONTEXT, allowed_company_ids=self.association.ids)
        attempts = (
            ("p_officer", "beneficiary.policy.document", "write", [form.ids, {"name": "Hijacked"}]),
            ("p_officer", "beneficiary.policy.document", "unlink", [form.ids]),
            (
                "p_officer",
                "beneficiary.policy.document",
                "create",
                [{"policy_id": policy.id, "name": "Hijacked", "file": base64.b64encode(b"x").decode()}],
            ),
            ("p_manager", "beneficiary.policy.document", "write", [form.ids, {"name": "Hijacked"}]),
            ("p_manager", "beneficiary.policy.document", "write", [form.ids, {"is_public": False}]),
            ("p_manager", "beneficiary.policy.document", "unlink", [form.ids]),
            (
                "p_manager",
                "beneficiary.policy",
                "write",
                [policy.ids, {"document_ids": [(1, form.id, {"name": "Hijacked"})]}],
            ),
            (
                "p_manager",
                "beneficiary.policy",
                "write",
                [policy.ids, {"document_ids": [(0, 0, {"name": "Hijacked", "file": "eA=="})]}],
            ),
        )
        for login, model, method, args in attempts:
            self.authenticate(login, login)
            with self.subTest(login=login, model=model, method=method, args=args):
                with self.assertRaises(JsonRpcException) as error:
                    self._call(model, method, args, {"context": context})
                self.assertIn(
                    error.exception.args[0], ("odoo.exceptions.AccessError", "odoo.exceptions.UserError")
                )
        form.invalidate_recordset()
        self.assertEqual(form.name, "Service Request Form")
        self.assertTrue(form.is_public)
        self.assertEqual(len(policy.document_ids), 3)
        # reading works for the officer, with the file
        self.authenticate("p_officer", "p_officer")
        rows = self._call(
            "beneficiary.policy.document",
            "search_read",
            [[("policy_id", "=", policy.id)]],
            {"fields": ["name", "file_name"], "context": {"allowed_company_ids": self.association.ids}},
        )
        self.assertEqual(len(rows), 3)


@tagged("post_install", "-at_install")
class TestPolicyDocumentPublic(BeneficiaryHttpCase):
    """Visitors and beneficiaries download the public documents of the current policy of
    the website's association, and nothing else, whatever the id they try."""

    # visitors belong to the main company, the website's one
    _beneficiary_test_company = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Policy = cls.env["beneficiary.policy"]

        def documented(name, approval_date=False):
            return Policy.create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "approval_date": approval_date,
                    "document_ids": [
                        (
                            0,
                            0,
                            {
                                "kind": "services_guide",
                                "name": f"{name} guide",
                                "file": base64.b64encode(GUIDE),
                                "file_name": "guide.txt",
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "kind": "bylaws",
                                "name": f"{name} bylaws",
                                "file": base64.b64encode(BYLAWS),
                                "file_name": "bylaws.txt",
                            },
                        ),
                    ],
                }
            )

        cls.old = documented("Old version", "2024-01-01")
        cls.old.action_approve()
        cls.current = documented("Current version", "2025-07-13")
        cls.current.action_approve()
        cls.draft = documented("Draft version")
        cls.portal_user = cls._make_portal_user(cls.beneficiary_a, "t_policy_doc_portal")

    def _get(self, document_id):
        return self.url_open(f"/beneficiary-policy/document/{document_id}")

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def _check_downloads(self, who):
        guide = self.current.document_ids.filtered(lambda d: d.kind == "services_guide")
        response = self._get(guide.id)
        self.assertEqual(response.status_code, 200, who)
        self.assertEqual(response.content, GUIDE)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        self.assertIn("guide.txt", response.headers.get("Content-Disposition", ""))
        refused = (
            self.current.document_ids.filtered(lambda d: d.kind == "bylaws")
            | self.old.document_ids
            | self.draft.document_ids
        )
        for document in refused:
            with self.subTest(who=who, document=document.name):
                response = self._get(document.id)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("INTERNAL-BYLAWS", response.text)
        for hostile in ("987654321", "99999999999999999999", "0"):
            with self.subTest(who=who, id=hostile):
                self.assertEqual(self._get(hostile).status_code, 404)
        page = self.url_open("/beneficiary-policy")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/beneficiary-policy/document/{guide.id}", page.text)
        self.assertIn("Current version guide", page.text)
        self.assertNotIn("Current version bylaws", page.text, "internal documents are not published")

    def test_visitor_downloads_the_public_documents_only(self):
        self._check_downloads("visitor")

    def test_beneficiary_downloads_the_public_documents_only(self):
        self.authenticate("t_policy_doc_portal", "t_policy_doc_portal")
        self._check_downloads("portal")


@tagged("post_install", "-at_install")
class TestPolicyDocumentReport(ReportCaseMixin, PolicyDocumentFixtures, BeneficiaryHttpCase):
    def test_printed_policy_lists_its_annexes(self):
        policy = self._documented()
        text = self.render_pdf_text(
            "beneficiary_relations.beneficiary_policy_report", policy, user=self.p_officer
        )
        for name in (
            "Services Guide of the Association",
            "Service Request Form",
            "Bylaws of the Association",
        ):
            self.assertIn(name, text)
        self.assertTrue("Annexes" in text or "الملاحق" in text, text[-500:])

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_signature_link_lists_the_documents_received(self):
        policy = self._documented()
        policy.with_user(self.p_manager).with_company(self.association).external_acknowledgment_ids = [
            (0, 0, {"employee_name": "Saad Al-Qahtani"})
        ]
        acknowledgment = policy.external_acknowledgment_ids
        page = self.url_open(
            f"/beneficiary-policy/acknowledge/{acknowledgment.id}?access_token={acknowledgment.access_token}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_br_policy_documents_received", page.text)
        for name in (
            "Services Guide of the Association",
            "Service Request Form",
            "Bylaws of the Association",
        ):
            self.assertIn(name, page.text)
