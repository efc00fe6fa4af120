from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


class BeneficiaryPolicyController(http.Controller):
    """The company's current beneficiary relationship policy, published for anyone.

    Both routes only ever show the current approved version of the visitor's company: they
    take no record id, and the record rules give visitors nothing else to read."""

    def _get_current_policy(self):
        policy = request.env["beneficiary.policy"]._get_current(request.env.company)
        if not policy:
            raise NotFound()
        policy.check_access("read")
        return policy

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
            .with_context(lang=request.env.lang)
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
