from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..lib.outside_text import access_token as clean_token
from ..lib.outside_text import record_id
from .portal import signature_response

ACKNOWLEDGMENT_MODEL = "beneficiary.policy.acknowledgment"


class BeneficiaryPolicyController(http.Controller):
    """The company's current beneficiary relationship policy, published for anyone.

    Both routes only ever show the current approved version of the visitor's company: they
    take no record id, and the record rules give visitors nothing else to read."""

    def _get_current_policy(self):
        policy = request.env["beneficiary.policy"]._get_current(request.env.company)
        if not policy:
            raise NotFound()
        policy.check_access("read")
        # the published copy lists the documents beneficiaries may download
        return policy.with_context(beneficiary_policy_published=True)

    @http.route("/beneficiary-policy", type="http", auth="public", website=True, sitemap=False, readonly=True)
    def policy_page(self, **kwargs):
        policy = self._get_current_policy()
        return request.render("beneficiary_relations.policy_public_page", {"policy": policy})

    @http.route("/beneficiary-policy/pdf", type="http", auth="public", website=True, sitemap=False)
    def policy_pdf(self, download=None, **kwargs):
        policy = self._get_current_policy()
        # the visitor may read this policy (checked above); printing needs the report,
        # the layout and the company's details, which visitors cannot read themselves
        report_sudo = (
            request.env["ir.actions.report"]
            .sudo()
            .with_company(policy.company_id)
            .with_context(lang=request.env.lang, beneficiary_policy_published=True)
        )
        content, content_type = report_sudo._render_qweb_pdf(
            "beneficiary_relations.beneficiary_policy_report", policy.ids
        )
        filename = f"{policy.name} - {policy.version}.pdf" if content_type == "pdf" else None
        headers = [
            ("Content-Type", "application/pdf" if content_type == "pdf" else "text/html; charset=utf-8"),
            ("Content-Length", len(content)),
        ]
        if filename:
            disposition = "attachment" if download else "inline"
            headers.append(
                ("Content-Disposition", http.content_disposition(filename, disposition_type=disposition))
            )
        return request.make_response(content, headers=headers)

    @http.route(
        "/beneficiary-policy/document/<int:document_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def policy_document(self, document_id, **kwargs):
        """A document of the current policy marked public (services guide, request form),
        downloaded as the visitor: searched with their record rules and, besides, only
        among the public documents of the company's current version; anything else is
        not found, whatever the id."""
        if record_id(document_id) is None:
            raise NotFound()
        document = request.env["beneficiary.policy.document"].search(
            [
                ("id", "=", document_id),
                ("is_public", "=", True),
                ("policy_id.state", "=", "approved"),
                ("company_id", "=", request.env.company.id),
            ],
            limit=1,
        )
        if not document or not document.with_context(bin_size=True).file:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(document, "file", filename_field="file_name")
        return stream.get_response(as_attachment=True)


class PolicyAcknowledgmentPortal(CustomerPortal):
    """The personal link of an employee without an Odoo login: the policy to read, its
    code of professional ethics, and the signature. Reached only with the link's access
    token; the record's methods check the rest."""

    def _acknowledgment_sudo(self, acknowledgment_id, access_token):
        return self._document_check_access(
            ACKNOWLEDGMENT_MODEL, acknowledgment_id, access_token=clean_token(access_token)
        )

    @http.route(
        "/beneficiary-policy/acknowledge/<int:acknowledgment_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def policy_acknowledge_page(self, acknowledgment_id, access_token=None, **kwargs):
        try:
            acknowledgment_sudo = self._acknowledgment_sudo(acknowledgment_id, access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        if acknowledgment_sudo.user_id:
            raise NotFound()
        values = {
            "acknowledgment": acknowledgment_sudo,
            "policy": acknowledgment_sudo.policy_id,
            # what the employee acknowledges having received with the policy
            "documents": acknowledgment_sudo.document_ids,
            "can_sign": acknowledgment_sudo.state == "pending"
            and acknowledgment_sudo.policy_id.state == "approved",
        }
        return request.render("beneficiary_relations.policy_acknowledge_page", values)

    @http.route(
        "/beneficiary-policy/acknowledge/<int:acknowledgment_id>/sign",
        type="json",
        auth="public",
        website=True,
    )
    def policy_acknowledge_sign(self, acknowledgment_id, access_token=None, name=None, signature=None):
        # the signature widget sends the name and the signature; the token is in the link
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            acknowledgment_sudo = self._acknowledgment_sudo(acknowledgment_id, access_token)
        except (AccessError, MissingError):
            return {"error": request.env._("This link is not valid.")}
        if acknowledgment_sudo.user_id:
            return {"error": request.env._("This link is not valid.")}
        return signature_response(
            acknowledgment_sudo, lambda: acknowledgment_sudo._link_sign(name, signature)
        )
