from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..lib.outside_text import record_id
from ..models.beneficiary_portal_mixin import PortalThrottled
from .portal import REQUEST_MODEL, BeneficiaryPortal


class BeneficiaryApplication(BeneficiaryPortal):
    """The public application page: a person without a file applies for a service. The
    model checks and registers the application (``_application_create``); the page says
    the same thing whatever became of it."""

    @http.route(["/apply"], type="http", auth="public", methods=["GET", "POST"], website=True, sitemap=False)
    def portal_application(self, **post):
        if not request.env.user._is_public() and self._own_file():
            return request.redirect("/my/requests/new")
        Request = request.env[REQUEST_MODEL]
        company = request.env.company
        service_types = Request._application_service_types(company)
        service_id = record_id(post.get("service_type_id"))
        service = service_types.filtered(lambda s: s.id == service_id)
        values = {
            "page_name": "beneficiary_application",
            "service_types": service_types,
            "service": service,
            "categories": Request._application_categories(company).filtered(
                lambda c: not service.category_ids or c in service.category_ids
            ),
            "max_upload_mb": Request._portal_max_upload_bytes() // (1024 * 1024),
            "post": post,
        }
        template = "beneficiary_relations.portal_application"
        if request.httprequest.method != "POST":
            return request.render(template, values)
        if post.get("website_url"):
            # honeypot filled: a robot. Answer as if accepted, create nothing.
            return request.render("beneficiary_relations.portal_application_thanks", {})
        try:
            uploads = self._read_document_uploads(service)
            with request.env.cr.savepoint():
                Request._application_create(
                    company,
                    dict(post, service_type_id=service_id, category_id=record_id(post.get("category_id"))),
                    uploads,
                    request.httprequest.remote_addr,
                )
        except PortalThrottled as error:
            values["error"] = error.args[0]
            return request.render(template, values, status=429)
        except (UserError, ValidationError) as error:
            values["error"] = error.args[0]
            return request.render(template, values)
        return request.render("beneficiary_relations.portal_application_thanks", {})
