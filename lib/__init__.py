"""Pure-Python helpers of beneficiary_relations.

Nothing in this package imports Odoo, so the helpers are tested on their own
(``tests/pure``) and reused by models, reports and controllers.
"""
