import json

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..lib.outside_text import access_token as clean_token
from ..lib.outside_text import record_id
from ..models.beneficiary_complaint import ComplaintThrottled
from ..models.ir_qweb_field_count import count_text

REQUEST_MODEL = "beneficiary.service.request"
COMPLAINT_MODEL = "beneficiary.complaint"


def signature_response(record_sudo, sign):
    """The answer of a portal signature widget: ``sign()`` in a savepoint, the user's
    error shown in the widget, else the record's page reloaded."""
    try:
        with request.env.cr.savepoint():
            sign()
    except (UserError, ValidationError) as error:
        return {"error": error.args[0]}
    return {"force_refresh": True, "redirect_url": record_sudo.get_portal_url()}


class BeneficiaryPortal(CustomerPortal):
    """The beneficiary's side of the policy: their requests, complaints and data.

    Listing relies on the record rules (the portal user only finds their own records);
    a single record is reached through ``_document_check_access`` (rules or access
    token). Writing goes through model methods that check what the beneficiary may do.
    """

    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for counter, model in (
            ("beneficiary_request_count", REQUEST_MODEL),
            ("beneficiary_complaint_count", COMPLAINT_MODEL),
        ):
            if counter in counters:
                Model = request.env[model]
                values[counter] = Model.search_count([]) if Model.has_access("read") else 0
        return values

    def _beneficiary_files(self):
        """The files the user may act for: their own, and those of the family they head."""
        return request.env["beneficiary.beneficiary"]._portal_acting_files()

    def _own_file(self):
        partner = request.env.user.partner_id
        return self._beneficiary_files().filtered(lambda b: b.partner_id == partner)[:1]

    @staticmethod
    def _flash(message, kind="error"):
        """Keep a message for the next page (never taken from the URL)."""
        request.session["beneficiary_portal_flash"] = {"kind": kind, "message": message}

    @staticmethod
    def _pop_flash():
        return request.session.pop("beneficiary_portal_flash", None) or {}

    @staticmethod
    def _read_uploads(files):
        """[(name, bytes)] of the uploaded files (empty inputs skipped)."""
        result = []
        for upload in files:
            if upload and upload.filename:
                result.append((upload.filename, upload.read()))
        return result

    # ------------------------------------------------------------------ list and record pages
    def _prepare_beneficiary_list_values(
        self, model, url, page_name, page=1, sortby=None, sortings=None, filterby=None, filters=None
    ):
        """The values of a list page of the user's records (``sale``'s
        ``_prepare_sale_portal_rendering_values``): the record rules scope the search,
        ``sortings`` and ``filters`` are the searchbar's, their first key the default."""
        Model = request.env[model]
        page = record_id(page) or 1
        sortby = sortby if sortby in sortings else next(iter(sortings))
        url_args = {"sortby": sortby}
        domain = []
        if filters:
            filterby = filterby if filterby in filters else next(iter(filters))
            url_args["filterby"] = filterby
            domain = filters[filterby]["domain"]
        pager = portal_pager(
            url=url, url_args=url_args, total=Model.search_count(domain), page=page, step=self._items_per_page
        )
        records = Model.search(
            domain, order=sortings[sortby]["order"], limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "records": records,
                "page_name": page_name,
                "pager": pager,
                "default_url": url,
                "searchbar_sortings": sortings,
                "sortby": sortby,
            }
        )
        if filters:
            values.update({"searchbar_filters": filters, "filterby": filterby})
        return values

    def _render_beneficiary_list(self, values, records_key, history, template):
        """Render the list page of the user's requests or complaints: the records under
        ``records_key``, their ids kept in the session's ``history`` for the previous and
        next buttons of the record pages."""
        records = values.pop("records")
        request.session[history] = records.ids[:100]
        values.update({records_key: records, "can_create": bool(self._own_file())})
        return request.render(template, values)

    def _beneficiary_record_page(
        self, model, res_id, page, access_token=None, report_type=None, download=False, **kw
    ):
        """The page of one request or complaint (rules or access token), or one of its
        letters when ``report_type`` and ``report`` name one the beneficiary may download.
        ``page``: the page's ``template``, ``page_name``, the ``record_key`` the template
        reads the record from, the session's ``history`` key and whether it shows a
        ``flash`` message."""
        access_token = clean_token(access_token)
        try:
            record_sudo = self._document_check_access(model, res_id, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        letters = record_sudo._portal_letters()
        if report_type in ("html", "pdf", "text") and kw.get("report"):
            letter = letters.get(kw["report"])
            if not letter:
                return request.redirect(record_sudo.get_portal_url())
            return self._show_report(
                model=record_sudo, report_type=report_type, report_ref=letter[0], download=download
            )
        values = self._get_page_view_values(
            record_sudo, access_token, {"page_name": page["page_name"], page["record_key"]: record_sudo},
            page["history"], False,
        )  # fmt: skip
        if page.get("flash"):
            values["flash"] = self._pop_flash()
        values.update(
            {
                "rating_token": record_sudo._portal_can_rate() and record_sudo._portal_rating_token(),
                "reports": letters,
            }
        )
        return request.render(page["template"], values)

    def _read_document_uploads(self, service_type):
        """{document type id: (name, bytes, expiry as typed)} of the first file sent for
        each document the service asks for (inputs ``document_<id>`` and
        ``document_<id>_expiry``; the model checks the date)."""
        uploads = {}
        form = request.httprequest.form
        for document_type in service_type.document_type_ids:
            files = self._read_uploads(request.httprequest.files.getlist(f"document_{document_type.id}"))
            if files:
                uploads[document_type.id] = (*files[0], form.get(f"document_{document_type.id}_expiry"))
        return uploads

    # ------------------------------------------------------------------ requests
    def _request_searchbar_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "id desc"},
            "deadline": {"label": request.env._("Deadline"), "order": "sla_deadline asc, id desc"},
            "name": {"label": request.env._("Reference"), "order": "name asc"},
            "state": {"label": request.env._("Status"), "order": "state, id desc"},
        }

    def _request_searchbar_filters(self):
        Request = request.env[REQUEST_MODEL]
        return {
            "all": {"label": request.env._("All"), "domain": []},
            "open": {
                "label": request.env._("In progress"),
                "domain": [("state", "in", Request._workflow_states_open)],
            },
            "decided": {
                "label": request.env._("Decided"),
                "domain": [("state", "in", Request._workflow_states_decided)],
            },
        }

    @http.route(["/my/requests", "/my/requests/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_requests(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_beneficiary_list_values(
            REQUEST_MODEL,
            "/my/requests",
            "beneficiary_requests",
            page=page,
            sortby=sortby,
            sortings=self._request_searchbar_sortings(),
            filterby=filterby,
            filters=self._request_searchbar_filters(),
        )
        return self._render_beneficiary_list(
            values, "requests", "my_beneficiary_requests_history", "beneficiary_relations.portal_my_requests"
        )

    @http.route(["/my/requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_request_page(self, request_id, access_token=None, report_type=None, download=False, **kw):
        page = {
            "template": "beneficiary_relations.portal_request_page",
            "page_name": "beneficiary_request",
            "record_key": "service_request",
            "history": "my_beneficiary_requests_history",
            "flash": True,
        }
        return self._beneficiary_record_page(
            REQUEST_MODEL, request_id, page, access_token, report_type, download, **kw
        )

    @http.route(["/my/requests/new"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_request_new(self, **post):
        beneficiary = self._own_file()
        if not beneficiary:
            return request.redirect("/my")
        Request = request.env[REQUEST_MODEL]
        service_types = Request._portal_service_types(beneficiary)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "beneficiary_request_new",
                "beneficiary": beneficiary,
                "service_types": service_types,
                "max_upload_mb": Request._portal_max_upload_bytes() // (1024 * 1024),
                "post": post,
            }
        )
        if request.httprequest.method != "POST":
            return request.render("beneficiary_relations.portal_request_new", values)
        try:
            service_type = service_types.filtered(lambda t: str(t.id) == post.get("service_type_id"))
            if not service_type:
                raise ValidationError(request.env._("Choose the service you need."))
            uploads = self._read_document_uploads(service_type)
            with request.env.cr.savepoint():
                request_sudo = Request._portal_create(
                    beneficiary, service_type, post.get("description"), uploads
                )
        except (UserError, ValidationError) as error:
            values["error"] = error.args[0]
            return request.render("beneficiary_relations.portal_request_new", values)
        return request.redirect(request_sudo.get_portal_url())

    @http.route(["/my/requests/<int:request_id>/sign"], type="json", auth="public", website=True)
    def portal_request_sign(self, request_id, access_token=None, name=None, signature=None):
        try:
            request_sudo = self._document_check_access(
                REQUEST_MODEL, request_id, access_token=clean_token(access_token)
            )
        except (AccessError, MissingError):
            return {"error": request.env._("This request cannot be found.")}
        return signature_response(request_sudo, lambda: request_sudo._portal_sign(name, signature))

    @http.route(
        ["/my/requests/<int:request_id>/upload"], type="http", auth="public", methods=["POST"], website=True
    )
    def portal_request_upload(self, request_id, access_token=None, document_id=None, expiry_date=None, **kw):
        access_token = clean_token(access_token)
        try:
            request_sudo = self._document_check_access(REQUEST_MODEL, request_id, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        document = request_sudo.document_ids.filtered(lambda d: str(d.id) == str(document_id))
        files = self._read_uploads(request.httprequest.files.getlist("file"))
        try:
            if not document or not files:
                raise ValidationError(request.env._("Choose the file to send."))
            with request.env.cr.savepoint():
                request_sudo._portal_upload(document, *files[0], expiry=expiry_date)
        except (UserError, ValidationError) as error:
            self._flash(error.args[0])
        else:
            self._flash(request.env._("Thank you, the document was sent."), kind="success")
        return request.redirect(request_sudo.get_portal_url())

    # ------------------------------------------------------------------ complaints
    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_complaints(self, page=1, sortby=None, **kw):
        values = self._prepare_beneficiary_list_values(
            COMPLAINT_MODEL,
            "/my/complaints",
            "beneficiary_complaints",
            page=page,
            sortby=sortby,
            sortings={
                "date": {"label": request.env._("Newest"), "order": "id desc"},
                "state": {"label": request.env._("Status"), "order": "state, id desc"},
            },
        )
        return self._render_beneficiary_list(
            values,
            "complaints",
            "my_beneficiary_complaints_history",
            "beneficiary_relations.portal_my_complaints",
        )

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="public", website=True)
    def portal_complaint_page(self, complaint_id, access_token=None, report_type=None, download=False, **kw):
        page = {
            "template": "beneficiary_relations.portal_complaint_page",
            "page_name": "beneficiary_complaint",
            "record_key": "complaint",
            "history": "my_beneficiary_complaints_history",
        }
        return self._beneficiary_record_page(
            COMPLAINT_MODEL, complaint_id, page, access_token, report_type, download, **kw
        )

    @http.route(["/my/complaints/new"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_complaint_new(self, **post):
        beneficiary = self._own_file()
        if not beneficiary:
            return request.redirect("/complaint")
        return self._complaint_form(post, beneficiary=beneficiary)

    @http.route(
        ["/complaint"], type="http", auth="public", methods=["GET", "POST"], website=True, sitemap=False
    )
    def portal_public_complaint(self, **post):
        """The "contact us" link of the policy: anyone can complain or ask, without login."""
        if not request.env.user._is_public() and self._own_file():
            return request.redirect("/my/complaints/new")
        return self._complaint_form(post)

    def _complaint_form(self, post, beneficiary=None):
        Complaint = request.env[COMPLAINT_MODEL]
        company = beneficiary.company_id if beneficiary else request.env.company
        values = self._prepare_portal_layout_values() if beneficiary else {}
        values.update(
            {
                "page_name": "beneficiary_complaint_new",
                "beneficiary": beneficiary,
                "categories": Complaint._portal_categories(company),
                "post": post,
                "public": not beneficiary,
            }
        )
        template = "beneficiary_relations.portal_complaint_new"
        if request.httprequest.method != "POST":
            return request.render(template, values)
        address = request.httprequest.remote_addr
        if post.get("website_url"):
            # honeypot filled: a robot. Answer as if accepted, create nothing.
            return request.render("beneficiary_relations.portal_complaint_thanks", {"reference": False})
        try:
            with request.env.cr.savepoint():
                complaint_sudo = Complaint._portal_create(
                    company,
                    dict(post, category_id=record_id(post.get("category_id"))),
                    beneficiary=beneficiary,
                    address=address,
                )
        except ComplaintThrottled as error:
            values["error"] = error.args[0]
            return request.render(template, values, status=429)
        except (UserError, ValidationError) as error:
            values["error"] = error.args[0]
            return request.render(template, values)
        if beneficiary:
            return request.redirect(complaint_sudo.get_portal_url())
        return request.render(
            "beneficiary_relations.portal_complaint_thanks",
            {"reference": complaint_sudo.name, "deadline": complaint_sudo.sla_deadline_display},
        )

    # ------------------------------------------------------------------ profile and data rights
    @http.route(["/my/beneficiary"], type="http", auth="user", website=True)
    def portal_my_beneficiary(self, **kw):
        beneficiary = self._own_file()
        if not beneficiary:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        beneficiary_sudo = beneficiary.sudo()
        values.update(
            {
                "page_name": "beneficiary_profile",
                "beneficiary": beneficiary,
                "liaison_sudo": beneficiary_sudo.liaison_user_id,
                "family": self._beneficiary_files() - beneficiary,
                "data_requests": request.env["beneficiary.data.request"].search([]),
                "flash": self._pop_flash(),
            }
        )
        return request.render("beneficiary_relations.portal_my_beneficiary", values)

    @http.route(["/my/beneficiary/data-request"], type="http", auth="user", methods=["POST"], website=True)
    def portal_beneficiary_data_request(self, request_type=None, description=None, **kw):
        beneficiary = self._own_file()
        if not beneficiary:
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                beneficiary._portal_request_data_change(request_type, description)
        except (UserError, ValidationError) as error:
            self._flash(error.args[0])
        else:
            days = request.env["beneficiary.data.request"]._sla_legal_days
            self._flash(
                request.env._(
                    "Your request was registered; we will answer within %(days)s.",
                    days=count_text(request.env, days, "day", case="oblique"),
                ),
                kind="success",
            )
        return request.redirect("/my/beneficiary")

    @http.route(
        ["/my/beneficiary/consent/withdraw"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_beneficiary_withdraw_consent(self, **kw):
        beneficiary = self._own_file()
        if not beneficiary:
            return request.redirect("/my")
        try:
            beneficiary._portal_withdraw_consent()
        except UserError as error:
            self._flash(error.args[0])
        else:
            self._flash(request.env._("Your consent was withdrawn."), kind="success")
        return request.redirect("/my/beneficiary")

    @http.route(["/my/beneficiary/export"], type="http", auth="user", website=True)
    def portal_beneficiary_export(self, **kw):
        beneficiary = self._own_file()
        if not beneficiary:
            return request.redirect("/my")
        data = json.dumps(beneficiary._export_personal_data(), ensure_ascii=False, indent=2, default=str)
        filename = f"my-data-{beneficiary.reference or beneficiary.id}.json".replace("/", "-")
        return request.make_response(
            data,
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
            ],
        )
