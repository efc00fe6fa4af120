from odoo.tests import tagged

from .common_request import ServiceRequestCase


@tagged("post_install", "-at_install")
class TestLowRatingComplaint(ServiceRequestCase):
    """A low rating calls the beneficiary back and, where the association asks for it,
    opens a complaint linked to the rated record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.category_service = cls.Complaint.category_id.create({"name": "Service quality", "sequence": 1})
        cls.category_low = cls.Complaint.category_id.create({"name": "Low satisfaction", "sequence": 5})
        cls.channel_portal = cls.env.ref("beneficiary_relations.channel_portal")

    def _rated_request(self, rate, feedback="Nobody called me"):
        request = self._bring_to(self._new_request(), "delivered")
        request.rating_apply(rate, token=request._portal_rating_token(), feedback=feedback)
        return request

    def _follow_ups(self):
        return self.Complaint.search([("beneficiary_id", "=", self.beneficiary_a.id)])

    def test_activity_only_by_default(self):
        request = self._rated_request(1)
        self.assertTrue(request.activity_ids.filtered(lambda a: a.user_id == self.officer_a))
        self.assertFalse(self._follow_ups(), "no complaint unless the association asks for it")

    def test_low_rating_opens_a_complaint(self):
        self.company.beneficiary_low_rating_complaint = True
        request = self._rated_request(1)
        complaint = self._follow_ups()
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.request_id, request)
        self.assertEqual(complaint.channel_id, self.channel_portal)
        self.assertEqual(complaint.category_id, self.category_service, "the first category by default")
        self.assertEqual(complaint.partner_id, self.beneficiary_a.partner_id)
        self.assertIn("Nobody called me", complaint.description)
        self.assertIn(request.name, complaint.subject)
        self.assertTrue(request.activity_ids, "the call-back is kept as well")

    def test_good_rating_and_threshold(self):
        self.company.write(
            {
                "beneficiary_low_rating_complaint": True,
                "beneficiary_low_rating_category_id": self.category_low.id,
            }
        )
        request = self._rated_request(3)
        self.assertFalse(self._follow_ups(), "Okay is not low by default")
        self.assertFalse(request.activity_ids)
        self.company.beneficiary_low_rating_threshold = "3"
        self._rated_request(3)
        self.assertEqual(self._follow_ups().category_id, self.category_low)

    def test_low_rating_of_a_complaint(self):
        self.company.beneficiary_low_rating_complaint = True
        rated = self.Complaint.create(
            {
                "subject": "Late basket",
                "category_id": self.category_service.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        rated.action_acknowledge()
        rated.resolution = "<p>Delivered</p>"
        rated.action_resolve()
        rated.rating_apply(1, token=rated._portal_rating_token())
        follow_up = self._follow_ups() - rated
        self.assertEqual(follow_up.rated_complaint_id, rated)
        self.assertEqual(follow_up.state, "acknowledged", "acknowledged on arrival, as every complaint")
