"""Whether a user's spreadsheet import is running (no Odoo import)."""

import contextvars
from contextlib import contextmanager

# set while a user's spreadsheet import (``load``) runs: a Python context variable, which no
# RPC caller can set (modules' data files load through ``_load_records`` without it)
_IMPORTING = contextvars.ContextVar("beneficiary_workflow_importing", default=False)


@contextmanager
def user_import():
    """While a user's spreadsheet import (``load``) runs: its rows are a caller's values,
    checked as any caller's (modules' data files are not)."""
    token = _IMPORTING.set(True)
    try:
        yield
    finally:
        _IMPORTING.reset(token)


def is_user_import():
    return _IMPORTING.get()
