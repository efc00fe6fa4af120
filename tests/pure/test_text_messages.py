import json
import unittest
from urllib.parse import parse_qs, urlsplit

import _lib  # noqa: F401
from br_lib.text_messages import (
    SERVER_ERROR,
    SUCCESS,
    UNKNOWN,
    UNREGISTERED,
    GatewayConfigError,
    build_request,
    classify_response,
    fill_template,
    international_digits,
    sms_encoding,
    sms_length,
    sms_segments,
    whatsapp_url,
)
from hypothesis import given
from hypothesis import strategies as st

ARABIC = "تم استكمال طلبكم"
MSEGAT = (
    '{"userName": "{username}", "numbers": "{number}", "userSender": "{sender}", '
    '"apiKey": "{password}", "msg": "{message}"}'
)
CONFIG = {
    "url": "https://sms.example.sa/send",
    "method": "post_json",
    "body": MSEGAT,
    "sender": "Jameya",
    "username": "assoc",
    "password": "s3cret",
}


class TestSmsLength(unittest.TestCase):
    def test_latin_text_is_gsm7_and_arabic_ucs2(self):
        self.assertEqual(sms_encoding("Your request REQ/2026/00001 is complete."), "gsm7")
        self.assertEqual(sms_encoding(ARABIC), "ucs2")
        self.assertEqual(sms_encoding("Price 10€ [x]"), "gsm7")
        self.assertEqual(sms_encoding(""), "gsm7")

    def test_extended_characters_take_two_septets(self):
        self.assertEqual(sms_length("[]"), 4)
        self.assertEqual(sms_length("ab"), 2)
        self.assertEqual(sms_length("😀"), 2, "outside the BMP: two UTF-16 units")

    def test_segments_at_the_limits(self):
        self.assertEqual(sms_segments(""), 0)
        self.assertEqual(sms_segments("a" * 160), 1)
        self.assertEqual(sms_segments("a" * 161), 2)
        self.assertEqual(sms_segments("a" * 306), 2)
        self.assertEqual(sms_segments("a" * 307), 3)
        self.assertEqual(sms_segments("ب" * 70), 1)
        self.assertEqual(sms_segments("ب" * 71), 2)
        self.assertEqual(sms_segments("ب" * 134), 2)
        self.assertEqual(sms_segments("ب" * 135), 3)
        self.assertEqual(sms_segments("a" * 150 + "ب"), 3, "one Arabic letter makes the whole text UCS-2")

    @given(st.text(max_size=500))
    def test_segments_hold_the_text(self, text):
        segments = sms_segments(text)
        encoding = sms_encoding(text)
        capacity = (
            {"gsm7": 160, "ucs2": 70}[encoding]
            if segments <= 1
            else segments * {"gsm7": 153, "ucs2": 67}[encoding]
        )
        self.assertLessEqual(sms_length(text), capacity)
        self.assertEqual(segments == 0, not text)


class TestWhatsapp(unittest.TestCase):
    def test_link_has_the_international_digits_and_the_encoded_text(self):
        url = whatsapp_url("+966551234567", "طلبكم REQ/1 & more?")
        self.assertTrue(url.startswith("https://wa.me/966551234567?text="))
        parts = urlsplit(url)
        self.assertEqual(parse_qs(parts.query)["text"], ["طلبكم REQ/1 & more?"])
        self.assertNotIn(" ", url)

    def test_numbers_and_empty_values(self):
        self.assertEqual(international_digits("00966 55 123 4567"), "966551234567")
        self.assertEqual(whatsapp_url("", "hello"), "")
        self.assertEqual(whatsapp_url("+966551234567", ""), "https://wa.me/966551234567")


class TestHttpGateway(unittest.TestCase):
    def test_json_request_escapes_the_message(self):
        message = 'He said "hi"\n{number} ح'
        request = build_request(CONFIG, "+966551234567", message)
        self.assertEqual(request["method"], "POST")
        self.assertEqual(request["headers"]["Content-Type"], "application/json")
        body = json.loads(request["data"].decode())
        self.assertEqual(body["msg"], message, "quotes, line breaks and braces of the text stay text")
        self.assertEqual(body["numbers"], "966551234567")
        self.assertEqual(body["apiKey"], "s3cret")
        self.assertEqual(body["userSender"], "Jameya")

    def test_form_and_get_requests_cannot_gain_parameters(self):
        config = dict(CONFIG, method="post_form", body="AppSid={password}&Recipient={number}&Body={message}")
        request = build_request(config, "+966551234567", "a&AppSid=stolen=1 ب")
        fields = parse_qs(request["data"].decode())
        self.assertEqual(fields["AppSid"], ["s3cret"])
        self.assertEqual(fields["Body"], ["a&AppSid=stolen=1 ب"])
        config = dict(config, method="get", url="https://sms.example.sa/send?lang=ar")
        request = build_request(config, "+966551234567", "x&y")
        self.assertIsNone(request["data"])
        query = parse_qs(urlsplit(request["url"]).query)
        self.assertEqual(query["lang"], ["ar"])
        self.assertEqual(query["Body"], ["x&y"])

    def test_authorization_header_and_e164_number(self):
        config = dict(
            CONFIG,
            auth_header="Bearer {password}",
            body='{"recipients": ["{number_e164}"], "body": "{message}", "sender": "{sender}"}',
        )
        request = build_request(config, "+966551234567", "hi")
        self.assertEqual(request["headers"]["Authorization"], "Bearer s3cret")
        self.assertEqual(json.loads(request["data"])["recipients"], ["+966551234567"])

    def test_broken_settings_are_refused(self):
        for config in (
            dict(CONFIG, url=""),
            dict(CONFIG, url="ftp://sms.example.sa"),
            dict(CONFIG, method="put"),
            dict(CONFIG, body='{"msg": {message}}'),
            dict(CONFIG, auth_header="Bearer {password}\nX-Other: 1"),
        ):
            with self.subTest(config=config), self.assertRaises(GatewayConfigError):
                build_request(config, "+966551234567", "hi")

    def test_unknown_placeholders_are_kept(self):
        self.assertEqual(fill_template("{a} {number}", {"number": "1"}), "{a} 1")

    def test_answers(self):
        self.assertEqual(classify_response(200, '{"code": "1"}'), (SUCCESS, ""))
        self.assertEqual(classify_response(201, "created", success_text="created"), (SUCCESS, ""))
        state, reason = classify_response(200, '{"code": "M0002", "message": "Invalid login"}', '"code": "1"')
        self.assertEqual(state, UNKNOWN)
        self.assertIn("Invalid login", reason)
        self.assertEqual(classify_response(401, "bad key")[0], UNREGISTERED)
        self.assertEqual(classify_response(403, "")[0], UNREGISTERED)
        self.assertEqual(classify_response(503, "down"), (SERVER_ERROR, "HTTP 503: down"))
        self.assertEqual(classify_response(404, "")[0], UNKNOWN)
        self.assertLessEqual(len(classify_response(500, "x" * 5000)[1]), 320, "the reason stays short")
