from odoo import Command

from .common_request import ServiceRequestCase


class EligibilityCase(ServiceRequestCase):
    """Adds eligibility criteria to the support service, which requires a document check
    and a field visit, and helpers to conclude an assessment as an assessor would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["beneficiary.eligibility.assessment"]
        Criterion = cls.env["beneficiary.eligibility.criterion"]
        cls.crit_income = Criterion.create(
            {
                "service_type_id": cls.service.id,
                "sequence": 1,
                "name": "Income under the threshold",
                "description": "Salary certificate or social security statement",
                "method": "document_check",
            }
        )
        cls.crit_other_aid = Criterion.create(
            {
                "service_type_id": cls.service.id,
                "sequence": 2,
                "name": "No other aid for the same need",
                "method": "document_check",
                "mandatory": False,
            }
        )
        cls.crit_residence = Criterion.create(
            {"service_type_id": cls.service.id, "sequence": 3, "name": "Lives in the association's area"}
        )
        cls.crit_home = Criterion.create(
            {
                "service_type_id": cls.service.id,
                "sequence": 4,
                "name": "Housing calls for support",
                "method": "field_visit",
            }
        )
        cls.service.write({"require_document_check": True, "require_field_visit": True})
        cls.source_id = cls.env.ref("beneficiary_relations.eligibility_source_official_id")
        cls.source_visit = cls.env.ref("beneficiary_relations.eligibility_source_field_visit")
        cls.beneficiary_a.write({"street": "12 Al-Suwaidi Street", "city": "Riyadh"})

    def _new_assessment(self, request, method, user=None, **vals):
        Assessment = self.Assessment.with_user(user) if user else self.Assessment
        return Assessment.create(dict({"request_id": request.id, "method": method}, **vals))

    def _conclude(self, request, method, result="eligible", recommendation=False, user=None):
        """A concluded assessment: every criterion met, a source, the result."""
        assessment = self._new_assessment(request, method, user=user)
        assessment.line_ids.met = "yes"
        assessment.write(
            {
                "source_ids": [Command.link(self.source_id.id)],
                "result": result,
                "recommendation": recommendation,
            }
        )
        assessment.action_done()
        return assessment
