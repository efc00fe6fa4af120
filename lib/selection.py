"""The labels of a selection field as the reader reads them (no Odoo import): the
environment's language, and the selection computed for the model when it is a method."""


def selection_labels(model, field_name):
    """``{value: label}`` of the selection field ``field_name`` of ``model`` (a
    recordset), translated in the language of its environment."""
    return dict(model._fields[field_name]._description_selection(model.env))


def selection_label(model, field_name, value):
    """The label of ``value`` (one of the field's values) of the selection field
    ``field_name`` of ``model``."""
    return selection_labels(model, field_name)[value]
