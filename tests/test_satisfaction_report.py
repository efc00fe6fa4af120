from odoo.tests import tagged

from .common import make_id
from .common_request import ServiceRequestCase


@tagged("post_install", "-at_install")
class TestSatisfactionReport(ServiceRequestCase):
    """Ratings analysed per category, channel, service type and complaint category.

    Category A: request R1 by phone rated 5, request R2 by e-mail rated 1, complaint C1
    (about R1) rated 3. Category B: request R3 by phone rated 5. Another association's
    rating is never shown; a rating asked and not given is not counted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel_email = cls.env.ref("beneficiary_relations.channel_email")
        cls.complaint_category = cls.env["beneficiary.complaint.category"].create({"name": "Service quality"})

        def rate(record, value):
            record.rating_apply(value, token=record._portal_rating_token())

        helper = object.__new__(cls)
        cls.r1 = helper._new_request()
        cls.r2 = helper._new_request(channel_id=cls.channel_email.id)
        cls.r3 = helper._new_request(beneficiary=cls.beneficiary_b)
        cls.unrated = helper._new_request()
        cls.unrated._portal_rating_token()
        cls.c1 = cls.env["beneficiary.complaint"].create(
            {
                "subject": "Late basket",
                "category_id": cls.complaint_category.id,
                "channel_id": cls.channel_phone.id,
                "beneficiary_id": cls.beneficiary_a.id,
                "request_id": cls.r1.id,
            }
        )
        for record, value in ((cls.r1, 5), (cls.r2, 1), (cls.c1, 3), (cls.r3, 5)):
            rate(record, value)
        other = cls.env["res.company"].create({"name": "Other association"})
        Other = cls.env(context=dict(cls.env.context, allowed_company_ids=other.ids))
        beneficiary = Other["beneficiary.beneficiary"].create(
            {
                "name": "Other beneficiary",
                "national_id": make_id(10000099),
                "category_id": Other["beneficiary.category"].create({"name": "Other", "code": "T-O"}).id,
            }
        )
        rate(
            Other["beneficiary.service.request"].create(
                {
                    "beneficiary_id": beneficiary.id,
                    "service_type_id": Other["beneficiary.service.type"].create({"name": "Other service"}).id,
                    "channel_id": cls.channel_phone.id,
                }
            ),
            1,
        )

    def _group(self, user, groupby):
        Report = self.env["beneficiary.satisfaction.report"].with_user(user)
        return {
            group: (count, round(rating, 2), satisfied, okay, unsatisfied)
            for group, count, rating, satisfied, okay, unsatisfied in Report._read_group(
                [],
                [groupby],
                [
                    "rating_count:sum",
                    "rating:avg",
                    "satisfied_count:sum",
                    "okay_count:sum",
                    "unsatisfied_count:sum",
                ],
            )
        }

    def test_figures_per_category_channel_and_type(self):
        self.assertEqual(
            self._group(self.manager, "category_id"),
            {self.category_a: (3, 3.0, 1, 1, 1), self.category_b: (1, 5.0, 1, 0, 0)},
        )
        self.assertEqual(
            self._group(self.manager, "channel_id"),
            {self.channel_phone: (3, 4.33, 2, 1, 0), self.channel_email: (1, 1.0, 0, 0, 1)},
        )
        self.assertEqual(self._group(self.manager, "service_type_id"), {self.service: (4, 3.5, 2, 1, 1)})
        self.assertEqual(
            self._group(self.manager, "record_type"),
            {"request": (3, 3.67, 2, 0, 1), "complaint": (1, 3.0, 0, 1, 0)},
        )
        complaint_line = self.env["beneficiary.satisfaction.report"].search(
            [("complaint_id", "=", self.c1.id)]
        )
        self.assertEqual(
            (complaint_line.complaint_category_id, complaint_line.request_id, complaint_line.reference),
            (self.complaint_category, self.r1, self.c1.name),
        )

    def test_officers_see_their_categories(self):
        self.assertEqual(set(self._group(self.officer_a, "category_id")), {self.category_a})
        self.assertEqual(self._group(self.officer_b, "category_id"), {self.category_b: (1, 5.0, 1, 0, 0)})
