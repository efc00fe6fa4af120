"""The association's own SMS provider, plugged in under Odoo's SMS queue, against a real
HTTP server on 127.0.0.1 started by the test: every SMS of the database takes this road
once it is chosen, with Odoo's states, failure types and retries."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from odoo.tests import tagged
from odoo.tests.common import _super_send

from .common_notification import NotificationCase

MSEGAT_LIKE = (
    '{"userName": "{username}", "numbers": "{number}", "userSender": "{sender}", '
    '"apiKey": "{password}", "msg": "{message}"}'
)


class GatewayHandler(BaseHTTPRequestHandler):
    """A provider: /ok accepts, /down fails, /slow never answers in time, /auth checks the
    bearer token, /soft answers 200 with an error code."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
        path = urlsplit(self.path).path
        if path == "/slow":
            self.server.release.wait(20)
        status, text = 200, '{"code": "1", "message": "Success"}'
        if path == "/down":
            status, text = 503, "Service Unavailable"
        elif path == "/auth" and self.headers.get("Authorization") != "Bearer good-key":
            status, text = 401, '{"message": "Invalid API key"}'
        elif path == "/soft":
            text = '{"code": "M0002", "message": "Invalid login info"}'
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(text.encode())
        except OSError:  # the client gave up (timeout)
            self.close_connection = True

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestSmsHttpGateway(NotificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), GatewayHandler)
        cls.server.received = []
        cls.server.release = threading.Event()
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.addClassCleanup(cls.server.release.set)
        cls.base_url = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # the test's own gateway: its timeout as configured (Odoo raises short ones to 10 s)
        if urlsplit(r.url).hostname == "127.0.0.1":
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def setUp(self):
        super().setUp()
        self.server.received.clear()
        self.server.release.clear()
        self.addCleanup(self.server.release.set)
        self._configure("/ok")
        self.beneficiary_a.preferred_channel_id = self.channels["sms"]
        # the demo data's SMS wait in the queue too (no gateway was chosen): not these tests'
        self.env["sms.sms"].sudo().search([("state", "=", "outgoing")]).state = "canceled"

    def _configure(self, path, **values):
        params = {
            "provider": "http",
            "http_url": self.base_url + path,
            "http_method": "post_json",
            "http_body": MSEGAT_LIKE,
            "http_sender": "Jameya",
            "http_username": "association",
            "http_password": "good-key",
            "http_auth_header": "",
            "http_success_text": "",
            "http_timeout": "1",
        }
        params.update(values)
        for key, value in params.items():
            self.env["ir.config_parameter"].sudo().set_param(f"beneficiary_relations.sms_{key}", value)

    def _queued_sms(self):
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        return request, log, self._sms_of(log)

    def test_success(self):
        request, log, sms = self._queued_sms()
        self.env["sms.sms"].sudo()._process_queue()
        [received] = self.server.received
        payload = json.loads(received["body"])
        self.assertEqual(payload["numbers"], "966551234567")
        self.assertEqual(
            (payload["userSender"], payload["userName"], payload["apiKey"]),
            ("Jameya", "association", "good-key"),
        )
        self.assertIn(request.name, payload["msg"])
        self.assertEqual(received["headers"]["Content-Type"], "application/json")
        self.assertEqual(
            (sms.state, sms.to_delete), ("pending", True), "sent, as Odoo marks an SMS its gateway took"
        )
        self.assertEqual(log.mail_notification_id.notification_status, "pending")
        self.assertEqual(log.state, "sent")
        self.assertFalse(request.activity_ids.filtered(lambda a: "not delivered" in (a.summary or "")))

    def test_http_error_fails_the_sms_and_the_officer_is_told(self):
        self._configure("/down")
        request, log, sms = self._queued_sms()
        sms.send()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_server"))
        self.assertEqual(log.state, "failed")
        self.assertIn("503", log.failure_reason)
        activity = request.activity_ids.filtered(lambda a: "not delivered" in (a.summary or ""))
        self.assertEqual(activity.user_id, self.officer_a)
        # Odoo's resend takes the same road, and succeeds once the provider is back
        self._configure("/ok")
        sms.resend_failed()
        self.assertEqual(sms.state, "pending")
        self.assertEqual(log.state, "sent")

    def test_timeout(self):
        self._configure("/slow")
        _request, log, sms = self._queued_sms()
        sms.send()
        self.server.release.set()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_server"))
        self.assertEqual(log.state, "failed")
        self.assertIn("did not answer within 1", log.failure_reason)

    def test_bad_credentials(self):
        self._configure("/auth", http_auth_header="Bearer {password}", http_password="wrong-key")
        _request, log, sms = self._queued_sms()
        sms.send()
        self.assertEqual(self.server.received[0]["headers"]["Authorization"], "Bearer wrong-key")
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_acc"))
        self.assertIn("Invalid API key", log.failure_reason)
        # a gateway answering 200 to an error is read through its success text
        self._configure("/soft", http_success_text='"code": "1"')
        _request, log, sms = self._queued_sms()
        sms.send()
        self.assertEqual((sms.state, log.state), ("error", "failed"))
        self.assertIn("Invalid login info", log.failure_reason)

    def test_form_gateway_and_every_sms_of_odoo(self):
        """Unifonic-like form fields; an SMS Odoo sends by itself (the SMS composer) takes
        the same gateway."""
        self._configure(
            "/ok",
            http_method="post_form",
            http_body="AppSid={password}&SenderID={sender}&Recipient={number}&Body={message}",
        )
        composer = self.env["sms.composer"].create(
            {
                "composition_mode": "numbers",
                "numbers": "+966551234567",
                "body": "رسالة تجريبية & test",
            }
        )
        composer.action_send_sms()
        [received] = self.server.received
        self.assertEqual(received["headers"]["Content-Type"], "application/x-www-form-urlencoded")
        fields = parse_qs(received["body"].decode())
        self.assertEqual(fields["Body"], ["رسالة تجريبية & test"])
        self.assertEqual(fields["Recipient"], ["966551234567"])

    def test_every_step_of_a_request_reaches_a_mobile_only_beneficiary(self):
        beneficiary = self._beneficiary()
        request = self._new_request(beneficiary=beneficiary)
        request.action_submit()
        request.action_ask_missing_documents()
        self._bring_to(request, "delivered")
        self.env["sms.sms"].sudo()._process_queue()
        payloads = [json.loads(received["body"]) for received in self.server.received]
        mine = [payload["msg"] for payload in payloads if payload["numbers"] == "966551112233"]
        self.assertEqual(
            len(mine),
            7,
            "missing documents, acknowledgement, referral, decision, registration, delivery, rating",
        )
        self.assertTrue(all(request.name in text for text in mine[:-1]))
        logs = self._logs(request)
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        self.assertEqual(set(logs.mapped("channel")), {"sms"})
