from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from ..lib.outside_text import record_id
from .portal import BeneficiaryPortal

WORK_MODEL = "beneficiary.published.work"


class PublishedWorkPortal(BeneficiaryPortal):
    """The works and images the association publishes of the beneficiary and of the
    members of the family they head (read only), and the withdrawal of one of them."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "beneficiary_work_count" in counters:
            Work = request.env[WORK_MODEL]
            values["beneficiary_work_count"] = Work.search_count([]) if Work.has_access("read") else 0
        return values

    def _get_work_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "date_published desc, id desc"},
            "title": {"label": request.env._("Work Title"), "order": "name, id"},
            "status": {"label": request.env._("Status"), "order": "state, id desc"},
        }

    @http.route(["/my/works", "/my/works/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_works(self, page=1, sortby=None, **kw):
        if not request.env[WORK_MODEL].has_access("read"):
            return request.redirect("/my")
        values = self._prepare_beneficiary_list_values(
            WORK_MODEL,
            "/my/works",
            "beneficiary_works",
            page=page,
            sortby=sortby,
            sortings=self._get_work_sortings(),
        )
        values["works"] = values.pop("records")
        values["flash"] = self._pop_flash()
        return request.render("beneficiary_relations.portal_my_works", values)

    @http.route(
        ["/my/works/<int:work_id>/withdraw"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_work_withdraw(self, work_id, **kw):
        # the record rules say which works the user may read: theirs and their family's
        work = request.env[WORK_MODEL].browse(record_id(work_id) or [])
        try:
            if not work:
                raise MissingError(request.env._("This work does not exist."))
            work.check_access("read")
            work = work.exists()
            if not work:
                raise MissingError(request.env._("This work does not exist."))
        except (AccessError, MissingError):
            raise request.not_found() from None
        # checked above: the user may act for this work's beneficiary
        work_sudo = work.sudo()
        try:
            with request.env.cr.savepoint():
                work_sudo._portal_request_withdrawal()
        except UserError as error:
            self._flash(error.args[0])
        else:
            self._flash(
                request.env._(
                    "Your request was registered: the association will withdraw this work and tell you."
                ),
                kind="success",
            )
        return request.redirect("/my/works")
