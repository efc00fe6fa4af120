"""Text messages to beneficiaries: their length in SMS segments, WhatsApp click-to-chat
links, and the requests of a generic HTTP SMS gateway (no Odoo import).

An SMS carries 160 characters of the GSM 7-bit alphabet, or 70 characters in UCS-2 as
soon as one character is outside it (Arabic always is); a longer text is split into
parts of 153 (GSM) or 67 (UCS-2) characters, each billed as one SMS.

The HTTP gateway is the association's SMS provider (Unifonic, Msegat, Taqnyat...),
described by its address, its method and a request template whose placeholders are
filled for each SMS: ``{number}`` (international digits, 9665XXXXXXXX), ``{number_e164}``
(+9665XXXXXXXX), ``{message}``, ``{sender}``, ``{username}`` and ``{password}``. Values are
escaped for where they land (JSON string, form or query parameter), so that no message
breaks the request or adds a parameter of its own."""

import json
import math
import re
from urllib.parse import quote, quote_plus

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")  # two septets each
SINGLE = {"gsm7": 160, "ucs2": 70}
PART = {"gsm7": 153, "ucs2": 67}

HTTP_METHODS = ("post_json", "post_form", "get")
PLACEHOLDERS = ("number", "number_e164", "message", "sender", "username", "password")
_PLACEHOLDER_RE = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
# gateway answers, named as Odoo's SMS service (IAP) names its own
SUCCESS = "success"
SERVER_ERROR = "server_error"
UNREGISTERED = "unregistered"
INSUFFICIENT_CREDIT = "insufficient_credit"
UNKNOWN = "unknown"
REASON_LIMIT = 300


class GatewayConfigError(ValueError):
    """The gateway's settings cannot make a request (no address, broken template)."""


# ---------------------------------------------------------------------- length
def sms_encoding(text):
    """``"gsm7"`` when every character of ``text`` is in the GSM 7-bit alphabet, else
    ``"ucs2"``."""
    return "gsm7" if all(char in GSM7_BASIC or char in GSM7_EXTENDED for char in text or "") else "ucs2"


def sms_length(text):
    """The length of ``text`` as the network counts it: septets in GSM 7-bit (extended
    characters take two), UTF-16 code units in UCS-2 (an emoji takes two)."""
    text = text or ""
    if sms_encoding(text) == "gsm7":
        return len(text) + sum(1 for char in text if char in GSM7_EXTENDED)
    return len(text.encode("utf-16-le")) // 2


def sms_segments(text):
    """How many SMS ``text`` is sent as (0 for an empty text)."""
    length = sms_length(text)
    if not length:
        return 0
    encoding = sms_encoding(text)
    if length <= SINGLE[encoding]:
        return 1
    return math.ceil(length / PART[encoding])


# ---------------------------------------------------------------------- WhatsApp
def international_digits(number):
    """The digits of an international number (``+966 55 123 4567`` gives
    ``966551234567``), as wa.me links and Saudi gateways want it."""
    digits = re.sub(r"\D", "", number or "")
    return digits[2:] if digits.startswith("00") else digits


def whatsapp_url(number, text):
    """The click-to-chat link opening WhatsApp on ``number`` with ``text`` typed in."""
    digits = international_digits(number)
    if not digits:
        return ""
    url = f"https://wa.me/{digits}"
    return f"{url}?text={quote(text, safe='')}" if text else url


# ---------------------------------------------------------------------- HTTP gateway
def _escape(value, how):
    value = "" if value is None else str(value)
    if how == "json":
        return json.dumps(value, ensure_ascii=False)[1:-1]
    if how == "form":
        return quote_plus(value)
    return value


def fill_template(template, values, how="plain"):
    """``template`` with its placeholders replaced by ``values`` escaped for ``how``
    (``json``: inside a JSON string; ``form``: a form or query value; ``plain``: as is).
    Braces that are no placeholder (a JSON object's) are kept."""
    return _PLACEHOLDER_RE.sub(lambda match: _escape(values.get(match.group(1)), how), template or "")


def build_request(config, number, message):
    """The HTTP request sending ``message`` to ``number`` through the gateway ``config``
    (a dict: ``url``, ``method`` one of ``HTTP_METHODS``, ``body`` the request template,
    ``auth_header`` the Authorization header's template, ``sender``, ``username``,
    ``password``), as a dict ``method``, ``url``, ``headers``, ``data``."""
    url = (config.get("url") or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        raise GatewayConfigError("The gateway address must start with https:// (or http://).")
    method = config.get("method") or "post_json"
    if method not in HTTP_METHODS:
        raise GatewayConfigError(f"Unknown request method {method!r}.")
    digits = international_digits(number)
    values = {
        "number": digits,
        "number_e164": f"+{digits}" if digits else "",
        "message": message or "",
        "sender": config.get("sender") or "",
        "username": config.get("username") or "",
        "password": config.get("password") or "",
    }
    headers = {}
    auth = fill_template(config.get("auth_header"), values).strip()
    if auth:
        if "\n" in auth or "\r" in auth:
            raise GatewayConfigError("The Authorization header must hold on one line.")
        headers["Authorization"] = auth
    url = fill_template(url, values, "form")
    body = config.get("body") or ""
    data = None
    if method == "get":
        query = fill_template(body, values, "form").strip().lstrip("?&")
        if query:
            url = f"{url}{'&' if '?' in url else '?'}{query}"
    elif method == "post_form":
        data = fill_template(body, values, "form").strip().encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    else:
        data = fill_template(body, values, "json")
        try:
            json.loads(data)
        except ValueError as error:
            raise GatewayConfigError(f"The request template is not valid JSON: {error}") from None
        data = data.encode()
        headers["Content-Type"] = "application/json"
    return {"method": "GET" if method == "get" else "POST", "url": url, "headers": headers, "data": data}


def classify_response(status, text, success_text=""):
    """What the gateway's answer means, as ``(state, reason)``: ``state`` is one of the
    answers Odoo's SMS service gives (``SUCCESS``, ``UNREGISTERED`` for refused
    credentials, ``INSUFFICIENT_CREDIT``, ``SERVER_ERROR``,
    ``UNKNOWN``), ``reason`` a short text for the officer (empty on success).

    An answer is a success when its HTTP status is 2xx and, if ``success_text`` is set,
    when that text is in the answer (some gateways answer 200 with an error code)."""
    excerpt = " ".join((text or "").split())[:REASON_LIMIT]
    reason = f"HTTP {status}: {excerpt}" if excerpt else f"HTTP {status}"
    if 200 <= status < 300:
        if success_text and success_text not in (text or ""):
            return UNKNOWN, reason
        return SUCCESS, ""
    if status in (401, 403):
        return UNREGISTERED, reason
    if status == 402:
        return INSUFFICIENT_CREDIT, reason
    if status >= 500:
        return SERVER_ERROR, reason
    return UNKNOWN, reason
