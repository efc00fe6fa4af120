"""Window actions opened from a record's buttons (no Odoo import)."""


def window_action(env, xmlid, domain, context):
    """The window action ``xmlid`` on the records of ``domain``, with ``context``."""
    action = env["ir.actions.act_window"]._for_xml_id(xmlid)
    action["domain"] = domain
    action["context"] = context
    return action
