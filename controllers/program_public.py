from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request
from odoo.tools import is_html_empty

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..lib.outside_text import record_id

PROGRAMS_PER_PAGE = 12


def published_report_response(program):
    """The published report of ``program`` (the caller checked the user may read it), as
    a PDF shown in the browser. The published copy names no participant: only the
    program's figures leave; printing needs the report's records, read as superuser."""
    report_sudo = request.env["ir.actions.report"].sudo().with_company(program.company_id)
    pdf = report_sudo._render_qweb_pdf(
        "beneficiary_relations.action_report_beneficiary_program",
        [program.id],
        data={"public_version": True, "report_type": "pdf"},
    )[0]
    filename = program._get_report_base_filename()
    return request.make_response(
        pdf,
        headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(f"{filename}.pdf", disposition_type="inline")),
        ],
    )


class ProgramPublic(http.Controller):
    """The association's programs for anyone, without login (policy 002): the programs it
    announces with their conditions, and the published reports. Only programs marked
    *Announced on the Website* and past their draft show; the record rules give visitors
    nothing else to read, and the pages name no participant."""

    def _get_public_program(self, program_id):
        Program = request.env["beneficiary.program"]
        program_id = record_id(program_id)
        if not program_id:
            raise NotFound()
        program = Program.search([("id", "=", program_id), *Program._get_public_domain()], limit=1)
        if not program:
            raise NotFound()
        return program

    @http.route(
        ["/programs", "/programs/page/<int:page>"], type="http", auth="public", website=True, readonly=True
    )
    def public_programs(self, page=1, **kwargs):
        Program = request.env["beneficiary.program"]
        domain = Program._get_public_domain()
        page = record_id(page) or 1
        pager = portal_pager(
            url="/programs",
            total=Program.search_count(domain),
            page=page,
            step=PROGRAMS_PER_PAGE,
        )
        programs = Program.search(
            domain, order="date_start desc, id desc", limit=PROGRAMS_PER_PAGE, offset=pager["offset"]
        )
        values = {
            "programs": programs,
            "pager": pager,
            "program_values": {program.id: program._get_public_values() for program in programs},
        }
        return request.render("beneficiary_relations.program_public_list", values)

    @http.route("/programs/<int:program_id>", type="http", auth="public", website=True, readonly=True)
    def public_program_page(self, program_id, **kwargs):
        program = self._get_public_program(program_id)
        values = {
            "program": program,
            "values": program._get_public_values(),
            "is_html_empty": is_html_empty,
        }
        return request.render("beneficiary_relations.program_public_page", values)

    @http.route("/programs/<int:program_id>/report", type="http", auth="public", website=True)
    def public_program_report(self, program_id, **kwargs):
        program = self._get_public_program(program_id)
        if not program.is_published:
            raise NotFound()
        # the visitor may read the program (checked above)
        return published_report_response(program)
