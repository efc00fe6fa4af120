"""Working-day arithmetic for deadlines (no Odoo import).

A working day is a date whose weekday is in ``weekdays`` (Python numbering, Monday=0)
and which is not a holiday. The Odoo side builds ``weekdays`` and ``holidays`` from a
``resource.calendar`` and its leaves; everything else happens here, so that the rules
are easy to read and to test on their own.
"""

import datetime

# Sunday to Thursday, the Saudi working week.
SAUDI_WEEKDAYS = frozenset({6, 0, 1, 2, 3})

_MAX_SCAN = 3660  # ten years of calendar days: a calendar without working days stops here


def is_working_day(day, weekdays, holidays=()):
    return day.weekday() in weekdays and day not in holidays


def add_working_days(start, days, weekdays=SAUDI_WEEKDAYS, holidays=()):
    """The date of the ``days``-th working day after ``start`` (``start`` itself does not
    count, whatever it is). ``days <= 0`` returns ``start``.

    >>> add_working_days(datetime.date(2026, 3, 12), 1)  # Thursday -> Sunday
    datetime.date(2026, 3, 15)
    """
    if days <= 0:
        return start
    if not weekdays:
        raise ValueError("A calendar needs at least one working weekday.")
    day = start
    counted = 0
    for _i in range(_MAX_SCAN * max(1, days)):
        day += datetime.timedelta(days=1)
        if is_working_day(day, weekdays, holidays):
            counted += 1
            if counted == days:
                return day
    raise ValueError("No working day found: the calendar is all holidays.")


def count_working_days(start, end, weekdays=SAUDI_WEEKDAYS, holidays=()):
    """Number of working days ``d`` with ``start < d <= end`` (0 when ``end <= start``).

    It is the inverse of :func:`add_working_days`: for ``end`` a working day,
    ``count_working_days(start, add_working_days(start, n)) == n``.
    """
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, weekdays, holidays):
            count += 1
    return count


def subtract_working_days(end, days, weekdays=SAUDI_WEEKDAYS, holidays=()):
    """The latest date ``d`` such that ``count_working_days(d, end) >= days``: a deadline
    on or before ``d`` is at least ``days`` working days in the past on ``end``."""
    if days <= 0:
        return end
    if not weekdays:
        raise ValueError("A calendar needs at least one working weekday.")
    day = end
    counted = 0
    for _i in range(_MAX_SCAN * max(1, days)):
        if is_working_day(day, weekdays, holidays):
            counted += 1
        day -= datetime.timedelta(days=1)
        if counted == days:
            return day
    raise ValueError("No working day found: the calendar is all holidays.")
