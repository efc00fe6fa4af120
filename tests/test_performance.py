"""Query-count guards: the SLA cron, the portal list and the backend list make the same
number of queries whatever the number of records, so a per-record query (N+1) added
later fails here. The figures at scale are in ``make bench`` (tests/test_bench.py)."""

import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common_request import ServiceRequestHttpCase

NOW = datetime.datetime(2026, 5, 12, 9, 0)  # a Tuesday, 12:00 in Riyadh
# the list view of requests, as the web client asks for it
LIST_SPEC = {
    "name": {},
    "beneficiary_id": {"fields": {"display_name": {}}},
    "service_type_id": {"fields": {"display_name": {}}},
    "channel_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "committee_id": {"fields": {"display_name": {}}},
    "date_received": {},
    "sla_deadline": {},
    "sla_days_left": {},
    "sla_status": {},
    "escalation_level": {},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestPerformance(ServiceRequestHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service.write({"portal_published": True, "code": "T-PERF"})
        cls.beneficiary_a.write({"state": "active"})
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_perf")
        # the test company's own ladder: officer at once, then the managers
        cls.env["beneficiary.escalation.level"].create(
            [
                {"name": "Liaison officer", "level": 1, "days_after_deadline": 0, "notify": "responsible"},
                {"name": "Executive management", "level": 2, "days_after_deadline": 2, "notify": "managers"},
            ]
        )

    def _count_queries(self, function, *args, **kwargs):
        """(number of queries, result) of ``function`` run on empty caches."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = function(*args, **kwargs)
        self.env.flush_all()
        return self.cr.sql_log_count - before, result

    def _open_requests(self, count, beneficiary=None, start=None):
        """``count`` complete requests whose clock started at ``start``."""
        requests = self.Request.create(
            [
                {
                    "beneficiary_id": (beneficiary or self.beneficiary_a).id,
                    "service_type_id": self.service.id,
                    "channel_id": self.channel_phone.id,
                    "description": f"<p>Request {index}</p>",
                }
                for index in range(count)
            ]
        )
        requests._set_state("complete", date_complete=start or NOW)
        requests._sla_start(15, 3, start or NOW)
        return requests

    # ------------------------------------------------------------------ SLA cron
    def test_sla_cron_queries_do_not_grow_with_requests(self):
        Request = self.Request
        long_ago = NOW - datetime.timedelta(days=60)
        with freeze_time(NOW):
            # whatever else the database holds is processed, and each step runs once (the
            # first run fills Odoo's caches)
            self._open_requests(1, beneficiary=self.beneficiary_b, start=long_ago)
            Request._cron_check_sla()
            counts = {}
            for size in (3, 12):
                late = self._open_requests(size, beneficiary=self.beneficiary_b, start=long_ago)
                self._open_requests(size * 3)  # on track: the cron must not touch them
                breach_queries, _result = self._count_queries(Request._cron_check_sla)
                self.assertEqual(set(late.mapped("sla_status")), {"breached"})
                self.assertEqual(set(late.mapped("escalation_level")), {2}, "both rungs are passed")
                idle_queries, _result = self._count_queries(Request._cron_check_sla)
                counts[size] = (breach_queries, idle_queries)
            self.assertEqual(
                counts[3], counts[12], "(breach pass, idle pass) queries for 3 and 12 late requests"
            )
            self.assertLess(counts[12][1], 20, "a pass with nothing new stays under 20 queries")

    def test_sla_cron_breach_pass_is_complete(self):
        """The batched pass flags, logs and assigns exactly once per request."""
        with freeze_time(NOW):
            self.Request._cron_check_sla()
            late = self._open_requests(4, start=NOW - datetime.timedelta(days=60))
            self.Request._cron_check_sla(batch_size=3)
            self.Request._cron_check_sla()
            for request in late:
                self.assertEqual(request.sla_status, "breached")
                self.assertEqual(request.sla_breached_on, NOW)
                logs = request.message_ids.filtered(lambda m: "has passed" in (m.body or ""))
                self.assertEqual(len(logs), 1, "one breach message per request")
                activities = request.activity_ids.filtered(lambda a: a.user_id == self.officer_a)
                self.assertEqual(len(activities), 1, "one activity for the liaison officer")

    # ------------------------------------------------------------------ portal list
    def test_portal_request_list_queries_do_not_grow(self):
        self._open_requests(10)
        self.authenticate("t_portal_perf", "t_portal_perf")
        self.url_open("/my/requests")  # warm the caches (routing, templates)
        counts = {}
        for size in (10, 60):
            if size > 10:
                self._open_requests(size - 10)
                self.env.flush_all()
                self.url_open("/my/requests")
            before = self.cr.sql_log_count
            response = self.url_open("/my/requests")
            counts[size] = self.cr.sql_log_count - before
            self.assertEqual(response.status_code, 200)
            names = self.Request.search([("beneficiary_id", "=", self.beneficiary_a.id)]).mapped("name")
            self.assertEqual(len(names), size)
            self.assertTrue(all(name in response.text for name in names), "every request is listed")
        self.assertEqual(counts[10], counts[60], "queries of /my/requests with 10 and with 60 requests")

    # ------------------------------------------------------------------ backend list
    def test_backend_list_queries_do_not_grow(self):
        self._open_requests(100)
        Request = self.Request.with_user(self.manager)

        def read(limit):
            return Request.web_search_read([], LIST_SPEC, limit=limit, order="sla_deadline, id desc")

        read(80)  # warm the caches that do not depend on the records (rules, groups)
        ten, result = self._count_queries(read, 10)
        self.assertEqual(len(result["records"]), 10)
        eighty, result = self._count_queries(read, 80)
        self.assertEqual(len(result["records"]), 80)
        self.assertEqual(ten, eighty, "reading 10 or 80 requests of the list takes as many queries")
        self._open_requests(200, beneficiary=self.beneficiary_b)
        more, result = self._count_queries(read, 80)
        self.assertEqual(eighty, more, "the list's queries do not depend on the number of requests")
        self.assertTrue(all(record["sla_deadline"] for record in result["records"]))
        deadlines = [fields.Datetime.to_datetime(record["sla_deadline"]) for record in result["records"]]
        self.assertEqual(deadlines, sorted(deadlines))
