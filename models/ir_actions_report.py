import functools
import html as html_lib
import io
import logging
import re
import subprocess

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import api, models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter, merge_pdf

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from ..lib import rtl_words

_logger = logging.getLogger(__name__)

# the right-to-left pages of the module's reports (report_document_layout)
RTL_PAGES = '//*[contains(concat(" ", normalize-space(@class), " "), " o_br_report ")][@dir="rtl"]'
# a body laid out by report_document_layout, and the reference it prints
_ARTICLE = re.compile(r'<div[^>]*class="article o_br_article"[^>]*>')
_REFERENCE = re.compile(r'data-br-reference="([^"]*)"')
_RTL_PAGE = re.compile(r'class="page o_br_report" dir="rtl"')
# paper margins (mm) when the letterhead is in the body: no room kept for a page header
BODY_LETTERHEAD_MARGIN_TOP = 12
BODY_LETTERHEAD_MARGIN_BOTTOM = 16


@functools.cache
def wkhtmltopdf_prints_headers():
    """True when wkhtmltopdf is the build with patched Qt, which prints page headers and
    footers; Debian's build (unpatched Qt) ignores --header-html and --footer-html."""
    try:
        result = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return b"patched qt" in (result.stdout + result.stderr).lower()


def stamp_pages(pdf_content, reference, rtl):
    """Write the reference and «page / pages» at the foot of every page of a PDF, for the
    builds of wkhtmltopdf that print no page footer. Latin letters and digits only: the
    PDF's own text stays Arabic, the stamp needs no shaping."""
    reader = PdfFileReader(io.BytesIO(pdf_content), strict=False)
    count = reader.getNumPages()
    packet = io.BytesIO()
    stamp = canvas.Canvas(packet)
    for index in range(count):
        box = reader.getPage(index).mediaBox
        width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        stamp.setPageSize((width, height))
        stamp.setFont("Helvetica", 7.5)
        stamp.setFillGray(0.35)
        stamp.setStrokeGray(0.7)
        margin, baseline = 18 * mm, 7 * mm
        stamp.line(margin, baseline + 3.5 * mm, width - margin, baseline + 3.5 * mm)
        pages = f"{index + 1} / {count}"
        start, end = (pages, reference or "") if rtl else (reference or "", pages)
        stamp.drawString(margin, baseline, start)
        stamp.drawRightString(width - margin, baseline, end)
        stamp.showPage()
    stamp.save()
    stamps = PdfFileReader(packet, strict=False)
    writer = PdfFileWriter()
    for index in range(count):
        page = reader.getPage(index)
        page.mergePage(stamps.getPage(index))
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _br_letterhead_in_body(self):
        """Whether the module's reports print their letterhead in the body of the first
        page (and stamp the reference and page numbers on every page) rather than as the
        page header: wkhtmltopdf without patched Qt (Debian's) prints no page header."""
        return not wkhtmltopdf_prints_headers()

    def _br_is_module_report(self, report_ref=None):
        report = self._get_report(report_ref) if report_ref else self
        return len(report) == 1 and (report.report_name or "").startswith("beneficiary_relations.")

    def _prepare_html(self, html, report_model=False):
        """Before wkhtmltopdf lays out the module's Arabic pages, put each Arabic word
        in an element of its own: Debian's build neither wraps nor aligns Arabic runs
        otherwise (see lib/rtl_words.py). HTML previews are left as they are. When the
        letterhead is in the body, no paper is kept for a page header or footer."""
        if not self._br_is_module_report():
            return super()._prepare_html(html, report_model=report_model)
        html = rtl_words.wrap_words_html(html, RTL_PAGES)
        result = super()._prepare_html(html, report_model=report_model)
        if result and self._br_letterhead_in_body():
            specific_paperformat_args = result[-1]
            specific_paperformat_args["data-report-margin-top"] = BODY_LETTERHEAD_MARGIN_TOP
            specific_paperformat_args["data-report-margin-bottom"] = BODY_LETTERHEAD_MARGIN_BOTTOM
        return result

    @api.model
    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, **kwargs):
        """The module's reports with the letterhead in the body: one wkhtmltopdf run per
        record, each page stamped with the record's reference and its page number (the
        page footer of the patched build), then one PDF."""
        if not (report_ref and self._br_is_module_report(report_ref) and self._br_letterhead_in_body()):
            return super()._run_wkhtmltopdf(
                bodies, report_ref=report_ref, header=header, footer=footer, **kwargs
            )
        pdfs = []
        for body in bodies:
            pdf = super()._run_wkhtmltopdf([body], report_ref=report_ref, header=None, footer=None, **kwargs)
            if _ARTICLE.search(body):
                reference = _REFERENCE.search(body)
                reference = html_lib.unescape(reference.group(1)) if reference else ""
                pdf = stamp_pages(pdf, reference, rtl=bool(_RTL_PAGE.search(body)))
            pdfs.append(pdf)
        return pdfs[0] if len(pdfs) == 1 else merge_pdf(pdfs)
