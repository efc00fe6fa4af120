"""Every portal and public route tried on beneficiary A's records by a visitor and by
beneficiary B: with A's ids, forged and stale access tokens and A's attachment ids. Nothing
of A may show, nothing may be written, and no route answers with a server error.

``ROUTES`` describes how each route of the module is called; the suite reads the module's
routes from Odoo's routing map, so a route added later fails ``test_every_route_is_listed``
until it is described here (and is then tried by this suite and by ``TestHostileRoutes``)."""

import base64
import json
import re
import uuid
from urllib.parse import urlencode

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import make_id
from .common_request import PNG, ServiceRequestFixtures
from .program_common import PROGRAM_END, PROGRAM_START

PNG_BYTES = base64.b64decode(PNG)
CSRF_RE = re.compile(r'csrf_token: "([^"]+)"')
MISSING_ID = 987654321
MODULE = "beneficiary_relations"


def NOTHING(test):
    return {}


# How each route of the module is called, as the owner of the records would (portal A):
# "kind" (get, post: a form with its CSRF token, json: JSON-RPC), "path" (the URL's
# arguments), "params" (the values a genuine user sends, arguments and form fields alike)
# and "files" (the uploads it reads). Values are functions of the test, which holds the
# records (see PortalIsolationFixtures).
ROUTES = {
    "/my/requests": {
        "kind": "get",
        "params": lambda t: {"sortby": "deadline", "filterby": "open"},
    },
    "/my/requests/page/<int:page>": {
        "kind": "get",
        "path": lambda t: {"page": 1},
        "params": lambda t: {"sortby": "name", "filterby": "all"},
    },
    "/my/requests/<int:request_id>": {
        "kind": "get",
        "path": lambda t: {"request_id": t.request_a.id},
        "params": lambda t: {
            "access_token": t.request_a.access_token,
            "report_type": "html",
            "report": "acknowledgement",
            "download": "false",
        },
    },
    "/my/requests/new": {
        "kind": "post",
        "params": lambda t: {"service_type_id": str(t.service.id), "description": "Food basket"},
        "files": lambda t: {f"document_{t.doc_id.id}": ("id.png", PNG_BYTES, "image/png")},
    },
    "/my/requests/<int:request_id>/sign": {
        "kind": "json",
        "path": lambda t: {"request_id": t.request_to_sign.id},
        "params": lambda t: {
            "access_token": t.request_to_sign.access_token,
            "name": t.beneficiary_a.name,
            "signature": PNG.decode(),
        },
    },
    "/my/requests/<int:request_id>/upload": {
        "kind": "post",
        "path": lambda t: {"request_id": t.request_a.id},
        "params": lambda t: {
            "access_token": t.request_a.access_token,
            "document_id": str(t.request_a.document_ids[1].id),
        },
        "files": lambda t: {"file": ("register.png", PNG_BYTES, "image/png")},
    },
    "/my/complaints": {"kind": "get", "params": lambda t: {"sortby": "state"}},
    "/my/complaints/page/<int:page>": {
        "kind": "get",
        "path": lambda t: {"page": 1},
        "params": lambda t: {"sortby": "date"},
    },
    "/my/complaints/<int:complaint_id>": {
        "kind": "get",
        "path": lambda t: {"complaint_id": t.complaint_a.id},
        "params": lambda t: {
            "access_token": t.complaint_a.access_token,
            "report_type": "html",
            "report": "acknowledgement",
            "download": "false",
        },
    },
    "/my/complaints/new": {
        "kind": "post",
        "params": lambda t: {
            "category_id": str(t.complaint_category.id),
            "subject": "Late answer",
            "description": "Still waiting",
            "website_url": "",
        },
    },
    "/complaint": {
        "kind": "post",
        "params": lambda t: {
            "category_id": str(t.public_category.id),
            "subject": "A question",
            "description": "When do you open?",
            "contact_name": "A visitor",
            "contact_email": "visitor@example.com",
            "contact_mobile": "0551239876",
            "website_url": "",
        },
    },
    "/my/beneficiary": {"kind": "get"},
    "/my/beneficiary/data-request": {
        "kind": "post",
        "params": lambda t: {"request_type": "correction", "description": "My mobile changed"},
    },
    "/my/beneficiary/consent/withdraw": {"kind": "post"},
    "/my/beneficiary/export": {"kind": "get"},
    "/my/programs": {
        "kind": "get",
        "params": lambda t: {"sortby": "program", "registered": str(t.registration_a.id)},
    },
    "/my/programs/page/<int:page>": {
        "kind": "get",
        "path": lambda t: {"page": 1},
        "params": lambda t: {"sortby": "status", "registered": str(t.registration_a.id)},
    },
    "/my/programs/<int:program_id>": {
        "kind": "get",
        "path": lambda t: {"program_id": t.open_program.id},
    },
    "/my/programs/<int:program_id>/register": {
        "kind": "post",
        "path": lambda t: {"program_id": t.open_program.id},
        "params": lambda t: {
            "beneficiary_id": str(t.beneficiary_a.id),
            "mobile": "0551234567",
            "guardian_name": "Guardian",
            "guardian_phone": "0559876543",
            "guardian_relation": "father",
            "motivation": "To learn",
        },
        "files": lambda t: {"id_copy": ("id.png", PNG_BYTES, "image/png")},
    },
    "/my/programs/registration/<int:registration_id>/receipt": {
        "kind": "get",
        "path": lambda t: {"registration_id": t.registration_a.id},
        "params": lambda t: {"download": "true"},
    },
    "/my/programs/<int:program_id>/report": {
        "kind": "get",
        "path": lambda t: {"program_id": t.open_program.id},
    },
    "/apply": {
        "kind": "post",
        "params": lambda t: {
            "service_type_id": str(t.application_service.id),
            "name": "A new applicant",
            "national_id": t.applicant_id,
            "mobile": "0557770000",
            "city": "Riyadh",
            "email": "applicant@example.com",
            "category_id": str(t.category_b.id),
            "description": "A basket for the family",
            "consent": "1",
            "website_url": "",
        },
        "files": lambda t: {f"document_{t.doc_id.id}": ("id.png", PNG_BYTES, "image/png")},
    },
    "/my/works": {"kind": "get", "params": lambda t: {"sortby": "title"}},
    "/my/works/page/<int:page>": {
        "kind": "get",
        "path": lambda t: {"page": 1},
        "params": lambda t: {"sortby": "status"},
    },
    "/my/works/<int:work_id>/withdraw": {
        "kind": "post",
        "path": lambda t: {"work_id": t.work_a.id},
    },
    "/beneficiary-policy": {"kind": "get"},
    "/beneficiary-policy/pdf": {"kind": "get", "params": lambda t: {"download": "1"}},
    "/beneficiary-policy/document/<int:document_id>": {
        "kind": "get",
        "path": lambda t: {"document_id": t.policy_document.id},
    },
    "/beneficiary-policy/acknowledge/<int:acknowledgment_id>": {
        "kind": "get",
        "path": lambda t: {"acknowledgment_id": t.acknowledgment.id},
        "params": lambda t: {"access_token": t.acknowledgment.access_token},
    },
    "/beneficiary-policy/acknowledge/<int:acknowledgment_id>/sign": {
        "kind": "json",
        "path": lambda t: {"acknowledgment_id": t.acknowledgment.id},
        "params": lambda t: {
            "access_token": t.acknowledgment.access_token,
            "name": "Employee without a login",
            "signature": PNG.decode(),
        },
    },
    "/programs": {"kind": "get"},
    "/programs/page/<int:page>": {"kind": "get", "path": lambda t: {"page": 1}},
    "/programs/<int:program_id>": {"kind": "get", "path": lambda t: {"program_id": t.open_program.id}},
    "/programs/<int:program_id>/report": {"kind": "get", "path": lambda t: {"program_id": t.open_program.id}},
}


def module_routes(env):
    """{URL rule: endpoint} of every route the module's controllers declare with
    ``@http.route``, read from Odoo's routing map (routes of other modules that the
    module's controllers merely inherit are not the module's)."""
    routes = {}
    for rule in env["ir.http"].routing_map().iter_rules():
        method = rule.endpoint.func
        for cls in type(method.__self__).mro():
            routing = getattr(cls.__dict__.get(method.__name__), "original_routing", None)
            if (
                routing
                and rule.rule in routing.get("routes", ())
                and cls.__module__.startswith(f"odoo.addons.{MODULE}.")
            ):
                routes[rule.rule] = rule.endpoint
    return routes


def route_url(rule, path_values):
    """The URL of ``rule`` with its ``<converter:name>`` arguments replaced."""
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(path_values[match.group(1)]), rule)


class PortalIsolationFixtures(ServiceRequestFixtures):
    """Beneficiary A's records of every kind a route reaches, and portal users A and B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service.write({"portal_published": True, "code": "T-ISO"})
        cls.beneficiary_a.write({"state": "active", "birth_date": "1985-03-01"})
        cls.beneficiary_b.write({"state": "active"})
        cls.portal_b = cls._make_portal_user(cls.beneficiary_b, "t_iso_portal_b")
        cls.secret = "Secret-of-A-7731"
        cls.request_a = cls.Request.create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "service_type_id": cls.service.id,
                "channel_id": cls.channel_phone.id,
                "description": f"<p>{cls.secret}</p>",
            }
        )
        cls.request_a.action_submit()
        cls.document_a = cls.request_a.document_ids[0]
        cls.document_a.attachment_ids = [(0, 0, {"name": "id-of-a.png", "datas": PNG})]
        cls.attachment_a = cls.document_a.attachment_ids
        category = cls.env["beneficiary.complaint.category"].create({"name": "Quality", "kind": "complaint"})
        cls.complaint_a = cls.env["beneficiary.complaint"].create(
            {
                "subject": cls.secret,
                "category_id": category.id,
                "channel_id": cls.channel_phone.id,
                "beneficiary_id": cls.beneficiary_a.id,
            }
        )
        cls.complaint_attachment = cls.env["ir.attachment"].create(
            {
                "name": "complaint-of-a.png",
                "datas": PNG,
                "res_model": "beneficiary.complaint",
                "res_id": cls.complaint_a.id,
            }
        )
        program_values = {
            "date_start": PROGRAM_START,
            "date_end": PROGRAM_END,
            "age_min": 7,
            "age_max": 60,
        }
        cls.open_program = cls.env["beneficiary.program"]._workflow_create(
            dict(program_values, name="Open course", state="open")
        )
        cls.draft_program = cls.env["beneficiary.program"].create(
            dict(program_values, name=f"Draft {cls.secret}", state="draft")
        )
        # on the public pages: the open course; never a draft, even marked as announced
        (cls.open_program | cls.draft_program).write({"website_published": True})
        cls.registration_a = cls.env["beneficiary.program.registration"].create(
            {
                "program_id": cls.open_program.id,
                "beneficiary_id": cls.beneficiary_a.id,
                "guardian_name": "Guardian",
                "guardian_phone": "0559876543",
            }
        )
        cls.registration_a._workflow_write(
            {"receipt_number": "RV/2026/7731", "receipt_date": fields.Date.today(), "receipt_amount": 150.0}
        )
        # a work of A the association publishes with A's consent
        cls.env["beneficiary.consent"].create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "purpose_id": cls.env.ref("beneficiary_relations.consent_purpose_intellectual_property").id,
                "date": "2026-01-01 08:00:00",
            }
        )
        cls.work_a = cls.env["beneficiary.published.work"].create(
            {
                "name": f"Portrait {cls.secret}",
                "beneficiary_id": cls.beneficiary_a.id,
                "date_published": "2026-02-01",
                "user_id": cls.officer_a.id,
            }
        )
        cls.work_a.action_publish()
        # tokens as they were mailed to A, then renewed: the old ones are stale
        cls.stale = {}
        for record in (cls.request_a, cls.complaint_a):
            cls.stale[record] = record._portal_ensure_token()
            record.access_token = str(uuid.uuid4())
        # what the other routes need: a request waiting for A's signature, a category
        # for A's complaints and one for visitors
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_iso_portal_a")
        cls.signed_service = cls.env["beneficiary.service.type"].create(
            {
                "name": "Signed support",
                "code": "T-ISO-SIGN",
                "declaration_required": True,
                "declaration_text": "<p>I declare my answers are true.</p>",
            }
        )
        cls.request_to_sign = cls.Request.create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "service_type_id": cls.signed_service.id,
                "channel_id": cls.env.ref("beneficiary_relations.channel_portal").id,
                "description": "<p>To sign</p>",
            }
        )
        cls.request_to_sign._portal_ensure_token()
        cls.complaint_category = category
        cls.public_category = cls.env.ref("beneficiary_relations.complaint_category_service")
        # the public application page of the website's association (the main company)
        cls.application_service = cls.env["beneficiary.service.type"].create(
            {
                "name": "Application service",
                "code": "T-ISO-APPLY",
                "company_id": cls.env.ref("base.main_company").id,
                "application_published": True,
                "document_type_ids": [(6, 0, cls.doc_id.ids)],
            }
        )
        cls.applicant_id = make_id(50000001)
        # an employee without a login, asked to sign the association's current policy
        policy = cls.env["beneficiary.policy"].create({"approval_date": "2026-01-05"})
        # its services guide is public; its bylaws are internal (and hold A's secret here)
        cls.policy_document, cls.internal_policy_document = cls.env["beneficiary.policy.document"].create(
            [
                {
                    "policy_id": policy.id,
                    "kind": "services_guide",
                    "name": "Services guide",
                    "file": base64.b64encode(b"The services of the association"),
                    "file_name": "guide.txt",
                },
                {
                    "policy_id": policy.id,
                    "kind": "bylaws",
                    "name": "Bylaws",
                    "file": base64.b64encode(cls.secret.encode()),
                    "file_name": "bylaws.txt",
                },
            ]
        )
        policy.with_user(cls.manager).action_approve()
        cls.acknowledgment = cls.env["beneficiary.policy.acknowledgment"].create(
            {"policy_id": policy.id, "employee_name": "Employee without a login"}
        )

    # ------------------------------------------------------------------ calling a route
    def _csrf(self):
        """A CSRF token of the current session (visitor or logged in)."""
        return CSRF_RE.search(self.url_open("/complaint").text).group(1)

    def _call(self, rule, path, params, files=None, csrf=None):
        """Call ``rule`` as ROUTES describes it, with these values."""
        kind = ROUTES[rule]["kind"]
        url = route_url(rule, path)
        if kind == "json":
            payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
            return self.url_open(
                url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
            )
        if kind == "get":
            query = urlencode(params)
            return self.url_open(f"{url}?{query}" if query else url)
        return self.url_open(url, data=dict(params, csrf_token=csrf), files=files or None)

    def _assert_answered(self, response, what):
        """A page, a redirection or a clear refusal: never a server error, nor a JSON-RPC
        error (which is how Odoo reports a crash of a JSON route)."""
        self.assertLess(response.status_code, 500, f"{what}: server error")
        if response.headers.get("Content-Type", "").startswith("application/json"):
            body = response.json()
            if isinstance(body, dict) and "jsonrpc" in body:
                self.assertNotIn("error", body, f"{what}: {body.get('error')}")


@tagged("post_install", "-at_install")
class TestPortalIsolation(PortalIsolationFixtures, HttpCase):
    def test_every_route_is_listed(self):
        """A route the module declares must be described in ROUTES: it is then tried by
        visitors, by another beneficiary and with hostile input (TestHostileRoutes)."""
        routes = set(module_routes(self.env))
        self.assertGreaterEqual(len(routes), 20, "the module's routes are found")
        self.assertFalse(routes - set(ROUTES), "routes missing from ROUTES (describe them there)")
        self.assertFalse(set(ROUTES) - routes, "ROUTES lists routes the module no longer has")

    def _try_every_route(self, who):
        """Every route of the module called with A's ids and A's values, A's access tokens
        replaced by stale ones: nothing of A shows, nothing is written for A."""
        counts = self._counts_of_a()
        csrf = self._csrf()
        stale = {record.access_token: token for record, token in self.stale.items()}
        for rule, spec in ROUTES.items():
            path = spec.get("path", NOTHING)(self)
            params = spec.get("params", NOTHING)(self)
            if "access_token" in params:
                params["access_token"] = stale.get(params["access_token"], "forged-token")
            files = spec.get("files", NOTHING)(self)
            with self.subTest(who=who, rule=rule):
                response = self._call(rule, path, params, files, csrf)
                self._assert_answered(response, f"{who}: {rule}")
                for secret in (self.secret, self.request_a.name, self.complaint_a.name, "RV/2026/7731"):
                    self.assertNotIn(secret, response.text, f"{who}: {rule} shows A's data")
                self.assertNotIn(self.beneficiary_a.national_id, response.text)
        self._assert_nothing_written()
        self.assertEqual(self._counts_of_a(), counts, f"{who} wrote nothing for A")

    def _counts_of_a(self):
        domain = [("beneficiary_id", "=", self.beneficiary_a.id)]
        return {
            model: self.env[model].search_count(domain)
            for model in (
                "beneficiary.service.request",
                "beneficiary.complaint",
                "beneficiary.data.request",
                "beneficiary.program.registration",
                "beneficiary.consent",
            )
        } | {"request to sign": bool(self.request_to_sign.declaration_signed_on)}

    def _read_urls(self):
        request, complaint = self.request_a, self.complaint_a
        urls = []
        for base, record in (
            (f"/my/requests/{request.id}", request),
            (f"/my/complaints/{complaint.id}", complaint),
        ):
            urls += [
                base,
                f"{base}?access_token=forged-token",
                f"{base}?access_token={self.stale[record]}",
                f"{base}?access_token={record.access_token[:-1]}",
                f"{base}?report_type=pdf&report=summary",
                f"{base}?report_type=html&report=acknowledgement",
            ]
        urls += [
            f"/my/requests/{MISSING_ID}",
            f"/my/complaints/{MISSING_ID}",
            f"/my/complaints/{MISSING_ID}?access_token=forged-token",
            "/my/requests",
            "/my/complaints",
            "/my/beneficiary",
            "/my/beneficiary/export",
            "/my/works",
            "/my/programs",
            f"/my/programs/{self.draft_program.id}",
            f"/my/programs/{MISSING_ID}",
            f"/my/programs/{self.draft_program.id}/report",
            f"/my/programs/{MISSING_ID}/report",
            f"/my/programs/registration/{self.registration_a.id}/receipt",
            f"/my/programs/registration/{MISSING_ID}/receipt",
            "/my/requests/new",
            "/my/complaints/new",
            "/complaint",
            "/apply",
            f"/apply?service_type_id={self.application_service.id}",
            "/beneficiary-policy",
            "/programs",
            f"/programs/{self.draft_program.id}",
            f"/programs/{self.draft_program.id}/report",
            f"/programs/{MISSING_ID}",
            f"/beneficiary-policy/acknowledge/{self.acknowledgment.id}",
            f"/beneficiary-policy/acknowledge/{self.acknowledgment.id}?access_token=forged-token",
            f"/beneficiary-policy/document/{self.internal_policy_document.id}",
            f"/beneficiary-policy/document/{MISSING_ID}",
        ]
        return urls

    def _assert_no_leak(self, who):
        for url in self._read_urls():
            with self.subTest(who=who, url=url):
                response = self.url_open(url)
                self.assertLess(response.status_code, 500, f"{who}: {url}")
                for secret in (self.secret, self.request_a.name, self.complaint_a.name, "RV/2026/7731"):
                    self.assertNotIn(secret, response.text, f"{who}: {url} shows A's data")
                self.assertNotIn(self.beneficiary_a.national_id, response.text)
        for attachment in (self.attachment_a, self.complaint_attachment):
            for url in (
                f"/web/content/{attachment.id}",
                f"/web/content/{attachment.id}?download=true",
                f"/web/content/{attachment.id}?access_token=forged-token",
                f"/web/image/{attachment.id}",
            ):
                with self.subTest(who=who, url=url):
                    response = self.url_open(url)
                    self.assertLess(response.status_code, 500, f"{who}: {url}")
                    self.assertNotEqual(response.content, PNG_BYTES, f"{who}: {url} serves A's file")

    def _assert_nothing_written(self):
        self.env.invalidate_all()
        self.assertFalse(self.request_a.document_ids[1:].attachment_ids, "no file slipped into A's request")
        self.assertFalse(self.request_a.declaration_signed_on, "A's declaration is not signed by others")
        self.assertEqual(
            self.env["beneficiary.program.registration"].search_count(
                [("beneficiary_id", "=", self.beneficiary_a.id)]
            ),
            1,
            "nobody registered A",
        )
        self.assertEqual(self.work_a.state, "published", "nobody asked the withdrawal of A's work")

    def _try_writes(self, who, csrf):
        request = self.request_a
        for token in (None, "forged-token", self.stale[request]):
            data = {"csrf_token": csrf, "document_id": request.document_ids[1].id}
            if token:
                data["access_token"] = token
            response = self.url_open(
                f"/my/requests/{request.id}/upload",
                data=data,
                files={"file": ("intrusion.png", PNG_BYTES, "image/png")},
            )
            self.assertLess(response.status_code, 500, who)
            result = self.make_jsonrpc_request(
                f"/my/requests/{request.id}/sign",
                {"name": "Intruder", "signature": PNG.decode(), "access_token": token},
            )
            self.assertIn("error", result, who)
        response = self.url_open(
            f"/my/programs/{self.open_program.id}/register",
            data={"csrf_token": csrf, "beneficiary_id": self.beneficiary_a.id, "guardian_name": "Intruder"},
        )
        self.assertLess(response.status_code, 500, who)
        self._assert_nothing_written()

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_visitor_gets_nothing_of_a(self):
        self._assert_no_leak("visitor")
        for url in ("/my/requests", "/my/beneficiary", "/my/beneficiary/export", "/my/programs"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])
        csrf = CSRF_RE.search(self.url_open("/complaint").text).group(1)
        self._try_writes("visitor", csrf)
        self._try_every_route("visitor")

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_other_beneficiary_gets_nothing_of_a(self):
        self.authenticate("t_iso_portal_b", "t_iso_portal_b")
        self._assert_no_leak("portal B")
        csrf = CSRF_RE.search(self.url_open("/my/requests").text).group(1)
        self._try_writes("portal B", csrf)
        self._try_every_route("portal B")
        # B's own pages list B's things only
        self.assertIn(self.beneficiary_b.name, self.url_open("/my/beneficiary").text)

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_reassigned_records_renew_their_links(self):
        """A request or a complaint moved to another beneficiary: the links mailed to the
        first one (access token, rating link) show nothing and accept nothing, and the
        first one stops following it."""
        request = self._new_request()
        request.action_submit()
        request.message_subscribe(partner_ids=self.beneficiary_a.partner_id.ids)
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "Moved complaint",
                "category_id": self.complaint_category.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        old = {record: record._portal_ensure_token() for record in (request, complaint)}
        rating_token = request._portal_rating_token()
        # a manager corrects the files: both records were B's
        request.with_user(self.manager).beneficiary_id = self.beneficiary_b
        complaint.with_user(self.manager).beneficiary_id = self.beneficiary_b
        for record in (request, complaint):
            with self.subTest(record=record._name):
                self.assertNotEqual(record._portal_ensure_token(), old[record], "a new link for B")
                page = self.url_open(f"{record.access_url}?access_token={old[record]}")
                self.assertNotIn(record.name, page.text, "A's link shows nothing")
                self.assertIn(record.name, self.url_open(record.get_portal_url()).text, "B's link works")
        self.assertNotIn(self.beneficiary_a.partner_id, request.message_partner_ids, "A no longer follows it")
        response = self.url_open(
            f"/my/requests/{request.id}/upload",
            data={
                "csrf_token": self._csrf(),
                "access_token": old[request],
                "document_id": request.document_ids[1].id,
            },
            files={"file": ("intrusion.png", PNG_BYTES, "image/png")},
        )
        self.assertLess(response.status_code, 500)
        self.assertFalse(request.document_ids[1].attachment_ids, "A's link accepts no upload")
        self.assertEqual(self.url_open(f"/rate/{rating_token}/1").status_code, 404, "A's rating link is gone")
        # the partner of an unlinked complaint changes too
        complaint.with_user(self.manager).beneficiary_id = False
        self.assertEqual(complaint.partner_id, self.beneficiary_b.partner_id)
        token = complaint._portal_ensure_token()
        complaint.with_user(self.manager).partner_id = self.beneficiary_a.partner_id
        self.assertNotEqual(complaint._portal_ensure_token(), token)
