"""The performance benchmark run by ``make bench`` (scripts/bench.sh), never by the
normal suite (tag ``-standard``).

``setUpClass`` builds the dataset with bulk SQL (one INSERT ... SELECT per table): 100,000
beneficiaries on real contacts, 300,000 service requests over 3 years (100,000 open,
5,000 of them past their deadline and not yet flagged) and 50,000 complaints. Each test
then measures operations through the ORM, as users and crons run them, and appends a row
(operation, size, time, SQL queries, target, met?) to the file ``BR_BENCH_RESULTS``.
``BR_BENCH_SCALE`` scales the dataset (0.1 for a quick try).
"""

import cProfile
import datetime
import io
import logging
import os
import pstats
import time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from ..lib import saudi_id

_logger = logging.getLogger(__name__)

SCALE = float(os.environ.get("BR_BENCH_SCALE") or 1)
N_BENEFICIARIES = int(100_000 * SCALE)
N_REQUESTS = int(300_000 * SCALE)  # a third open: 100,000
N_COMPLAINTS = int(50_000 * SCALE)
N_CREATE = int(10_000 * SCALE)
BIG_PORTAL = 1000  # requests of the first beneficiary
SMALL_PORTAL = 10  # requests of the second
LIST_SPEC = {
    "name": {},
    "beneficiary_id": {"fields": {"display_name": {}}},
    "service_type_id": {"fields": {"display_name": {}}},
    "channel_id": {"fields": {"display_name": {}}},
    "sla_deadline": {},
    "sla_days_left": {},
    "sla_status": {},
    "escalation_level": {},
    "state": {},
}


def _id_number(body):
    first_nine = f"1{body:08d}"
    return first_nine + saudi_id.check_digit(first_nine)


@tagged("bench", "-standard", "post_install", "-at_install")
class TestBench(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now().replace(microsecond=0)
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.sa")
        g = "beneficiary_relations.group_"
        cls.managers = new_test_user(cls.env, "bench_manager", groups=f"base.group_user,{g}manager")
        cls.managers |= new_test_user(cls.env, "bench_manager_2", groups=f"base.group_user,{g}manager")
        cls.manager = cls.managers[0]
        officers = [
            new_test_user(cls.env, f"bench_officer_{i}", groups=f"base.group_user,{g}liaison_officer")
            for i in range(3)
        ]
        cls.categories = cls.env["beneficiary.category"].create(
            [{"name": name, "code": f"B-{i}"} for i, name in enumerate(("Orphans", "Widows", "Elderly"))]
        )
        cls.env["beneficiary.liaison"].create(
            [{"category_id": c.id, "user_id": o.id} for c, o in zip(cls.categories, officers, strict=True)]
        )
        cls.committee = cls.env["beneficiary.committee"].create(
            {"name": "Social Affairs Committee", "kind": "social_research", "chair_id": cls.manager.id}
        )
        cls.services = cls.env["beneficiary.service.type"].create(
            [
                {
                    "name": name,
                    "committee_id": cls.committee.id,
                    "sla_days": 15,
                    "sla_at_risk_days": 3,
                    "portal_published": True,
                    "code": f"B-S{i}",
                }
                for i, name in enumerate(("Food basket", "Rent support", "School kit", "Medical aid"))
            ]
        )
        cls.channels = cls.env["beneficiary.channel"].search([])
        cls.complaint_categories = cls.env["beneficiary.complaint.category"].search(
            [("company_id", "in", (cls.company.id, False))]
        )
        start = time.perf_counter()
        cls._generate()
        _logger.info("dataset generated in %.1f s", time.perf_counter() - start)
        portal_big, portal_small = cls.env["beneficiary.beneficiary"].browse(cls.beneficiary_ids[:2])
        for beneficiary, login in ((portal_big, "bench_portal_big"), (portal_small, "bench_portal_small")):
            new_test_user(
                cls.env,
                login,
                groups="base.group_portal",
                partner_id=beneficiary.partner_id.id,
                name=beneficiary.name,
                email=f"{login}@example.com",
            )

    # ------------------------------------------------------------------ dataset
    @classmethod
    def _execute(cls, query, *args, **kwargs):
        # plain psycopg2 parameters (``%%`` is the modulo operator here)
        cls.env.cr.execute(query, args or kwargs)
        return cls.env.cr.fetchall() if cls.env.cr.description else None

    @classmethod
    def _generate(cls):
        cr = cls.env.cr
        cls.env.flush_all()
        company, uid, now = cls.company.id, cls.env.uid, cls.now
        sa = cls.env.ref("base.sa").id
        # contacts first: beneficiaries are res.partner rows through _inherits. Ids are
        # drawn from the sequences into numbered temporary tables, so that the rows are
        # joined by number (hash joins), never looked up in long arrays.
        cls._execute(
            """
            CREATE TEMPORARY TABLE bench_partner AS
            SELECT nextval('res_partner_id_seq')::int AS id, g AS n FROM generate_series(1, %s) g
            """,
            N_BENEFICIARIES,
        )
        cls._execute(
            """
            INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, company_id,
                type, active, is_company, lang, country_id, mobile, partner_share, create_uid,
                write_uid, create_date, write_date, autopost_bills)
            SELECT p.id, p.id, 'Beneficiary ' || p.n, 'Beneficiary ' || p.n, %(company)s, 'contact',
                TRUE, FALSE, 'en_US', %(sa)s, '+9665' || lpad((10000000 + p.n)::text, 8, '0'), TRUE,
                %(uid)s, %(uid)s, %(now)s - interval '1 day' * (p.n %% 1095), %(now)s, 'ask'
            FROM bench_partner p
            """,
            company=company,
            sa=sa,
            uid=uid,
            now=now,
        )
        category_ids = cls.categories.ids
        officer_by_category = {
            lia.category_id.id: lia.user_id.id for lia in cls.env["beneficiary.liaison"].search([])
        }
        cls._execute(
            """
            CREATE TEMPORARY TABLE bench_beneficiary AS
            SELECT nextval('beneficiary_beneficiary_id_seq')::int AS id, p.n, bp.id AS partner_id,
                p.national_id, (%s::int[])[1 + p.n %% 3] AS category_id,
                (%s::int[])[1 + p.n %% 3] AS liaison_user_id
            FROM unnest(%s::text[]) WITH ORDINALITY AS p(national_id, n)
            JOIN bench_partner bp ON bp.n = p.n
            """,
            category_ids,
            [officer_by_category[c] for c in category_ids],
            [_id_number(20_000_000 + i) for i in range(N_BENEFICIARIES)],
        )
        cls._execute("CREATE UNIQUE INDEX ON bench_beneficiary (n)")
        cls._execute("ANALYZE bench_beneficiary")
        cls._execute(
            """
            INSERT INTO beneficiary_beneficiary (id, partner_id, reference, kind, state, active,
                company_id, national_id, id_type, category_id, liaison_user_id,
                create_uid, write_uid, create_date, write_date)
            SELECT b.id, b.partner_id, 'BEN-' || lpad(b.n::text, 7, '0'), 'individual', 'active', TRUE,
                %(company)s, b.national_id, 'national_id', b.category_id, b.liaison_user_id,
                %(uid)s, %(uid)s, %(now)s, %(now)s
            FROM bench_beneficiary b
            """,
            company=company,
            uid=uid,
            now=now,
        )
        cls.beneficiary_ids = [
            row[0] for row in cls._execute("SELECT id FROM bench_beneficiary WHERE n <= 2 ORDER BY n")
        ]
        # requests: the first beneficiary has BIG_PORTAL of them, the second SMALL_PORTAL,
        # the rest are spread. g % 3 = 0: open (clock running); of those, one in 20 is past
        # its deadline and not flagged yet (the cron's work), two in 20 were flagged and
        # escalated long ago; the others are decided or cancelled over 3 years.
        cls._execute(
            """
            INSERT INTO beneficiary_service_request (name, state, company_id, beneficiary_id,
                partner_id, category_id, service_type_id, channel_id, committee_id, received_by_id,
                date_received, date_complete, date_referred, date_decision, decided_by_id,
                sla_start_date, sla_days, sla_deadline, sla_at_risk_date, sla_status, sla_stop_date,
                sla_breached_on, escalation_level, sla_paused_days, sla_working_days_used, sla_in_time,
                data_verified, create_uid, write_uid, create_date, write_date)
            SELECT 'REQ/' || lpad(r.g::text, 7, '0'), r.state, %(company)s, b.id, b.partner_id,
                b.category_id, (%(services)s::int[])[1 + r.g %% 4],
                (%(channels)s::int[])[1 + r.g %% %(n_channels)s], %(committee)s, %(uid)s,
                r.start - interval '2 days', r.start, CASE WHEN r.state != 'complete' THEN r.start END,
                r.stop, CASE WHEN r.stop IS NOT NULL THEN %(uid)s END,
                r.start, 15, r.deadline, r.deadline - interval '4 days', r.sla_status, r.stop,
                CASE WHEN r.sla_status = 'breached' THEN r.deadline + interval '1 day' END,
                r.escalation, 0,
                CASE WHEN r.stop IS NOT NULL THEN 5 + r.g %% 20 END,
                CASE WHEN r.stop IS NULL OR r.state = 'cancelled' THEN NULL
                     WHEN r.sla_status = 'met' THEN 100 ELSE 0 END,
                TRUE, %(uid)s, %(uid)s, r.start, r.start
            FROM (
                SELECT s.*,
                    CASE WHEN s.open AND s.kind = 0 THEN 'on_track'
                         WHEN s.open AND s.kind IN (1, 2) THEN 'breached'
                         WHEN s.open AND s.deadline - interval '4 days' <= %(now)s THEN 'at_risk'
                         WHEN s.open THEN 'on_track'
                         WHEN s.state = 'cancelled' THEN NULL
                         WHEN s.g %% 7 = 0 THEN 'breached'
                         ELSE 'met' END AS sla_status,
                    CASE WHEN s.open AND s.kind IN (1, 2) THEN 3 ELSE 0 END AS escalation
                FROM (
                    SELECT q.*,
                        q.start + interval '21 days' AS deadline,
                        CASE WHEN q.open THEN NULL ELSE q.start + interval '1 day' * (3 + q.g %% 25) END AS stop
                    FROM (
                        SELECT g, g %% 3 = 0 AS open, (g / 3) %% 20 AS kind,
                            CASE WHEN g %% 3 = 0 AND (g / 3) %% 5 < 2 THEN 'complete'
                                 WHEN g %% 3 = 0 THEN 'in_review'
                                 ELSE (ARRAY['delivered', 'delivered', 'delivered', 'rejected',
                                     'registered', 'accepted', 'cancelled', 'delivered', 'rejected',
                                     'delivered'])[1 + (g / 3) %% 10] END AS state,
                            CASE
                                -- new breaches: deadline 1 to 10 days ago
                                WHEN g %% 3 = 0 AND (g / 3) %% 20 = 0
                                    THEN %(now)s - interval '21 days' - interval '1 day' * (1 + (g / 60) %% 10)
                                -- flagged long ago: deadline 20 to 60 days ago
                                WHEN g %% 3 = 0 AND (g / 3) %% 20 IN (1, 2)
                                    THEN %(now)s - interval '21 days' - interval '1 day' * (20 + g %% 40)
                                -- running: deadline in 1 to 20 days
                                WHEN g %% 3 = 0
                                    THEN %(now)s - interval '21 days' + interval '1 day' * (1 + g %% 20)
                                -- decided: received over the last 3 years
                                ELSE %(now)s - interval '30 days' - interval '1 hour' * ((g::bigint * 7919) %% 26280)
                            END AS start
                        FROM generate_series(1, %(n)s) g
                    ) q
                ) s
            ) r
            JOIN bench_beneficiary b ON b.n =
                CASE WHEN r.g <= %(big)s THEN 1 WHEN r.g <= %(big)s + %(small)s THEN 2
                     ELSE 3 + r.g %% (%(n_beneficiaries)s - 2) END
            """,
            company=company,
            services=cls.services.ids,
            channels=cls.channels.ids,
            n_channels=len(cls.channels),
            committee=cls.committee.id,
            uid=uid,
            now=now,
            n=N_REQUESTS,
            big=BIG_PORTAL,
            small=SMALL_PORTAL,
            n_beneficiaries=N_BENEFICIARIES,
        )
        cls._execute(
            """
            INSERT INTO beneficiary_complaint (name, state, company_id, kind, category_id, subject,
                priority, channel_id, date_received, beneficiary_id, beneficiary_category_id,
                partner_id, sla_start_date, sla_days, sla_deadline, sla_at_risk_date, sla_status,
                sla_stop_date, escalation_level, sla_paused_days, sla_in_time, create_uid,
                write_uid, create_date, write_date)
            SELECT 'CMP/' || lpad(c.g::text, 7, '0'), c.state, %(company)s, cat.kind, cat.id,
                'Complaint ' || c.g, '0', (%(channels)s::int[])[1 + c.g %% %(n_channels)s], c.start,
                b.id, b.category_id, b.partner_id, c.start, 10, c.start + interval '14 days',
                c.start + interval '10 days',
                CASE WHEN c.state IN ('new', 'acknowledged', 'investigating') THEN
                        CASE WHEN c.start + interval '14 days' < %(now)s THEN 'breached' ELSE 'on_track' END
                     WHEN c.g %% 6 = 0 THEN 'breached' ELSE 'met' END,
                CASE WHEN c.state NOT IN ('new', 'acknowledged', 'investigating')
                     THEN c.start + interval '1 day' * (2 + c.g %% 15) END,
                CASE WHEN c.state IN ('new', 'acknowledged', 'investigating')
                     AND c.start + interval '14 days' < %(now)s THEN 3 ELSE 0 END,
                0,
                CASE WHEN c.state IN ('new', 'acknowledged', 'investigating') THEN NULL
                     WHEN c.g %% 6 = 0 THEN 0 ELSE 100 END,
                %(uid)s, %(uid)s, c.start, c.start
            FROM (
                SELECT g,
                    (ARRAY['resolved', 'resolved', 'closed', 'settled', 'rejected', 'closed',
                        'resolved', 'closed', 'new', 'investigating'])[1 + g %% 10] AS state,
                    %(now)s - interval '1 hour' * ((g::bigint * 7919) %% 26280) AS start
                FROM generate_series(1, %(n)s) g
            ) c
            JOIN bench_beneficiary b ON b.n = 3 + c.g %% (%(n_beneficiaries)s - 2)
            JOIN beneficiary_complaint_category cat ON cat.id = (%(categories)s::int[])[1 + c.g %% %(n_categories)s]
            """,
            company=company,
            channels=cls.channels.ids,
            n_channels=len(cls.channels),
            now=now,
            uid=uid,
            n=N_COMPLAINTS,
            n_beneficiaries=N_BENEFICIARIES,
            categories=cls.complaint_categories.ids,
            n_categories=len(cls.complaint_categories),
        )
        for table in (
            "res_partner",
            "beneficiary_beneficiary",
            "beneficiary_service_request",
            "beneficiary_complaint",
        ):
            cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        cls.env.invalidate_all()

    # ------------------------------------------------------------------ helpers
    def _measure(self, function, *args, **kwargs):
        """(seconds, queries, result) of ``function`` on empty caches, flush and pre-commit
        work (tracking) included."""
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        start = time.perf_counter()
        result = function(*args, **kwargs)
        self.env.flush_all()
        # what the commit would do: tracking values are written then
        self.env.cr.precommit.run()
        self.env.flush_all()
        return time.perf_counter() - start, self.cr.sql_log_count - queries, result

    def _row(self, operation, size, seconds, queries, target, met, miss=""):
        """Append a row of the table; ``miss`` says by how much a target is missed."""
        duration = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"
        verdict = "yes" if met else f"NO ({miss})" if miss else "NO"
        row = [operation, size, duration, str(queries), target, verdict]
        _logger.info("%s", " | ".join(row))
        path = os.environ.get("BR_BENCH_RESULTS")
        if path:
            with open(path, "a", encoding="utf-8") as out:
                out.write("\t".join(row) + "\n")

    @staticmethod
    def _profiled(function):
        """``function``, profiled into the log when BR_BENCH_PROFILE is set (to find where
        the time goes)."""
        if not os.environ.get("BR_BENCH_PROFILE"):
            return function

        def wrapper(*args, **kwargs):
            profile = cProfile.Profile()
            result = profile.runcall(function, *args, **kwargs)
            stream = io.StringIO()
            pstats.Stats(profile, stream=stream).sort_stats("cumulative").print_stats(60)
            _logger.info("profile of %s:\n%s", function.__name__, stream.getvalue())
            return result

        return wrapper

    @staticmethod
    def _n(number):
        return f"{number:,}"

    def _open_count(self):
        return self.env["beneficiary.service.request"].search_count(
            [("sla_status", "in", ("on_track", "at_risk"))]
        )

    # ------------------------------------------------------------------ measures
    def test_01_sla_cron(self):
        Request = self.env["beneficiary.service.request"]
        now = fields.Datetime.now()
        due_domain = [("sla_status", "in", ("on_track", "at_risk")), ("sla_deadline", "<", now)]
        newly = Request.search_count(due_domain)
        running = self._open_count() + Request.search_count(
            [("sla_status", "=", "breached"), ("sla_stop_date", "=", False)]
        )
        size = f"{self._n(newly)} new of {self._n(running)} open"
        # the reference: the flag alone, as one SQL UPDATE, then undone
        self.env.flush_all()
        self.cr.execute("SAVEPOINT bench_raw_update")
        start = time.perf_counter()
        self.cr.execute(
            SQL(
                "UPDATE beneficiary_service_request SET sla_status = 'breached', sla_breached_on = %s "
                "WHERE sla_status IN ('on_track', 'at_risk') AND sla_deadline < %s",
                now,
                now,
            )
        )
        raw_seconds = time.perf_counter() - start
        self.assertEqual(self.cr.rowcount, newly)
        self.cr.execute("ROLLBACK TO SAVEPOINT bench_raw_update")
        self.env.invalidate_all()
        seconds, queries, _result = self._measure(self._profiled(Request._cron_check_sla))
        self.assertFalse(Request.search_count(due_domain), "every breach is flagged")
        self.assertEqual(
            Request.search_count([("sla_breached_on", ">=", now)]), newly, "each new breach flagged once"
        )
        ratio = seconds / raw_seconds if raw_seconds else 0
        self._row(
            "SLA cron pass: flag, chatter message, escalation activities",
            size,
            seconds,
            queries,
            "< 30 s",
            seconds < 30,
            f"+{seconds - 30:.1f} s",
        )
        self._row(
            "  same flag as one raw SQL UPDATE (reference)",
            size,
            raw_seconds,
            1,
            f"ORM/SQL ratio {ratio:.0f}x",
            True,
        )
        seconds, queries, _result = self._measure(Request._cron_check_sla)
        self._row(
            "SLA cron pass right after, nothing new",
            f"{self._n(running)} open",
            seconds,
            queries,
            "< 1 s, < 20 queries",
            seconds < 1 and queries < 20,
            f"{seconds:.2f} s, {queries} queries",
        )

    def _portal_page(self, login):
        self.authenticate(login, login)
        self.url_open("/my/requests")  # warm-up: routing, templates, session
        queries = self.cr.sql_log_count
        start = time.perf_counter()
        response = self.url_open("/my/requests", timeout=60)
        seconds = time.perf_counter() - start
        self.assertEqual(response.status_code, 200)
        return seconds, self.cr.sql_log_count - queries

    def test_02_portal_list(self):
        small_seconds, small_queries = self._portal_page("bench_portal_small")
        big_seconds, big_queries = self._portal_page("bench_portal_big")
        self._row(
            "/my/requests, beneficiary with 10 requests",
            "10",
            small_seconds,
            small_queries,
            "(reference)",
            True,
        )
        met = big_queries == small_queries and big_seconds < 0.150
        miss = []
        if big_queries != small_queries:
            miss.append(f"{big_queries - small_queries:+d} queries")
        if big_seconds >= 0.150:
            miss.append(f"+{(big_seconds - 0.150) * 1000:.0f} ms")
        self._row(
            "/my/requests, beneficiary with 1,000 requests (page of 80)",
            self._n(BIG_PORTAL),
            big_seconds,
            big_queries,
            "queries = with 10; < 150 ms",
            met,
            ", ".join(miss),
        )

    def test_03_backend_list(self):
        Request = self.env["beneficiary.service.request"].with_user(self.manager)

        def read(domain):
            return Request.web_search_read(
                domain, LIST_SPEC, limit=80, order="sla_deadline, id desc", count_limit=10001
            )

        beneficiary = self.beneficiary_ids[0]
        read([])  # warm the caches that do not depend on the records (rules, groups)
        _s, small_queries, result = self._measure(read, [("beneficiary_id", "=", beneficiary)])
        self.assertEqual(len(result["records"]), 80)
        seconds, queries, result = self._measure(read, [])
        self.assertEqual(len(result["records"]), 80)
        miss = []
        if queries != small_queries:
            miss.append(f"{queries - small_queries:+d} queries")
        if seconds >= 0.150:
            miss.append(f"+{(seconds - 0.150) * 1000:.0f} ms")
        self._row(
            "backend list: web_search_read of 80 requests, SLA fields, by deadline",
            f"80 of {self._n(N_REQUESTS)}",
            seconds,
            queries,
            f"< 150 ms; queries = with {self._n(BIG_PORTAL)} ({small_queries})",
            not miss,
            ", ".join(miss),
        )

    def test_04_compliance_report(self):
        year = self.now.year - 1
        Report = self.env["beneficiary.compliance.report"].with_user(self.manager)
        seconds, queries, figures = self._measure(
            Report._get_compliance_data, datetime.date(year, 1, 1), datetime.date(year, 12, 31), self.company
        )
        self.assertTrue(figures["requests"]["received"])
        size = f"{self._n(figures['requests']['received'])} requests, {self._n(figures['complaints']['received'])} complaints"
        self._row(
            f"policy-compliance report, year {year}",
            size,
            seconds,
            queries,
            "< 3 s",
            seconds < 3,
            f"+{seconds - 3:.1f} s",
        )

    def test_05_batch_create(self):
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.manager)
        vals_list = [
            {
                "name": f"New beneficiary {i}",
                "national_id": _id_number(40_000_000 + i),
                "category_id": self.categories[i % 3].id,
                "mobile": f"05{50_000_000 + i:08d}",
                "birth_date": datetime.date(1970 + i % 40, 1 + i % 12, 1 + i % 28),
            }
            for i in range(N_CREATE)
        ]
        seconds, queries, records = self._measure(Beneficiary.create, vals_list)
        self.assertEqual(len(records), N_CREATE)
        rate = N_CREATE / seconds
        self._row(
            "batch create of beneficiaries, create(vals_list), ID and mobile checked",
            self._n(N_CREATE),
            seconds,
            queries,
            ">= 500 per second",
            rate >= 500,
            f"{rate:.0f} per second",
        )
