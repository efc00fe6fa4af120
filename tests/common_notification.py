"""Fixtures of the notification tests: channels, a beneficiary on file with what a test
chooses, and the messages logged on a record."""

from .common import make_id
from .common_request import ServiceRequestCase


class NotificationCase(ServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["beneficiary.notification.log"]
        cls.channels = {
            code: cls.env.ref(f"beneficiary_relations.channel_{code}")
            for code in ("email", "sms", "whatsapp", "phone", "letter", "interview", "portal")
        }
        # nothing leaves the database in the tests unless a test chooses a gateway
        cls.env["ir.config_parameter"].sudo().set_param("beneficiary_relations.sms_provider", False)

    def _beneficiary(self, name="Saad Al-Harbi", number=20000001, **vals):
        values = {
            "name": name,
            "national_id": make_id(number),
            "category_id": self.category_a.id,
            "mobile": "0551112233",
            "email": False,
        }
        values.update(vals)
        return self.Beneficiary.create(values)

    def _logs(self, record, kind=None):
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        if kind:
            domain.append(("kind", "=", kind))
        return self.Log.search(domain, order="id")

    def _sms_of(self, log):
        if not log.mail_message_id:  # a message sent by hand (WhatsApp, call, letter) has none
            return self.env["sms.sms"]
        return self.env["sms.sms"].sudo().search([("mail_message_id", "=", log.mail_message_id.id)])

    def _mail_of(self, log):
        if not log.mail_message_id:
            return self.env["mail.mail"]
        return self.env["mail.mail"].sudo().search([("mail_message_id", "=", log.mail_message_id.id)])
