"""Who may do what: the access matrix of the module, as one table checked cell by cell.

Each row is a model of the module (and ``res.partner``, the beneficiary's own contact),
each column a role, each cell the operations the role may perform: ``r`` read, ``w``
write, ``c`` create, ``u`` unlink (delete).

- A plain cell (``"r"``) is a model-level right (``ir.model.access``), for models whose
  records are shared by everybody who may read them (configuration, wizards).
- A cell with a bar (``"rwc|"``) states the rights on two records of the model: the one
  of category X / beneficiary A (left of the bar), and the one of category Y / beneficiary
  B (right), record rules included. Officer X serves category X, portal user A is
  beneficiary A; the committee member sits on the committee the X records were referred
  to; the X compensation is approved, the Y one is a draft.

A new model of the module without a row fails ``test_every_model_has_a_row``; the README's
"Security" section shows the same table.
"""

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_request import ServiceRequestFixtures

ROLES = (
    "public",
    "portal_a",
    "portal_b",
    "officer_x",
    "officer_y",
    "committee",
    "accountant",
    "manager",
    "internal",
)
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
# rows for models of Odoo whose records of a beneficiary the module scopes
CORE_ROWS = ("res.partner",)

# fmt: off
MATRIX = {
    # model                                   public  portal_a portal_b officer_x officer_y committee accountant manager      internal
    # ---- beneficiaries' files and what hangs on them (record rules by category and owner)
    "beneficiary.beneficiary":                ("|",   "r|",    "|r",    "rwc|",   "|rwc",   "r|",     "r|",      "rwcu|rwcu", "|"),
    "beneficiary.family.member":              ("|",   "r|",    "|r",    "rwcu|",  "|rwcu",  "|",      "|",       "rwcu|rwcu", "|"),
    "beneficiary.service.request":            ("|",   "r|",    "|r",    "rwc|",   "|rwc",   "rw|",    "|",       "rwcu|rwcu", "|"),
    "beneficiary.request.document":           ("|",   "r|",    "|r",    "rwcu|",  "|rwcu",  "r|",     "|",       "rwcu|rwcu", "|"),
    "beneficiary.complaint":                  ("|",   "r|",    "|r",    "rwc|",   "|rwc",   "rw|",    "|",       "rwcu|rwcu", "|"),
    "beneficiary.compensation":               ("|",   "r|",    "|",     "r|",     "|r",     "rw|",    "rw|",     "rwcu|rwcu", "|"),
    "beneficiary.data.request":               ("|",   "r|",    "|r",    "rwc|",   "|rwc",   "|",      "|",       "rwcu|rwcu", "|"),
    "beneficiary.consent":                    ("|",   "r|",    "|r",    "rwc|",   "|rwc",   "|",      "|",       "rwcu|rwcu", "|"),
    "beneficiary.published.work":             ("|",   "r|",    "|r",    "rwc|",   "|rwc",   "|",      "|",       "rwcu|rwcu", "|"),
    "beneficiary.visit":                      ("|",   "|",     "|",     "rwc|",   "|rwc",   "|",      "|",       "rwcu|rwcu", "|"),
    # the beneficiary's contact (Odoo's res.partner, not a model of the module)
    "res.partner":                            ("|",   "r|",    "|r",    "rwc|",   "|rwc",   "r|",     "r|",      "rwcu|rwcu", "|"),
    # messages sent: read as the record they are about, written by the application only
    "beneficiary.notification.log":           ("|",   "|",     "|",     "r|",     "|r",     "r|",     "|",       "r|r",       "|"),
    # ---- model-level rights (records shared within the company, or wizards)
    "beneficiary.compensation.negotiation":   ("",    "",      "",      "r",      "r",      "rwc",    "r",       "rwcu",      ""),
    "beneficiary.service.request.vote":       ("",    "",      "",      "r",      "r",      "rc",     "",        "rc",        ""),
    "beneficiary.compensation.minutes.approval": ("", "",      "",      "r",      "r",      "rc",     "r",       "rc",        ""),
    "beneficiary.eligibility.assessment":     ("",    "",      "",      "rwc",    "rwc",    "r",      "",        "rwcu",      ""),
    "beneficiary.eligibility.assessment.line": ("",   "",      "",      "rwcu",   "rwcu",   "r",      "",        "rwcu",      ""),
    "beneficiary.program.registration":       ("",    "r",     "r",     "rwc",    "rwc",    "",       "",        "rwcu",      ""),
    "beneficiary.program.attendance":         ("",    "",      "",      "rwc",    "rwc",    "",       "",        "rwcu",      ""),
    "beneficiary.program.session":            ("",    "",      "",      "rw",     "rw",     "",       "",        "rwcu",      ""),
    "beneficiary.program":                    ("r",   "r",     "r",     "r",      "r",      "",       "",        "rwcu",      ""),
    "beneficiary.program.criterion":          ("",    "",      "",      "r",      "r",      "",       "",        "rwcu",      ""),
    "beneficiary.program.interview.line":     ("",    "",      "",      "rwc",    "rwc",    "",       "",        "rwcu",      ""),
    "beneficiary.visit.score":                ("",    "",      "",      "rwcu",   "rwcu",   "",       "",        "rwcu",      ""),
    "beneficiary.visit.criterion":            ("",    "",      "",      "r",      "r",      "",       "",        "rwcu",      ""),
    "beneficiary.policy.acknowledgment":      ("",    "",      "",      "rc",     "rc",     "rc",     "rc",      "rwcu",      ""),
    "beneficiary.policy.distribution":        ("",    "",      "",      "r",      "r",      "r",      "r",       "rwcu",      ""),
    "beneficiary.policy":                     ("r",   "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.policy.section":             ("r",   "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.policy.document":            ("r",   "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.channel":                    ("r",   "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.category":                   ("",    "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.domain":                     ("",    "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.document.type":              ("",    "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.service.type":               ("",    "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.complaint.category":         ("",    "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.consent.purpose":            ("",    "r",     "r",     "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.committee":                  ("",    "",      "",      "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.eligibility.criterion":      ("",    "",      "",      "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.eligibility.source":         ("",    "",      "",      "r",      "r",      "r",      "r",       "rwcu",      "r"),
    "beneficiary.escalation.level":           ("",    "",      "",      "r",      "r",      "r",      "",        "rwcu",      ""),
    "beneficiary.liaison":                    ("",    "",      "",      "r",      "r",      "r",      "r",       "rwcu",      ""),
    "beneficiary.survey.campaign":            ("",    "",      "",      "r",      "r",      "",       "",        "rwcu",      ""),
    "beneficiary.satisfaction.report":        ("",    "",      "",      "r",      "r",      "",       "",        "r",         ""),
    "beneficiary.liaison.report":             ("",    "",      "",      "",       "",       "",       "",        "r",         ""),
    # ---- wizards
    "beneficiary.beneficiary.suspend":        ("",    "",      "",      "rwc",    "rwc",    "",       "",        "rwc",       ""),
    "beneficiary.consent.withdraw":           ("",    "",      "",      "rwc",    "rwc",    "",       "",        "rwc",       ""),
    "beneficiary.service.request.reason":     ("",    "",      "",      "rwc",    "rwc",    "rwc",    "",        "rwc",       ""),
    "beneficiary.policy.acknowledge":         ("",    "",      "",      "rwc",    "rwc",    "rwc",    "rwc",     "rwc",       ""),
    "beneficiary.service.request.vote.cast":  ("",    "",      "",      "",       "",       "rwc",    "",        "rwc",       ""),
    "beneficiary.service.request.decide":     ("",    "",      "",      "",       "",       "",       "",        "rwc",       ""),
    "beneficiary.compensation.minutes.approve": ("",  "",      "",      "",       "",       "rwc",    "",        "rwc",       ""),
    "beneficiary.holidays.generate":          ("",    "",      "",      "",       "",       "",       "",        "rwc",       ""),
    "beneficiary.compliance.report":          ("",    "",      "",      "",       "",       "",       "",        "rwc",       ""),
    "beneficiary.policy.preset":              ("",    "",      "",      "",       "",       "",       "",        "rwc",       ""),
}
# fmt: on


class AccessMatrixFixtures(ServiceRequestFixtures):
    """One user per role of the matrix and, for the models with record rules, a record of
    category X / beneficiary A and one of category Y / beneficiary B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_matrix_portal_a")
        cls.portal_b = cls._make_portal_user(cls.beneficiary_b, "t_matrix_portal_b")
        public = cls.env.ref("base.public_user")
        public.company_ids |= cls.company  # a visitor of this association's website
        cls.users = {
            "public": public,
            "portal_a": cls.portal_a,
            "portal_b": cls.portal_b,
            "officer_x": cls.officer_a,
            "officer_y": cls.officer_b,
            "committee": cls.committee_user,
            "accountant": cls.accountant,
            "manager": cls.manager,
            "internal": cls.internal_user,
        }
        cls.family_x, cls.family_y = family_x, family_y = cls.Beneficiary.create(
            [
                {
                    "name": "Family X",
                    "kind": "family",
                    "category_id": cls.category_a.id,
                    "family_head_id": cls.beneficiary_a.id,
                },
                {
                    "name": "Family Y",
                    "kind": "family",
                    "category_id": cls.category_b.id,
                    "family_head_id": cls.beneficiary_b.id,
                },
            ]
        )
        members = cls.env["beneficiary.family.member"].create(
            [
                {"beneficiary_id": family_x.id, "name": "Daughter X", "relation": "daughter"},
                {"beneficiary_id": family_y.id, "name": "Daughter Y", "relation": "daughter"},
            ]
        )
        requests = cls.Request.create(
            [
                {
                    "beneficiary_id": beneficiary.id,
                    "service_type_id": cls.service.id,
                    "channel_id": cls.channel_phone.id,
                    "description": "<p>Monthly food basket</p>",
                }
                for beneficiary in (cls.beneficiary_a, cls.beneficiary_b)
            ]
        )
        # the X request went to the committee of the committee member; Y was not referred
        requests[0]._set_state("in_review", date_referred=fields.Datetime.now())
        complaint_category = cls.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 10}
        )
        complaints = cls.env["beneficiary.complaint"].create(
            [
                {
                    "subject": f"Late aid {tag}",
                    "category_id": complaint_category.id,
                    "channel_id": cls.channel_phone.id,
                    "beneficiary_id": beneficiary.id,
                    "committee_id": committee.id,
                }
                for tag, beneficiary, committee in (
                    ("X", cls.beneficiary_a, cls.committee),
                    ("Y", cls.beneficiary_b, cls.other_committee),
                )
            ]
        )
        # the committee member also sits on the investigation committee of the X compensation
        investigation = cls.env["beneficiary.committee"].create(
            {"name": "Investigation", "kind": "investigation", "member_ids": [(6, 0, cls.committee_user.ids)]}
        )
        compensations = cls.env["beneficiary.compensation"].create(
            [
                {"beneficiary_id": cls.beneficiary_a.id, "investigation_committee_id": investigation.id},
                {"beneficiary_id": cls.beneficiary_b.id},
            ]
        )
        compensations[0]._set_state("approved", amount_agreed=900)
        data_requests = cls.env["beneficiary.data.request"].create(
            [
                {"beneficiary_id": beneficiary.id, "description": "Correct my phone number"}
                for beneficiary in (cls.beneficiary_a, cls.beneficiary_b)
            ]
        )
        purpose = cls.env["beneficiary.consent.purpose"].create({"name": "Sharing with donors"})
        consents = cls.env["beneficiary.consent"].create(
            [
                {"beneficiary_id": beneficiary.id, "purpose_id": purpose.id}
                for beneficiary in (cls.beneficiary_a, cls.beneficiary_b)
            ]
        )
        # a published work of A and one of B, each on its beneficiary's publishing consent
        publishing = cls.env.ref("beneficiary_relations.consent_purpose_intellectual_property")
        cls.env["beneficiary.consent"].create(
            [
                {"beneficiary_id": beneficiary.id, "purpose_id": publishing.id, "date": "2026-01-01 08:00:00"}
                for beneficiary in (cls.beneficiary_a, cls.beneficiary_b)
            ]
        )
        works = cls.env["beneficiary.published.work"].create(
            [
                {"name": f"Drawing {tag}", "beneficiary_id": beneficiary.id, "date_published": "2026-02-01"}
                for tag, beneficiary in (("X", cls.beneficiary_a), ("Y", cls.beneficiary_b))
            ]
        )
        works.action_publish()
        # visits made by a manager: one met A, the other B
        visits = cls.env["beneficiary.visit"].create(
            [
                {
                    "kind": "field_survey",
                    "visitor_id": cls.manager.id,
                    "beneficiary_ids": [(6, 0, beneficiary.ids)],
                }
                for beneficiary in (cls.beneficiary_a, cls.beneficiary_b)
            ]
        )
        logs = (
            cls.env["beneficiary.notification.log"]
            .sudo()
            .create(
                [
                    {
                        "company_id": request.company_id.id,
                        "res_model": request._name,
                        "res_id": request.id,
                        "beneficiary_id": request.beneficiary_id.id,
                        "kind": "acknowledgement",
                        "channel": "sms",
                        "recipient": request.beneficiary_id.mobile,
                    }
                    for request in requests
                ]
            )
            .sudo(False)
        )
        cls.records = {
            "beneficiary.notification.log": logs,
            "beneficiary.beneficiary": cls.beneficiary_a | cls.beneficiary_b,
            "beneficiary.visit": visits,
            "res.partner": cls.beneficiary_a.partner_id | cls.beneficiary_b.partner_id,
            "beneficiary.family.member": members,
            "beneficiary.service.request": requests,
            "beneficiary.request.document": requests[0].document_ids[:1] | requests[1].document_ids[:1],
            "beneficiary.complaint": complaints,
            "beneficiary.compensation": compensations,
            "beneficiary.data.request": data_requests,
            "beneficiary.consent": consents,
            "beneficiary.published.work": works,
        }
        cls.env.flush_all()


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixFixtures, TransactionCase):
    def _module_models(self):
        """The models the module defines (not those it extends), abstract ones aside."""
        return {
            name
            for name, model in self.env.registry.items()
            if model._original_module == "beneficiary_relations" and not model._abstract
        }

    def test_every_model_has_a_row(self):
        models = self._module_models()
        self.assertIn("beneficiary.beneficiary", models)
        self.assertEqual(
            sorted(models - set(MATRIX)),
            [],
            "these models of the module have no row in the access matrix (tests/test_access_matrix.py)",
        )
        self.assertEqual(
            sorted(set(MATRIX) - models - set(CORE_ROWS)),
            [],
            "rows of the matrix for models that do not exist",
        )
        for model, cells in MATRIX.items():
            self.assertEqual(len(cells), len(ROLES), f"{model}: one cell per role")

    def _check_model_cell(self, model, role, user, expected):
        Model = self.env[model].with_user(user)
        for letter, operation in OPERATIONS.items():
            allowed = Model.browse().has_access(operation)
            if letter == "r" and allowed:
                Model.search_count([])  # searching works as well: no AccessError
            if allowed != (letter in expected):
                yield f"{model} / {role} / {operation}: expected {'allowed' if letter in expected else 'denied'}"

    def _check_record_cell(self, model, role, user, expected):
        record_x, record_y = self.records[model]
        for side, record, letters in zip("XY", (record_x, record_y), expected.split("|"), strict=True):
            mine = record.with_user(user)
            for letter, operation in OPERATIONS.items():
                allowed = mine.has_access(operation)
                if letter == "r":
                    # the search agrees with the check, and reading really works or fails
                    found = bool(allowed and mine.search_count([("id", "=", record.id)]))
                    if found != allowed:
                        yield f"{model} / {role} / search of the {side} record disagrees with its access check"
                    try:
                        mine.read(["id"])
                        read = True
                    except AccessError:
                        read = False
                    if read != allowed:
                        yield f"{model} / {role} / read of the {side} record disagrees with its access check"
                if allowed != (letter in letters):
                    yield (
                        f"{model} / {role} / {operation} on the {side} record: "
                        f"expected {'allowed' if letter in letters else 'denied'}"
                    )

    def test_access_matrix(self):
        mismatches = []
        for model, cells in MATRIX.items():
            for role, expected in zip(ROLES, cells, strict=True):
                user = self.users[role]
                if "|" in expected:
                    mismatches += self._check_record_cell(model, role, user, expected)
                else:
                    mismatches += self._check_model_cell(model, role, user, expected)
        self.assertFalse(mismatches, "the access matrix does not hold:\n" + "\n".join(mismatches))

    def test_denied_writes_change_nothing(self):
        """A sample of denied cells done for real: the operation raises and the data stays."""
        complaint_y = self.records["beneficiary.complaint"][1]
        with self.assertRaises(AccessError):
            complaint_y.with_user(self.officer_a).write({"subject": "Hijacked"})
        compensation_x = self.records["beneficiary.compensation"][0]
        for user in (self.officer_a, self.officer_b):
            # refused for the access, before any business rule names the record
            with self.assertRaises(AccessError):
                compensation_x.with_user(user).write({"court_name": "X"})
        with self.assertRaises(AccessError):
            self.records["beneficiary.service.request"][0].with_user(self.officer_b).write(
                {"state": "accepted"}
            )
        with self.assertRaises(AccessError):
            self.records["beneficiary.consent"][0].with_user(self.portal_a).unlink()
        with self.assertRaises(AccessError):
            self.env["beneficiary.category"].with_user(self.officer_a).create({"name": "Mine", "code": "T-Z"})
        self.assertEqual(complaint_y.subject, "Late aid Y")
        self.assertTrue(self.records["beneficiary.consent"][0].exists())


@tagged("post_install", "-at_install")
class TestAccessMatrixRpc(AccessMatrixFixtures, HttpCase):
    """A few cells of the matrix through JSON-RPC, as the web client and integrations call."""

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_rpc_cells(self):
        compensation_x, compensation_y = self.records["beneficiary.compensation"]
        complaint_x, complaint_y = self.records["beneficiary.complaint"]
        self.authenticate("t_matrix_portal_a", "t_matrix_portal_a")
        found = self._call("beneficiary.compensation", "search_read", [[]], {"fields": ["name"]})
        self.assertEqual([row["id"] for row in found], compensation_x.ids, "portal A: only its approved one")
        found = self._call("beneficiary.complaint", "search", [[]])
        self.assertEqual(found, complaint_x.ids)
        for model, method, args in (
            ("beneficiary.complaint", "read", [complaint_y.ids, ["subject"]]),
            ("beneficiary.complaint", "write", [complaint_x.ids, {"subject": "Changed"}]),
            ("beneficiary.compensation", "read", [compensation_y.ids, ["name"]]),
        ):
            with self.subTest(user="portal_a", model=model, method=method):
                with self.assertRaises(JsonRpcException) as error:
                    self._call(model, method, args)
                self.assertEqual(error.exception.args[0], "odoo.exceptions.AccessError")

        self.authenticate("t_accountant", "t_accountant")
        found = self._call("beneficiary.compensation", "search", [[]])
        self.assertEqual(found, compensation_x.ids, "accountants see approved compensations only")
        with self.assertRaises(JsonRpcException) as error:
            self._call("beneficiary.compensation", "unlink", [compensation_x.ids])
        self.assertEqual(error.exception.args[0], "odoo.exceptions.AccessError")
        self.assertEqual(complaint_x.subject, "Late aid X")
        self.assertTrue(compensation_x.exists())
