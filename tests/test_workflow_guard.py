"""The workflow guard, tried as an attacker with an account would.

For every workflow model (every model inheriting ``beneficiary.workflow.mixin``, found in
the registry), every protected field (status, audit fields, deadline clock) and every
role, a write sends the forged value with **every context key the module's code reads**
(found by scanning the module's Python and XML, so a key added later is sent too) and
``default_<field>`` keys; the same through JSON-RPC on the live test server. Nothing
changes, whoever asks.
"""

import ast
import base64
import contextlib
import json
import pathlib
import re
from datetime import datetime

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import make_id
from .common_request import PNG, ServiceRequestHttpCase


class RollBack(Exception):
    """Raised to roll a savepoint back on purpose."""


MODULE_ROOT = pathlib.Path(__file__).resolve().parent.parent
# keys of Odoo's environment itself: their values must have Odoo's types for any call to
# run at all (they are sent with the attacker's own legitimate values)
ENVIRONMENT_KEYS = {
    "lang",
    "tz",
    "allowed_company_ids",
    "active_id",
    "active_ids",
    "active_model",
    "uid",
    "params",
}
# the keys that opened the guards up to 18.0.1.0.0, and Odoo's own keys that relax checks
KNOWN_KEYS = {
    "beneficiary_state_change",
    "beneficiary_signing",
    "eligibility_state_change",
    "install_mode",
    "import_file",
    "module",
    "tracking_disable",
    "mail_notrack",
    "mail_create_nolog",
    "active_test",
}
# the state a new record starts in when the application moves it on creation: complaints
# are acknowledged on arrival (tests/test_complaint_routing.py); the others stay in their
# first state
ARRIVAL_STATES = {"beneficiary.complaint": "acknowledged"}
CONTEXT_KEY_RE = re.compile(r"""['"]([A-Za-z_][\w]*)['"]\s*:""")
XML_CONTEXT_RE = re.compile(r"""context\s*=\s*"([^"]*)"|<field name="context"[^>]*>(.*?)</field>""", re.S)


def _is_context(node):
    return (isinstance(node, ast.Attribute) and node.attr in ("context", "_context")) or (
        isinstance(node, ast.Name) and node.id in ("context", "ctx")
    )


def module_context_keys():
    """Every context key the module's code reads or passes on, in Python and XML."""
    keys = set()
    for path in sorted(MODULE_ROOT.rglob("*.py")):
        if "tests" in path.relative_to(MODULE_ROOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("get", "pop", "setdefault")
                and _is_context(node.func.value)
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keys.add(node.args[0].value)
            elif isinstance(node, ast.Subscript) and _is_context(node.value):
                if isinstance(node.slice, ast.Constant):
                    keys.add(node.slice.value)
            elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant):
                if any(_is_context(comparator) for comparator in node.comparators):
                    keys.add(node.left.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "with_context"
            ):
                keys.update(keyword.arg for keyword in node.keywords if keyword.arg)
                for arg in node.args:
                    if isinstance(arg, ast.Dict):
                        keys.update(k.value for k in arg.keys if isinstance(k, ast.Constant))
    for path in sorted(MODULE_ROOT.rglob("*.xml")):
        if "tests" in path.relative_to(MODULE_ROOT).parts:
            continue
        for attribute, element in XML_CONTEXT_RE.findall(path.read_text(encoding="utf-8")):
            keys.update(CONTEXT_KEY_RE.findall(attribute or element))
    return {key for key in keys if isinstance(key, str)}


def hostile_context(protected_values=None):
    """Every key the module reads, set; ``default_<field>`` for the forged values."""
    context = {
        key: True
        for key in module_context_keys() | KNOWN_KEYS
        if key not in ENVIRONMENT_KEYS and not key.startswith(("default_", "search_default_"))
    }
    for name, value in (protected_values or {}).items():
        context[f"default_{name}"] = value
    return context


@tagged("post_install", "-at_install")
class TestWorkflowGuard(ServiceRequestHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_guard_portal_a")
        cls.admin = env.ref("base.user_admin")
        cls.admin.company_ids |= cls.company
        cls.manager_2 = new_test_user(
            env, "t_guard_manager_2", groups="base.group_user,beneficiary_relations.group_manager"
        )
        cls.committee.member_ids |= cls.committee_user_2
        # the records, each in a state where its guard matters
        request = cls.Request.create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "service_type_id": cls.service.id,
                "channel_id": cls.channel_phone.id,
                "description": "<p>Monthly food basket</p>",
            }
        )
        cls._bring_request_to_decision(request)
        cls.request = request
        cls.open_request = cls.Request.create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "service_type_id": cls.service.id,
                "channel_id": cls.channel_phone.id,
            }
        )
        cls.open_request.action_submit()
        category = env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 5, "committee_id": cls.committee.id}
        )
        cls.complaint = env["beneficiary.complaint"].create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "category_id": category.id,
                "subject": "Late aid",
                "channel_id": cls.channel_phone.id,
                "user_id": cls.officer_a.id,
            }
        )
        cls.complaint.action_investigate()
        cls.complaint.resolution = "<p>Paid the next day</p>"
        cls.complaint.action_resolve()
        investigation = env["beneficiary.committee"].create(
            {
                "name": "Investigation Committee",
                "kind": "investigation",
                "chair_id": cls.committee_user.id,
                "member_ids": [Command.set(cls.committee_user.ids)],
            }
        )
        evidence = env["ir.attachment"].create(
            {"name": "minutes.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        cls.compensation = env["beneficiary.compensation"].create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "basis": "association_fault",
                "complaint_id": cls.complaint.id,
                "investigation_committee_id": investigation.id,
                "minutes_date": "2026-02-10",
                "damage_description": "Aid paid to the wrong account",
                "damage_amount": 1500,
                "damage_causes": "Data entry error",
                "evidence_attachment_ids": [Command.set(evidence.ids)],
                "negotiation_ids": [Command.create({"offer": 1200, "answer": "accepted"})],
            }
        )
        cls.compensation.action_start_investigation()
        cls.compensation.with_user(cls.committee_user)._approve_minutes()
        cls.compensation.with_user(cls.manager).action_approve()
        cls.assessment = env["beneficiary.eligibility.assessment"].create(
            {"request_id": cls.open_request.id, "method": "document_check"}
        )
        cls.assessment.write(
            {
                "source_ids": [
                    Command.link(env.ref("beneficiary_relations.eligibility_source_official_id").id)
                ],
                "result": "eligible",
                "recommendation": "Eligible",
            }
        )
        cls.assessment.action_done()
        cls.program = env["beneficiary.program"].create(
            {"name": "Quran course", "date_start": "2027-01-03", "date_end": "2027-01-14", "age_min": 0}
        )
        cls.program.action_open_registration()
        cls.registration = env["beneficiary.program.registration"].create(
            {
                "program_id": cls.program.id,
                "beneficiary_id": cls.beneficiary_a.id,
                "guardian_name": "Guardian",
                "guardian_phone": "0559876543",
            }
        )
        cls.registration.action_submit()
        cls.policy = env["beneficiary.policy"].create({"approval_date": "2026-01-05", "board_session": "8"})
        cls.policy.with_user(cls.manager).action_approve()
        cls.acknowledgment = env["beneficiary.policy.acknowledgment"].create(
            {
                "policy_id": cls.policy.id,
                "employee_name": "Employee without a login",
                "department": "Reception",
            }
        )
        cls.data_request = env["beneficiary.data.request"].create(
            {"beneficiary_id": cls.beneficiary_a.id, "request_type": "access", "description": "A copy"}
        )
        cls.data_request.action_start()
        cls.document = cls.request.document_ids[:1]
        env["beneficiary.consent"].create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "purpose_id": env.ref("beneficiary_relations.consent_purpose_intellectual_property").id,
                "date": "2026-01-01 08:00:00",
            }
        )
        cls.published_work = env["beneficiary.published.work"].create(
            {"name": "Drawing", "beneficiary_id": cls.beneficiary_a.id, "date_published": "2026-02-01"}
        )
        cls.published_work.action_publish()
        cls.records = {
            "beneficiary.service.request": cls.request,
            "beneficiary.complaint": cls.complaint,
            "beneficiary.compensation": cls.compensation,
            "beneficiary.eligibility.assessment": cls.assessment,
            "beneficiary.program": cls.program,
            "beneficiary.program.registration": cls.registration,
            "beneficiary.policy": cls.policy,
            "beneficiary.policy.acknowledgment": cls.acknowledgment,
            "beneficiary.data.request": cls.data_request,
            "beneficiary.request.document": cls.document,
            "beneficiary.published.work": cls.published_work,
        }
        cls.roles = {
            "officer": cls.officer_a,
            "researcher": cls.researcher,
            "committee": cls.committee_user,
            "accountant": cls.accountant,
            "manager": cls.manager,
            "employee": cls.internal_user,
            "portal": cls.portal_a,
            "admin": cls.admin,
        }

    @classmethod
    def _bring_request_to_decision(cls, request, decide=True):
        request.action_submit()
        for document in request.document_ids:
            document.attachment_ids = [
                Command.create(
                    {"name": "scan.png", "datas": PNG, "res_model": document._name, "res_id": document.id}
                )
            ]
        request.document_ids.action_verify()
        request.action_verify_data()
        request.write({"declaration_signer_name": request.beneficiary_id.name, "declaration_signature": PNG})
        request.action_sign_declaration()
        request.action_complete()
        request.action_refer()
        if decide:
            request.with_user(cls.committee_user).action_accept()

    # ------------------------------------------------------------------ helpers
    def _forged_value(self, record, name):
        """A value of ``name`` different from the record's, as an attacker would send it."""
        field = record._fields[name]
        current = record[name]
        if field.type == "selection":
            selection = field._description_selection(self.env)
            # never the state the application itself gives a new record: a forgery that
            # went through must show
            arrival = ARRIVAL_STATES.get(record._name) if name == "state" else None
            return next(key for key, _label in selection if key not in (current, arrival))
        if field.type == "many2one":
            if field.comodel_name == "res.users":
                return self.manager_2.id
            other = self.env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1)
            return other.id
        if field.type == "datetime":
            return "2020-01-01 08:00:00"
        if field.type == "date":
            return "2020-01-01"
        if field.type in ("integer", "float", "monetary"):
            return 99999
        if field.type == "boolean":
            return not current
        return "FORGED/0001"

    @staticmethod
    def _initial_state(record):
        return ARRIVAL_STATES.get(record._name) or record._workflow_deletable_states()[0]

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return {name: record.sudo()[name] for name in names}

    def _protected(self, record):
        return sorted(record._workflow_protected())

    # ------------------------------------------------------------------ the scan
    def test_context_scan_finds_the_keys_the_module_uses(self):
        keys = module_context_keys()
        # read by the module (Python) and passed by its views (XML)
        for key in ("reason_action", "mail_notrack", "default_request_ids"):
            self.assertIn(key, keys)
        self.assertTrue(set(hostile_context()) >= KNOWN_KEYS)

    def test_every_workflow_model_is_tried(self):
        models = {
            name
            for name in self.registry.descendants(["beneficiary.workflow.mixin"], "_inherit")
            if not self.env[name]._abstract and not self.env[name]._transient
        }
        self.assertEqual(models, set(self.records), "a workflow model without a record in this test")
        for name, record in self.records.items():
            self.assertEqual(record._name, name)
            self.assertIn("state", record._workflow_protected())

    # ------------------------------------------------------------------ ORM
    def test_orm_write_of_each_protected_field_as_each_role_with_every_context_key(self):
        for model, record in self.records.items():
            for name in self._protected(record):
                value = self._forged_value(record, name)
                context = hostile_context({name: value})
                before = self._snapshot(record, [name])
                envs = {role: record.with_user(user) for role, user in self.roles.items()}
                envs["superuser"] = record.sudo()
                for role, target in envs.items():
                    with self.subTest(model=model, field=name, role=role):
                        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                            target.with_context(**context).write({name: value})
                        if role in ("superuser", "manager", "admin"):
                            # not stopped by access rights: the guard itself refused
                            self.assertNotIsInstance(caught.exception, AccessError)
                        self.assertEqual(self._snapshot(record, [name]), before)

    @freeze_time("2026-03-01 09:00:00")
    def test_orm_create_refuses_protected_values_and_ignores_their_defaults(self):
        creatable = {
            "beneficiary.service.request": {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            },
            "beneficiary.complaint": {
                "beneficiary_id": self.beneficiary_a.id,
                "category_id": self.complaint.category_id.id,
                "subject": "Another",
                "channel_id": self.channel_phone.id,
            },
            "beneficiary.compensation": {"beneficiary_id": self.beneficiary_a.id, "basis": "court_judgment"},
            "beneficiary.eligibility.assessment": {"request_id": self.open_request.id, "method": "interview"},
            "beneficiary.program": {"name": "Another", "date_start": "2027-02-01", "date_end": "2027-02-10"},
            "beneficiary.program.registration": {
                "program_id": self.program.id,
                "beneficiary_id": self.beneficiary_b.id,
            },
            "beneficiary.policy": {"approval_date": "2026-01-05"},
            "beneficiary.policy.acknowledgment": {
                "policy_id": self.policy.id,
                "employee_name": "Another employee",
            },
            "beneficiary.data.request": {
                "beneficiary_id": self.beneficiary_a.id,
                "request_type": "correction",
                "description": "My address",
            },
            "beneficiary.published.work": {
                "name": "Another drawing",
                "beneficiary_id": self.beneficiary_a.id,
            },
            "beneficiary.request.document": {
                "request_id": self.open_request.id,
                "document_type_id": self.env["beneficiary.document.type"].create({"name": "Lease"}).id,
            },
        }
        self.assertEqual(set(creatable), set(self.records))
        for model, vals in creatable.items():
            Model = self.env[model].with_user(self.manager)
            fresh = Model.new({})  # a new record, with its defaults
            protected = self._protected(self.records[model])
            forged = {name: self._forged_value(fresh, name) for name in protected}
            for name, value in forged.items():
                # as superuser: no access right stops it, the guard must
                with (
                    self.subTest(model=model, field=name),
                    self.assertRaises(UserError),
                    self.env.cr.savepoint(),
                ):
                    Model.sudo().with_context(**hostile_context()).create(dict(vals, **{name: value}))
            with self.subTest(model=model, defaults=True), self.env.cr.savepoint():
                # the same record without, then with the default_<field> keys: the server's values
                plain = self._values_of_a_new_record(Model, vals, forged)
                hostile = Model.with_context(**hostile_context(forged)).create(dict(vals))
                self.assertEqual(
                    self._values(hostile, forged), plain, "a default_<field> was taken from the context"
                )
                self.assertEqual(hostile.state, self._initial_state(hostile))
                if "name" in forged:
                    self.assertNotEqual(hostile.name, forged["name"])

    def _values(self, record, names):
        # the reference is numbered: two records never share it
        return {
            name: record[name].id if name.endswith("_id") else record[name]
            for name in names
            if name != "name"
        }

    def _values_of_a_new_record(self, Model, vals, names):
        """What a plain create gives, rolled back (unique constraints allow one at a time)."""
        values = {}
        with contextlib.suppress(RollBack), self.env.cr.savepoint():
            values = self._values(Model.create(dict(vals)), names)
            raise RollBack
        self.env.invalidate_all()
        return values

    def test_import_cannot_set_a_status(self):
        Request = self.Request.with_user(self.manager).with_context(**hostile_context())
        result = Request.load(
            ["beneficiary_id/.id", "service_type_id/.id", "channel_id/.id", "state"],
            [[str(self.beneficiary_b.id), str(self.service.id), str(self.channel_phone.id), "accepted"]],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertFalse(self.Request.search([("beneficiary_id", "=", self.beneficiary_b.id)]))

    def test_copy_starts_a_new_workflow(self):
        copy = (
            self.request.with_user(self.manager).with_context(**hostile_context({"state": "accepted"})).copy()
        )
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.decided_by_id)
        self.assertNotEqual(copy.name, self.request.name)
        with self.assertRaises(UserError):
            self.request.with_user(self.manager).copy({"state": "accepted"})

    def test_frozen_fields_stay_frozen_with_every_context_key(self):
        """What a signature, a decision, an approval or a conclusion settled."""
        context = hostile_context()
        cases = [
            (self.request, self.manager, {"description": "<p>Changed after signing</p>"}),
            (self.request, self.manager, {"decision_reason": "Rewritten"}),
            (self.request, self.manager, {"committee_id": self.other_committee.id}),
            (self.request, self.committee_user, {"decision_reason": "Rewritten"}),
            (self.compensation, self.manager, {"amount_agreed": 99999}),
            (self.compensation, self.committee_user, {"amount_agreed": 99999}),
            (self.compensation, self.accountant, {"amount_agreed": 99999}),
            (self.compensation, self.manager, {"evidence_attachment_ids": [Command.clear()]}),
            (self.assessment, self.manager, {"result": "not_eligible"}),
            (self.assessment, self.officer_a, {"recommendation": "Rewritten"}),
            (self.policy, self.manager, {"complaints": "<p>Rewritten</p>"}),
        ]
        for record, user, vals in cases:
            with self.subTest(model=record._name, user=user.login, vals=list(vals)):
                before = self._snapshot(record, list(vals))
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    record.with_user(user).with_context(**context).write(vals)
                self.assertEqual(self._snapshot(record, list(vals)), before)

    def test_workflow_records_are_kept_once_past_their_first_state(self):
        for model, record in self.records.items():
            if record.state in record._workflow_deletable_states():
                continue
            with self.subTest(model=model), self.assertRaises(UserError), self.env.cr.savepoint():
                record.with_user(self.manager).with_context(**hostile_context()).unlink()
            self.assertTrue(record.exists())

    # ------------------------------------------------------------------ audit fields
    @freeze_time("2026-03-01 09:00:00")
    def test_audit_fields_are_the_server_s(self):
        request = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        forged = {
            "decided_by_id": self.manager_2.id,
            "date_decision": "2020-01-01 08:00:00",
            "data_verified_by_id": self.manager_2.id,
            "declaration_signed_on": "2020-01-01 08:00:00",
        }
        request = request.with_context(**hostile_context(forged))
        self._bring_request_to_decision(request)
        self.assertEqual(request.decided_by_id, self.committee_user)
        self.assertEqual(request.date_decision, datetime(2026, 3, 1, 9, 0))
        self.assertEqual(request.data_verified_by_id, self.env.user)
        self.assertEqual(request.declaration_signed_on, datetime(2026, 3, 1, 9, 0))
        compensation = self.env["beneficiary.compensation"].create(
            dict(
                self.compensation.copy_data()[0],
                complaint_id=False,
                evidence_attachment_ids=[Command.set(self.compensation.evidence_attachment_ids.ids)],
                negotiation_ids=[Command.create({"offer": 1200, "answer": "accepted"})],
            )
        )
        compensation.action_start_investigation()
        compensation.with_user(self.committee_user).with_context(
            **hostile_context({"date": "2020-01-01 08:00:00", "member_id": self.manager_2.id})
        )._approve_minutes()
        self.assertEqual(compensation.minutes_approval_ids.member_id, self.committee_user)
        self.assertEqual(compensation.minutes_approval_ids.date, datetime(2026, 3, 1, 9, 0))
        # a manager deciding in the committee's place: who, why and in whose place are the server's
        in_place = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        forged = {
            "decision_authority": "committee",
            "decision_override_reason": "forged",
            "decided_by_id": self.manager_2.id,
        }
        self._bring_request_to_decision(in_place, decide=False)
        wizard = (
            self.env["beneficiary.service.request.decide"]
            .with_user(self.manager)
            .with_context(**hostile_context(forged))
            .create({"request_ids": [Command.set(in_place.ids)], "override_reason": "Committee on leave"})
        )
        wizard.action_confirm()
        self.assertEqual(
            (in_place.decision_authority, in_place.decision_override_reason, in_place.decided_by_id),
            ("manager", "Committee on leave", self.manager),
        )
        # a member's vote: the member and the date are the server's
        self.committee.decision_rule = "majority"
        voted = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        self._bring_request_to_decision(voted, decide=False)
        voted.with_user(self.committee_user).with_context(
            **hostile_context(
                {"member_id": self.manager_2.id, "date": "2020-01-01 08:00:00", "vote": "reject"}
            )
        )._cast_vote("accept")
        self.assertEqual(
            [(v.member_id, v.vote, v.date) for v in voted.vote_ids],
            [(self.committee_user, "accept", datetime(2026, 3, 1, 9, 0))],
        )
        compensation.with_user(self.manager).with_context(
            **hostile_context({"approved_by_id": self.manager_2.id})
        ).action_approve()
        self.assertEqual(compensation.approved_by_id, self.manager)
        self.assertEqual(compensation.approved_on, datetime(2026, 3, 1, 9, 0))

    def test_committee_member_cannot_approve_a_compensation_without_evidence(self):
        """The probe's chain: a committee member approved at 99,999 with no evidence, then
        the accountant billed it."""
        compensation = self.env["beneficiary.compensation"].create(
            {"beneficiary_id": self.beneficiary_a.id, "basis": "association_fault", "amount_agreed": 99999}
        )
        compensation.action_start_investigation()
        context = hostile_context({"state": "approved"})
        as_committee = compensation.with_user(self.committee_user).with_context(**context)
        for attempt in (
            lambda: as_committee.write({"state": "approved", "approved_by_id": self.committee_user.id}),
            as_committee.action_approve,
        ):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                attempt()
        self.assertEqual(compensation.state, "investigation")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            compensation.with_user(self.accountant).with_context(**context).action_create_bill()
        self.assertFalse(compensation.move_id)

    # ------------------------------------------------------------------ JSON-RPC
    def _rpc(self, model, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    @mute_logger("odoo.http")
    def test_rpc_write_and_create_as_each_role_with_every_context_key(self):
        creatable = {
            "beneficiary.service.request": {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            },
            "beneficiary.complaint": {
                "beneficiary_id": self.beneficiary_a.id,
                "category_id": self.complaint.category_id.id,
                "subject": "Another",
                "channel_id": self.channel_phone.id,
            },
        }
        guarded = 0
        for role, user in self.roles.items():
            self.authenticate(user.login, user.login)
            company_ids = user.company_ids.ids
            for model, record in self.records.items():
                protected = self._protected(record)
                forged = {name: self._forged_value(record, name) for name in protected}
                # the manager may write every workflow model: each field on its own proves
                # the guard field by field; the other roles send them all at once
                attempts = (
                    [{name: value} for name, value in forged.items()] if role == "manager" else [forged]
                )
                for vals in attempts:
                    context = dict(hostile_context(vals), allowed_company_ids=company_ids)
                    before = self._snapshot(record, protected)
                    with self.subTest(role=role, model=model, fields=list(vals)):
                        answer = self._rpc(model, "write", [record.ids, vals], {"context": context})
                        self.assertIn("error", answer, "the write went through")
                        error = answer["error"]["data"]["name"]
                        self.assertIn(error, ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"))
                        guarded += error == "odoo.exceptions.UserError"
                        self.assertEqual(self._snapshot(record, protected), before)
            for model, vals in creatable.items():
                fresh = self.env[model].new({})
                forged = {
                    name: self._forged_value(fresh, name) for name in self._protected(self.records[model])
                }
                context = dict(hostile_context(forged), allowed_company_ids=company_ids)
                with self.subTest(role=role, model=model, create=True):
                    answer = self._rpc(model, "create", [dict(vals, **forged)], {"context": context})
                    self.assertIn("error", answer)
                    answer = self._rpc(model, "create", [vals], {"context": context})
                    if "result" in answer:
                        created = self.env[model].browse(answer["result"])
                        self.assertEqual(created.state, self._initial_state(created))
                        self.assertNotEqual(created.name, forged.get("name"))
        # the guard, not only access rights, answered the roles that may write
        self.assertGreater(guarded, sum(len(self._protected(record)) for record in self.records.values()))

    @mute_logger("odoo.http")
    def test_rpc_votes_are_recorded_by_the_vote_button_only(self):
        """No role creates, changes or deletes a member's vote through JSON-RPC, whatever
        context keys it sends; nor calls the methods that record votes and decisions."""
        self.committee.decision_rule = "majority"
        request = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        self._bring_request_to_decision(request, decide=False)
        vote = request.with_user(self.committee_user)._cast_vote("accept")
        forged = {
            "request_id": request.id,
            "committee_id": self.committee.id,
            "member_id": self.committee_user_2.id,
            "vote": "accept",
            "date": "2020-01-01 08:00:00",
        }
        for role, user in self.roles.items():
            self.authenticate(user.login, user.login)
            context = dict(hostile_context(forged), allowed_company_ids=user.company_ids.ids)
            for method, args in (
                ("create", [forged]),
                ("write", [vote.ids, {"vote": "reject", "member_id": self.manager_2.id}]),
                ("unlink", [vote.ids]),
            ):
                with self.subTest(role=role, method=method):
                    answer = self._rpc("beneficiary.service.request.vote", method, args, {"context": context})
                    self.assertIn("error", answer)
            for method, args in (
                ("_cast_vote", [request.ids, "accept"]),
                ("_decide", [request.ids, "accepted"]),
                ("_decide", [request.ids, "accepted", "forged reason"]),
            ):
                with self.subTest(role=role, method=method):
                    answer = self._rpc("beneficiary.service.request", method, args, {"context": context})
                    self.assertIn("error", answer)
        self.assertEqual(request.vote_ids, vote)
        self.assertEqual((vote.member_id, vote.vote), (self.committee_user, "accept"))
        self.assertEqual(request.state, "in_review")

    @mute_logger("odoo.http")
    def test_rpc_cannot_call_the_unlocking_methods(self):
        self.authenticate(self.manager.login, self.manager.login)
        for method, args in (
            ("_set_state", [self.request.ids, "draft"]),
            ("_workflow_write", [self.request.ids, {"state": "draft"}]),
            ("_workflow_create", [[{"state": "accepted"}]]),
        ):
            with self.subTest(method=method):
                answer = self._rpc("beneficiary.service.request", method, args)
                self.assertIn("error", answer)
        self.assertEqual(self.request.state, "accepted")


@tagged("post_install", "-at_install")
class TestWorkflowMixin(ServiceRequestHttpCase):
    """The mixin's own tools: lock modes and per-company numbering."""

    def test_lock_modes(self):
        request = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        self.assertEqual(request._workflow_lock("wait"), request)
        self.assertEqual(request._workflow_lock("nowait"), request)
        self.assertEqual(request._workflow_lock("skip"), request)
        with self.assertRaises(ValueError):
            request._workflow_lock("forever")
        self.assertEqual(self.Request.browse()._workflow_lock("skip"), self.Request.browse())

    def test_references_are_numbered_per_company(self):
        sar = self.env.ref("base.SAR")
        other = self.env["res.company"].create({"name": "جمعية أخرى", "currency_id": sar.id})
        self.env.user.company_ids |= other
        category = self.env["beneficiary.category"].create(
            {"name": "Other", "code": "T-O", "company_id": other.id}
        )
        beneficiary = (
            self.Beneficiary.with_company(other)
            .with_context(allowed_company_ids=[other.id, self.company.id])
            .create({"name": "Saad", "national_id": make_id(30000001), "category_id": category.id})
        )
        service = self.env["beneficiary.service.type"].create({"name": "Aid", "company_id": other.id})
        Request = self.Request.with_company(other).with_context(
            allowed_company_ids=[other.id, self.company.id]
        )
        first_other = Request.create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        ours = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        second_other = Request.create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        number = int(first_other.name.rsplit("/", 1)[1])
        self.assertEqual(
            int(second_other.name.rsplit("/", 1)[1]), number + 1, "the other company's own series"
        )
        self.assertNotEqual(ours.name, second_other.name)
        year = fields.Date.today().year
        self.assertTrue(first_other.name.startswith(f"REQ/{year}/"))

    def test_a_validation_error_in_a_step_writes_nothing(self):
        request = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        request.action_submit()
        with self.assertRaises(UserError):
            request.action_complete()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.date_complete)
