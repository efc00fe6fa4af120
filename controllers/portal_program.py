import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import is_html_empty

from ..lib.outside_text import record_id
from .portal import BeneficiaryPortal
from .program_public import published_report_response


class ProgramPortal(BeneficiaryPortal):
    """Programs and activities on the portal: browse the programs open for registration,
    register oneself or a member of one's family, and follow the registrations."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "program_count" in counters:
            Program = request.env["beneficiary.program"]
            Registration = request.env["beneficiary.program.registration"]
            count = 0
            if Program.has_access("read"):
                count += Program.search_count(self._get_open_programs_domain())
            if Registration.has_access("read"):
                count += Registration.search_count([])
            values["program_count"] = count
        return values

    def _get_open_programs_domain(self):
        # the association's today: a portal user rarely has a time zone of their own
        today = request.env.company._beneficiary_today()
        return [
            ("state", "=", "open"),
            "|",
            ("registration_deadline", "=", False),
            ("registration_deadline", ">=", today),
        ]

    def _get_registration_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "id desc"},
            "program": {"label": request.env._("Program"), "order": "program_id, id desc"},
            "status": {"label": request.env._("Status"), "order": "state, id desc"},
        }

    def _get_program(self, program_id):
        """The program as the current user sees it, or None when they may not read it."""
        program = request.env["beneficiary.program"].browse(program_id)
        try:
            program.check_access("read")
            if not program.exists():
                return None
        except (AccessError, MissingError):
            return None
        return program

    @http.route(["/my/programs", "/my/programs/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_programs(self, page=1, sortby=None, **kw):
        Program = request.env["beneficiary.program"]
        Registration = request.env["beneficiary.program.registration"]
        if not (Program.has_access("read") and Registration.has_access("read")):
            return request.redirect("/my")
        values = self._prepare_beneficiary_list_values(
            "beneficiary.program.registration",
            "/my/programs",
            "programs",
            page=page,
            sortby=sortby,
            sortings=self._get_registration_sortings(),
        )
        registrations = values.pop("records")
        registered_id = record_id(kw.get("registered"))
        registered = (
            registrations.filtered(lambda r: r.id == registered_id) if registered_id else Registration
        )
        values.update(
            {
                "programs": Program.search(self._get_open_programs_domain(), order="date_start, id"),
                "registrations": registrations,
                "registered": registered,
            }
        )
        return request.render("beneficiary_relations.portal_my_programs", values)

    def _prepare_program_page_values(self, program, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "program",
                "program": program,
                "beneficiaries": program._get_portal_beneficiaries(),
                "is_open": program._is_open_for_registration(),
                "error": kw.get("error"),
                "form": kw.get("form") or {},
                "is_html_empty": is_html_empty,
                "guardian_relations": request.env["beneficiary.program.registration"]
                ._fields["guardian_relation"]
                ._description_selection(request.env),
            }
        )
        return values

    @http.route("/my/programs/<int:program_id>", type="http", auth="user", website=True)
    def portal_program_page(self, program_id, **kw):
        program = self._get_program(program_id)
        if program is None:
            return request.redirect("/my/programs")
        return request.render(
            "beneficiary_relations.portal_program_page", self._prepare_program_page_values(program)
        )

    @http.route(
        "/my/programs/<int:program_id>/register",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_program_register(self, program_id, beneficiary_id=None, **post):
        program = self._get_program(program_id)
        if program is None:
            return request.redirect("/my/programs")
        form = {
            name: post.get(name)
            for name in request.env["beneficiary.program.registration"]._get_portal_form_fields()
        }
        form.pop("id_copy", None)
        upload = request.httprequest.files.get("id_copy")
        try:
            if upload and upload.filename:
                # the same limits as the request and complaint forms: size, PDF or photo
                uploads = request.env["beneficiary.portal.mixin"]
                content = upload.read(uploads._portal_max_upload_bytes() + 1)
                uploads._portal_check_upload(upload.filename, content)
                form["id_copy"] = base64.b64encode(content)
                form["id_copy_filename"] = upload.filename
            beneficiary = request.env["beneficiary.beneficiary"].browse(record_id(beneficiary_id) or [])
            with request.env.cr.savepoint():
                registration = program._portal_register(beneficiary, form)
        except (UserError, ValidationError, AccessError) as error:
            form["beneficiary_id"] = beneficiary_id
            form.pop("id_copy", None)
            values = self._prepare_program_page_values(program, error=str(error.args[0]), form=form)
            return request.render("beneficiary_relations.portal_program_page", values)
        return request.redirect(f"/my/programs?registered={registration.id}")

    @http.route(
        "/my/programs/registration/<int:registration_id>/receipt", type="http", auth="user", website=True
    )
    def portal_registration_receipt(self, registration_id, download=False, **kw):
        registration = request.env["beneficiary.program.registration"].browse(registration_id)
        try:
            registration.check_access("read")
            if not registration.exists() or not registration.receipt_number:
                return request.redirect("/my/programs")
        except (AccessError, MissingError):
            return request.redirect("/my/programs")
        # the receipt shows the registration and its fee only, which the user just read
        registration_sudo = registration.sudo()
        return self._show_report(
            registration_sudo,
            "pdf",
            "beneficiary_relations.action_report_program_receipt",
            download=download,
        )

    @http.route("/my/programs/<int:program_id>/report", type="http", auth="user", website=True)
    def portal_program_report(self, program_id, **kw):
        program = self._get_program(program_id)
        if program is None or not program.is_published:
            return request.redirect("/my/programs")
        return published_report_response(program)
