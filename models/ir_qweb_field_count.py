"""Counts with their nouns, agreeing in Arabic (``lib/counting.py``), for Python and QWeb.

Python (messages, computed labels)::

    count_text(self.env, 3, "working_day")            # "3 أيام عمل" / "3 working days"
    count_text(env, 2, "participant", case="oblique")  # "مشاركَين" (after إلى, خلال...)

QWeb (portal pages, e-mails, letters), in the language the template is rendered in::

    <span t-out="object.sla_days" t-options="{'widget': 'count', 'noun': 'working_day'}"/>
    <span t-field="program.seats_available" t-options="{'widget': 'count', 'noun': 'seat_left'}"/>

Option ``case``: ``nominative`` (default) or ``oblique``. The digits are wrapped
left-to-right, as every number of the module's right-to-left pages.
"""

from odoo import api, models

from ..lib import counting
from ..lib.ltr_numbers import wrap_numbers_ltr


def count_text(env, number, noun, case="nominative"):
    """``number`` and ``noun`` (a key of ``lib.counting.NOUNS``) in ``env``'s language."""
    return counting.count_phrase(number or 0, noun, lang=env.lang or "en_US", case=case)


class IrQwebFieldCount(models.AbstractModel):
    _name = "ir.qweb.field.count"
    _description = "QWeb Field Count with its Noun"
    _inherit = "ir.qweb.field.integer"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options.update(
            noun={
                "type": "selection",
                "string": self.env._("Counted noun"),
                "params": [(noun, noun) for noun in counting.NOUNS],
                "required": True,
            },
            case={
                "type": "selection",
                "string": self.env._("Grammatical case"),
                "params": [("nominative", "nominative"), ("oblique", "oblique")],
                "default_value": "nominative",
            },
        )
        return options

    @api.model
    def value_to_html(self, value, options):
        if value is None or value is False:
            return ""
        text = count_text(self.env, value, options.get("noun"), case=options.get("case") or "nominative")
        return wrap_numbers_ltr(text)
