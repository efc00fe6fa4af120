"""Reading back the text of the module's PDF reports, for tests.

wkhtmltopdf writes Arabic as shaped glyphs: ``pdftotext`` (poppler-utils) gives them
back as Arabic presentation forms (``ﻣﻠﺨﺺ`` for ``ملخص``, ``ﷲ`` for ``الله``) wrapped in
bidi embedding marks. With the module's font (Noto Sans Arabic, see
static/src/scss/report.scss) Arabic words come back whole and in logical order, but a
line mixing Arabic and numbers comes back in pieces, reordered by the bidi algorithm:
``12/03/1984 م، الموافق 10 جمادى الآخرة 1404 هـ`` is read as
``1404 ه 12/03/1984م ،الموافق 10جمادى الآخرة``.

So ``normalize_text`` folds the forms back with NFKC and drops the bidi marks, and
``text_contains`` finds a phrase either as it is (in logical or visual order), or as
all its words and numbers within a window a few tokens wider than the phrase, in any
order. ``text_contains`` is strict enough for "not contains" checks of sensitive data:
a phrase is reported absent only when none of its words come together anywhere.
"""

import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter

_BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None
)
_SPACED_HARAKAH = re.compile(r"\s+([\u064b-\u065f])")
_TOKEN = re.compile(r"\d+(?:[/.:,]\d+)*|[^\W\d_]+")
WINDOW_SLACK = 4


def normalize_text(text):
    """NFKC (presentation forms -> letters), no bidi marks, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(_BIDI_MARKS)
    # NFKC turns an isolated harakah form (U+FE70 for ـً) into a space and the mark
    text = _SPACED_HARAKAH.sub(r"\1", text)
    return " ".join(text.split())


def pdf_to_text(pdf):
    """The normalised text of a PDF (bytes), through ``pdftotext``."""
    if not shutil.which("pdftotext"):
        raise AssertionError("pdftotext (Debian package poppler-utils) is needed to read the PDF reports")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf_file.name, "-"], capture_output=True, check=True, timeout=60
        )
    return normalize_text(result.stdout.decode())


def pdf_pages_text(pdf):
    """The normalised text of each page of a PDF (bytes)."""
    if not shutil.which("pdftotext"):
        raise AssertionError("pdftotext (Debian package poppler-utils) is needed to read the PDF reports")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf_file.name, "-"], capture_output=True, check=True, timeout=60
        )
    pages = result.stdout.decode().split("\f")
    return [normalize_text(page) for page in pages if page.strip()]


def _variants(phrase):
    phrase = normalize_text(phrase)
    words = phrase.split()
    return {phrase, " ".join(reversed(words)), phrase[::-1], " ".join(word[::-1] for word in words)}


def tokens(text):
    """Words and numbers of a text, tatweel removed (``هـ`` and ``ه`` are one token)."""
    return _TOKEN.findall(normalize_text(text).replace("\u0640", ""))


def text_contains(text, phrase):
    """True when ``phrase`` is in ``text`` as it is, in visual order, or as all its
    tokens within a window of ``len(phrase) + WINDOW_SLACK`` tokens."""
    if any(variant in text for variant in _variants(phrase)):
        return True
    wanted = Counter(tokens(phrase))
    if not wanted:
        return False
    text_tokens = tokens(text)
    size = sum(wanted.values()) + WINDOW_SLACK
    return any(not wanted - Counter(text_tokens[start : start + size]) for start in range(len(text_tokens)))


class ReportCaseMixin:
    """Render a report as a given user into a real PDF and read its text.

    Use with an HttpCase: wkhtmltopdf loads the report's CSS from the test server that
    HttpCase runs (``web.base.url``), so the PDF has the module's fonts and layout."""

    def render_pdf_text(self, report_ref, records, user=None, data=None):
        return pdf_to_text(self.render_pdf(report_ref, records, user=user, data=data))

    def render_pdf(self, report_ref, records, user=None, data=None):
        """The PDF (bytes) of a report, as wkhtmltopdf makes it."""
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        pdf, report_format = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report_ref, records.ids, data=data
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf produced a PDF")
        return pdf

    def render_html(self, report_ref, records, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        html, _format = Report._render_qweb_html(report_ref, records.ids)
        return normalize_text(html.decode())

    def assertTextContains(self, text, *phrases):
        for phrase in phrases:
            self.assertTrue(text_contains(text, phrase), f"{phrase!r} not found in the report text:\n{text}")

    def assertTextNotContains(self, text, *phrases):
        for phrase in phrases:
            self.assertFalse(text_contains(text, phrase), f"{phrase!r} found in the report text:\n{text}")
