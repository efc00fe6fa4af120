"""Query-count guards: the SLA cron, the portal list, the backend list, batch
registration, the spreadsheet import and the notifications make the same number of
queries whatever the number of records (``assertQueryCount`` with the same bound for a
few and for more records), so a per-record query (N+1) added later fails here. The
figures at scale are in ``make bench`` (bench/beneficiary_relations_bench)."""

import csv
import datetime
import io

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import make_id
from .common_request import ServiceRequestHttpCase

NOW = datetime.datetime(2026, 5, 12, 9, 0)  # a Tuesday, 12:00 in Riyadh
# the queries of each path, whatever the number of records (make test's database)
QUERIES_CRON_PASS = 34
QUERIES_CRON_IDLE = 9
QUERIES_PORTAL_LIST = 17
QUERIES_BACKEND_LIST = 14
QUERIES_REGISTRATION = 24
QUERIES_IMPORT = 100
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


@tagged("post_install", "-at_install", "is_query_count")
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
            Request._cron_check_sla()  # whatever else the database holds is processed
            for size in (1, 3, 12):  # 1: the warm-up (caches of levels, actions, models)
                late = self._open_requests(size, beneficiary=self.beneficiary_b, start=long_ago)
                self._open_requests(size * 3)  # on track: the cron must not touch them
                self.env.invalidate_all()
                with self.assertQueryCount(QUERIES_CRON_PASS if size > 1 else 1000):
                    Request._cron_check_sla()
                self.assertEqual(set(late.mapped("sla_status")), {"breached"})
                self.assertEqual(set(late.mapped("escalation_level")), {2}, "both rungs are passed")
                self.env.invalidate_all()
                with self.assertQueryCount(QUERIES_CRON_IDLE):
                    Request._cron_check_sla()
        self.assertLessEqual(QUERIES_CRON_IDLE, 20, "a pass with nothing new stays within 20 queries")

    def test_sla_cron_breach_pass_is_complete(self):
        """The batched pass flags, logs and assigns exactly once per request."""
        with freeze_time(NOW):
            self.Request._cron_check_sla()
            late = self._open_requests(4, start=NOW - datetime.timedelta(days=60))
            self.Request._cron_check_sla(batch_size=3)
            self.Request._cron_check_sla()
            summaries = self.env["mail.activity"].search(
                [("res_model", "=", "beneficiary.escalation.level"), ("user_id", "=", self.officer_a.id)]
            )
            self.assertEqual(len(summaries), 2, "one summary to-do per pass of three for the liaison officer")
            for request in late:
                self.assertEqual(request.sla_status, "breached")
                self.assertEqual(request.sla_breached_on, NOW)
                logs = request.message_ids.filtered(lambda m: "has passed" in (m.body or ""))
                self.assertEqual(len(logs), 1, "one breach message per request")
                self.assertEqual(sum(request.name in note for note in summaries.mapped("note")), 1)

    # ------------------------------------------------------------------ portal list
    def test_portal_request_list_queries_do_not_grow(self):
        self._open_requests(10)
        self.authenticate("t_portal_perf", "t_portal_perf")
        self.url_open("/my/requests")  # warm the caches (routing, templates)
        for size in (10, 60):
            if size > 10:
                self._open_requests(size - 10)
                self.env.flush_all()
                self.url_open("/my/requests")
            with self.assertQueryCount(QUERIES_PORTAL_LIST):
                response = self.url_open("/my/requests")
            self.assertEqual(response.status_code, 200)
            names = self.Request.search([("beneficiary_id", "=", self.beneficiary_a.id)]).mapped("name")
            self.assertEqual(len(names), size)
            self.assertTrue(all(name in response.text for name in names), "every request is listed")
            self.assertEqual(response.text.count('class="o_br_request_row"'), size, "one row per request")

    # ------------------------------------------------------------------ backend list
    def test_backend_list_queries_do_not_grow(self):
        self._open_requests(100)
        Request = self.Request.with_user(self.manager)

        def read(limit):
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_BACKEND_LIST):
                return Request.web_search_read([], LIST_SPEC, limit=limit, order="sla_deadline, id desc")

        for limit in (10, 80):  # warm the caches of rules, groups and counts
            Request.web_search_read([], LIST_SPEC, limit=limit, order="sla_deadline, id desc")
        self.assertEqual(len(read(10)["records"]), 10)
        self.assertEqual(len(read(80)["records"]), 80)
        self._open_requests(200, beneficiary=self.beneficiary_b)
        result = read(80)
        self.assertTrue(all(record["sla_deadline"] for record in result["records"]))
        deadlines = [fields.Datetime.to_datetime(record["sla_deadline"]) for record in result["records"]]
        self.assertEqual(deadlines, sorted(deadlines))

    # ------------------------------------------------------------------ registration
    def _rows(self, count, offset):
        return [
            {
                "name": f"Batch {offset + i}",
                "national_id": make_id(60_000_000 + offset + i),
                "category_id": self.category_a.id,
                "mobile": f"05{40_000_000 + offset + i:08d}",
            }
            for i in range(count)
        ]

    def test_batch_registration_builds_no_record_per_file(self):
        """A field the ORM must precompute makes it build a new record per file, and
        each one then walks the whole batch: quadratic (14 files per second at 10,000).
        ``create`` gives every precomputed field of a file itself."""
        Beneficiary = self.Beneficiary.with_user(self.manager)
        model_class = type(Beneficiary)
        original = model_class.new
        own = "new" in vars(model_class)
        built = []

        def new(records, *args, **kwargs):
            built.append(records._name)
            return original(records, *args, **kwargs)

        model_class.new = new
        try:
            files = Beneficiary.create(self._rows(20, 900))
        finally:
            if own:
                model_class.new = original
            else:
                del model_class.new
        self.assertEqual(len(files), 20)
        self.assertEqual(set(files.mapped("id_type")), {"national_id"})
        self.assertNotIn("beneficiary.beneficiary", built, "no record built per file to precompute a field")

    def test_batch_registration_queries_do_not_grow(self):
        """Creating files in a batch: numbers, contacts, checks and chatter in a fixed
        number of queries."""
        Beneficiary = self.Beneficiary.with_user(self.manager).with_context(tracking_disable=False)
        Beneficiary.create(self._rows(2, 0))  # warm-up
        for offset, count in ((100, 5), (200, 40)):
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_REGISTRATION):
                records = Beneficiary.create(self._rows(count, offset))
            self.assertEqual(len(set(records.mapped("reference"))), count)
            self.assertEqual(records[:1].mobile, f"+9665{40_000_000 + offset:08d}", "checked and normalised")

    # ------------------------------------------------------------------ import
    def _import(self, count, offset, queries=QUERIES_IMPORT):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["Name", "ID Number", "Mobile", "Category", "City", "Head of Family ID Number"])
        for row in self._rows(count, offset):
            head = (
                "" if (row["national_id"] == make_id(60_000_000 + offset)) else make_id(60_000_000 + offset)
            )
            writer.writerow([row["name"], row["national_id"], row["mobile"], "Orphans", "Riyadh", head])
        wizard = (
            self.env["base_import.import"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "beneficiary.beneficiary",
                    "file": out.getvalue().encode(),
                    "file_type": "text/csv",
                }
            )
        )
        options = {"has_headers": True, "separator": ",", "quoting": '"', "encoding": "utf-8"}
        fields_ = ["name", "national_id", "mobile", "category_id", "city", "family_head_national_id"]
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            result = wizard.execute_import(fields_, fields_, options)
        self.assertFalse(result["messages"])
        return self.Beneficiary.browse(result["ids"])

    def test_import_queries_do_not_grow(self):
        self._import(2, 300, queries=1000)  # warm-up
        for offset, count in ((400, 5), (500, 40)):
            records = self._import(count, offset)
            self.assertEqual(len(records), count)
            self.assertEqual(len(records.family_id), 1, "the family file of the head of the file")
