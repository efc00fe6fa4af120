"""The association's date of a record's timestamp, in words: ``8 ديسمبر 2026``.

Portal pages and e-mails show when something happened (received, decided...) as the
day it was in the association's time zone (its deadline calendar's, Asia/Riyadh by
default), not the UTC day: a request received at 01:30 in Riyadh was received that
day, not the day before. The month is written in letters, so that the day and the
year never swap places in a right-to-left line::

    <span t-field="service_request.date_received" t-options="{'widget': 'local_date'}"/>

Dates (``fields.Date``) are only formatted. Option ``tz_name`` overrides the time zone,
which is otherwise the one of the record's company (or the current company).
"""

from markupsafe import escape

from odoo import api, fields, models

from ..lib import dates


class IrQwebFieldLocalDate(models.AbstractModel):
    _name = "ir.qweb.field.local_date"
    _description = "QWeb Field Local Date in Words"
    _inherit = "ir.qweb.field.date"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options.update(tz_name={"type": "char", "string": self.env._("Optional timezone name")})
        return options

    @api.model
    def record_to_html(self, record, field_name, options):
        if not options.get("tz_name") and "company_id" in record._fields and record.company_id:
            options = dict(options, tz_name=record.company_id._beneficiary_tz())
        return super().record_to_html(record, field_name, options)

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return ""
        if isinstance(value, str):
            value = fields.Datetime.to_datetime(value) if len(value) > 10 else fields.Date.to_date(value)
        day = dates.local_date(value, options.get("tz_name") or self.env.company._beneficiary_tz())
        return escape(dates.format_day(day, self.env.lang or "en_US"))
