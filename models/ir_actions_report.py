from odoo import models

from ..lib import rtl_words

# the right-to-left pages of the module's reports (report_document_layout)
RTL_PAGES = '//*[contains(concat(" ", normalize-space(@class), " "), " o_br_report ")][@dir="rtl"]'


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _prepare_html(self, html, report_model=False):
        """Before wkhtmltopdf lays out the module's Arabic pages, put each Arabic word
        in an element of its own: Debian's build neither wraps nor aligns Arabic runs
        otherwise (see lib/rtl_words.py). HTML previews are left as they are."""
        if (self.report_name or "").startswith("beneficiary_relations."):
            html = rtl_words.wrap_words_html(html, RTL_PAGES)
        return super()._prepare_html(html, report_model=report_model)
