import base64

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, new_test_user

from .common import BeneficiaryFixtures

# a 1x1 transparent PNG, as a drawn signature or an uploaded scan
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)


class ServiceRequestFixtures(BeneficiaryFixtures):
    """Adds a committee, a service type with two required documents and a helper that
    brings a request to any state the way staff would."""

    @classmethod
    def _setup_beneficiary_fixtures(cls):  # pylint: disable=missing-return
        super()._setup_beneficiary_fixtures()
        cls.Request = cls.env["beneficiary.service.request"]
        cls.committee_user_2 = new_test_user(
            cls.env, "t_committee_2", groups="base.group_user,beneficiary_relations.group_committee_member"
        )
        cls.committee = cls.env["beneficiary.committee"].create(
            {
                "name": "Educational Affairs Committee",
                "kind": "educational_affairs",
                "chair_id": cls.committee_user.id,
                "member_ids": [(6, 0, cls.committee_user.ids)],
            }
        )
        cls.other_committee = cls.env["beneficiary.committee"].create(
            {
                "name": "Social Research Committee",
                "kind": "social_research",
                "chair_id": cls.committee_user_2.id,
            }
        )
        cls.doc_id = cls.env["beneficiary.document.type"].create({"name": "ID copy", "code": "T-ID"})
        cls.doc_register = cls.env["beneficiary.document.type"].create(
            {"name": "Family register", "code": "T-FR"}
        )
        cls.service = cls.env["beneficiary.service.type"].create(
            {
                "name": "Support request",
                "committee_id": cls.committee.id,
                "document_type_ids": [(6, 0, (cls.doc_id | cls.doc_register).ids)],
                "sla_days": 15,
                "sla_at_risk_days": 3,
            }
        )
        cls.channel_phone = cls.env.ref("beneficiary_relations.channel_phone")

    def _new_request(self, beneficiary=None, user=None, **vals):
        values = {
            "beneficiary_id": (beneficiary or self.beneficiary_a).id,
            "service_type_id": self.service.id,
            "channel_id": self.channel_phone.id,
            "description": "<p>Monthly food basket</p>",
        }
        values.update(vals)
        Request = self.Request.with_user(user) if user else self.Request
        return Request.create(values)

    def _prepare_complete(self, request):
        """Documents received and verified, data verified, declaration signed."""
        for document in request.document_ids:
            document.attachment_ids = [
                (0, 0, {"name": "scan.png", "datas": PNG, "res_model": document._name, "res_id": document.id})
            ]
        request.document_ids.action_verify()
        request.action_verify_data()
        request.write({"declaration_signer_name": request.beneficiary_id.name, "declaration_signature": PNG})
        request.action_sign_declaration()

    def _bring_to(self, request, state):
        order = ["draft", "submitted", "complete", "in_review", "accepted", "registered", "delivered"]
        if state == "rejected":
            self._bring_to(request, "in_review")
            request.decision_reason = "Outside the association's area"
            request.with_user(self.committee_user).action_reject()
            return request
        target = order.index(state)
        if target >= 1:
            request.action_submit()
        if target >= 2:
            self._prepare_complete(request)
            request.action_complete()
        if target >= 3:
            request.action_refer()
        if target >= 4:
            request.with_user(self.committee_user).action_accept()
        if target >= 5:
            request.action_register()
        if target >= 6:
            request.action_deliver()
        return request

    @staticmethod
    def _dt(value):
        return fields.Datetime.to_datetime(value)


class ServiceRequestCase(ServiceRequestFixtures, TransactionCase):
    pass


class ServiceRequestHttpCase(ServiceRequestFixtures, HttpCase):
    pass
