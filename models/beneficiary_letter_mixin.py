import pytz

from odoo import fields, models
from odoo.exceptions import UserError


class BeneficiaryLetterMixin(models.AbstractModel):
    """What the letters of requests and complaints share: the recipient's language and
    the association's calendar day of an event, whoever prints the letter and wherever
    they are. For models with ``partner_id`` and ``company_id``."""

    _name = "beneficiary.letter.mixin"
    _inherit = ["beneficiary.sla.mixin"]
    _description = "Letters to Beneficiaries"

    # {key: report xml id} of the model's letters, in the order the portal lists them
    _letter_reports = {}

    def _letter_labels(self):
        """{key: label} of the model's letters on the portal."""
        return {"acknowledgement": self.env._("Acknowledgement Letter")}

    def _letter_can_print(self, letter, portal=False):
        """Whether ``letter`` (a key of ``_letter_reports``) makes sense for the record
        now; ``portal``: for its beneficiary on the portal."""
        return False

    def _letter_refusal(self, letter):
        """Why ``letter`` cannot be printed for the record yet (a sentence for the user)."""
        raise NotImplementedError

    def _letter_check_printable(self, letter):
        """Refuse ``letter`` when it does not make sense for one of the records yet."""
        for record in self:
            if not record._letter_can_print(letter):
                raise UserError(record._letter_refusal(letter))

    def _portal_letters(self):
        """{key: (report xml id, label)} of the letters the beneficiary may download."""
        self.ensure_one()
        labels = self._letter_labels()
        return {
            key: (report, labels[key])
            for key, report in self._letter_reports.items()
            if self._letter_can_print(key, portal=True)
        }

    def _letter_lang(self):
        """The recipient's language, else the association's."""
        self.ensure_one()
        return self.partner_id.lang or self.company_id.partner_id.lang or self.env.lang or "en_US"

    def _letter_tz(self):
        """The time zone of the association's working calendar (Riyadh by default)."""
        self.ensure_one()
        return self._sla_calendars()[self._sla_company().id].tz.zone

    def _letter_date(self, value):
        """``value`` (a UTC datetime) as a date in the association's time zone: letters
        date events on the day they happened there."""
        self.ensure_one()
        if not value:
            return False
        value = fields.Datetime.to_datetime(value)
        return pytz.utc.localize(value).astimezone(pytz.timezone(self._letter_tz())).date()

    def _get_report_base_filename(self):
        """The name of a letter downloaded from the portal (its reference)."""
        self.ensure_one()
        return self.name or self.display_name
