"""Counts per record in one grouped query (no Odoo import)."""


def count_per(records, model, field, domain=()):
    """``{record: count}``: how many records of ``model`` have each of ``records`` in
    their many2one ``field`` (and match ``domain``); a record without any is missing."""
    return dict(records.env[model]._read_group([(field, "in", records.ids), *domain], [field], ["__count"]))
