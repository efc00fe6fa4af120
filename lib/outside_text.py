"""Values sent from outside (portal forms, JSON calls, e-mails) made safe to store and
to show (no Odoo import).

PostgreSQL refuses NUL characters and UTF-8 cannot encode a lone surrogate (a JSON call
may send "\\ud800"): either would end the request in a server error. Explicit bidi
embeddings, overrides and isolates turn what follows them around on an officer's screen
("\\u202egnp.exe" reads "exe.png"). What people really type is kept: letters of every
script, harakat and other combining marks, the zero-width (non-)joiners of Arabic and
Persian, the directional marks LRM and RLM, line breaks and tabs."""

import re
import unicodedata

# C0 controls but tab, line feed and carriage return, and DEL
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
MAX_RECORD_ID = 2**31 - 1  # PostgreSQL's integer
MAX_TOKEN_LENGTH = 128
MAX_FILE_NAME_LENGTH = 120


def plain_text(value):
    """``value`` as text that can be stored and shown: "" for anything but a string
    (a JSON call may send a number, a list or an object), lone surrogates replaced by
    U+FFFD, control characters and bidi overrides removed."""
    if not isinstance(value, str):
        return ""
    value = _SURROGATES.sub("\ufffd", value)
    value = _CONTROLS.sub("", value)
    return _BIDI_CONTROLS.sub("", value)


def file_name(value, default="file"):
    """The name of an uploaded file as it may be stored: no folders, no invisible or
    control characters (which can disguise ``exe`` as ``png``), no leading dots, at most
    ``MAX_FILE_NAME_LENGTH`` characters with its extension kept."""
    name = plain_text(value).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"))
    name = " ".join(name.split()).lstrip(".").strip()
    if len(name) > MAX_FILE_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) <= 10:
            name = stem[: MAX_FILE_NAME_LENGTH - len(extension) - 1].rstrip() + "." + extension
        else:
            name = name[:MAX_FILE_NAME_LENGTH]
    return name or default


def record_id(value):
    """The database id written in ``value`` (an integer, or ASCII digits), or None when
    it is anything else: "²" and "١٢" are digits to ``str.isdigit`` but not ids, and
    PostgreSQL's integer ends at 2**31 - 1."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not (value.isascii() and value.isdecimal() and len(value) <= 10):
            return None
        value = int(value)
    if not isinstance(value, int) or not 0 < value <= MAX_RECORD_ID:
        return None
    return value


def access_token(value):
    """``value`` when it can be an access token (printable ASCII, not absurdly long),
    else None: a token in any other shape cannot match, and comparing it in constant
    time would fail on non-ASCII text."""
    if (
        isinstance(value, str)
        and 0 < len(value) <= MAX_TOKEN_LENGTH
        and value.isascii()
        and value.isprintable()
    ):
        return value
    return None
