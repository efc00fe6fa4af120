"""Working-day arithmetic for deadlines (no Odoo import).

A :class:`WorkingCalendar` holds what a ``resource.calendar`` says about working time,
as plain data: its attendances (weekday, hours, optional week type and date range),
its public holidays (leaves) and its time zone. It reads them the way Odoo's
``resource.calendar`` does (``_work_intervals_batch``, ``plan_days``): a day is a
working day when some working time is left on it once the leaves are taken off, and
that day closes at the end of its last working interval (a short Thursday or a
Ramadan day closes earlier than the others).

Deadlines count whole working days: a deadline ``n`` working days after a moment is the
closing time of the ``n``-th working day after that moment's day (the day itself never
counts). The calendar computes each day once, keeps the working days it has seen in a
sorted list and answers from it with a binary search, so that a list of hundreds of
records asks nothing of the database and little of Python.

Datetimes given to and returned by the calendar are naive UTC, as Odoo stores them;
dates are the calendar's local dates.
"""

import bisect
import datetime
import math
import threading
from typing import NamedTuple

import pytz

# Sunday to Thursday, the Saudi working week (Python numbering, Monday = 0).
SAUDI_WEEKDAYS = frozenset({6, 0, 1, 2, 3})
DEFAULT_TZ = "Asia/Riyadh"

_ONE_DAY = datetime.timedelta(days=1)
# the days computed at once when the calendar needs more of them
_CHUNK = 366
# a calendar with no working day in ten years has none at all
_MAX_SPAN = 3660


class Attendance(NamedTuple):
    """One working interval of a weekday, as ``resource.calendar.attendance`` has it."""

    weekday: int  # Monday = 0
    hour_from: float
    hour_to: float
    week_type: int | None = None  # 0 or 1 in two-week calendars
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def week_type(day):
    """The week type (0 or 1) of ``day`` in a two-week calendar, as
    ``resource.calendar.attendance.get_week_type`` computes it."""
    return ((day.toordinal() - 1) // 7) % 2


def hours_to_time(hours):
    """The time of day of ``hours`` (8.5 -> 08:30), as Odoo's ``float_to_time``: 24 is
    the very end of the day."""
    if hours >= 24:
        return datetime.time.max
    fractional, integral = math.modf(hours)
    return datetime.time(int(integral), math.floor(60 * fractional + 0.5))


class WorkingCalendar:
    """Working days and closing times of one calendar, computed lazily and kept."""

    def __init__(self, attendances, leaves=(), tz=DEFAULT_TZ, two_weeks=False):
        """``attendances``: :class:`Attendance` rows; ``leaves``: ``(start, end)`` naive
        UTC datetimes of public holidays (whole or part of days); ``two_weeks``: the
        attendances alternate between week types 0 and 1."""
        self.tz = pytz.timezone(tz or DEFAULT_TZ)
        self.two_weeks = bool(two_weeks)
        self._by_weekday = {weekday: [] for weekday in range(7)}
        for attendance in attendances:
            if attendance.hour_to > attendance.hour_from:
                self._by_weekday[attendance.weekday].append(attendance)
        if not any(self._by_weekday.values()):
            raise ValueError("A calendar needs at least one working interval.")
        # leave pieces per local date: [(start, end)] as local naive datetimes
        self._leaves = {}
        for start, end in leaves:
            local_start = self._to_local(start)
            local_end = self._to_local(end)
            day = local_start.date()
            while day <= local_end.date():
                midnight = datetime.datetime.combine(day, datetime.time())
                piece = (max(local_start, midnight), min(local_end, midnight + _ONE_DAY))
                if piece[0] < piece[1]:
                    self._leaves.setdefault(day, []).append(piece)
                day += _ONE_DAY
        self._intervals = {}
        # working days already computed: ordinals in [lo, hi), sorted
        self._lock = threading.Lock()
        self._span = (0, 0, ())

    @classmethod
    def weekly(cls, weekdays=SAUDI_WEEKDAYS, holidays=(), tz=DEFAULT_TZ, hour_from=8.0, hour_to=16.0):
        """The same hours on each of ``weekdays``, with whole-day ``holidays`` (dates)."""
        attendances = [Attendance(weekday, hour_from, hour_to) for weekday in weekdays]
        zone = pytz.timezone(tz or DEFAULT_TZ)
        leaves = []
        for day in holidays:
            start = zone.localize(datetime.datetime.combine(day, datetime.time()))
            end = zone.localize(datetime.datetime.combine(day + _ONE_DAY, datetime.time()))
            leaves.append(
                (
                    start.astimezone(pytz.utc).replace(tzinfo=None),
                    end.astimezone(pytz.utc).replace(tzinfo=None),
                )
            )
        return cls(attendances, leaves, tz)

    @classmethod
    def calendar_days(cls, tz=DEFAULT_TZ):
        """Every day counts, whole (legal deadlines in calendar days); a deadline is the
        end of its day."""
        return cls([Attendance(weekday, 0.0, 24.0) for weekday in range(7)], (), tz)

    # ------------------------------------------------------------------ one day
    def _to_local(self, value):
        return pytz.utc.localize(value).astimezone(self.tz).replace(tzinfo=None)

    def _to_utc(self, local):
        return self.tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def local_date(self, value):
        """The calendar-local date of a naive UTC datetime."""
        return self._to_local(value).date()

    def work_intervals(self, day):
        """The working intervals of ``day`` once the leaves are taken off, as sorted
        ``(start, end)`` local naive datetimes."""
        intervals = self._intervals.get(day)
        if intervals is None:
            intervals = self._intervals[day] = self._compute_intervals(day)
        return intervals

    def _compute_intervals(self, day):
        parity = week_type(day) if self.two_weeks else None
        intervals = []
        for attendance in self._by_weekday[day.weekday()]:
            if parity is not None and (attendance.week_type or 0) != parity:
                continue
            if (attendance.date_from and day < attendance.date_from) or (
                attendance.date_to and attendance.date_to < day
            ):
                continue
            intervals.append(
                (
                    datetime.datetime.combine(day, hours_to_time(attendance.hour_from)),
                    datetime.datetime.combine(day, hours_to_time(attendance.hour_to)),
                )
            )
        for leave_start, leave_end in self._leaves.get(day, ()):
            remaining = []
            for start, end in intervals:
                if leave_end <= start or end <= leave_start:
                    remaining.append((start, end))
                    continue
                if start < leave_start:
                    remaining.append((start, leave_start))
                if leave_end < end:
                    remaining.append((leave_end, end))
            intervals = remaining
        return sorted(interval for interval in intervals if interval[0] < interval[1])

    def is_working_day(self, day):
        return bool(self.work_intervals(day))

    def closing_time(self, day):
        """The naive UTC datetime at which working day ``day`` ends (the end of its last
        working interval; the end of the day for a day without working time)."""
        intervals = self.work_intervals(day)
        end = intervals[-1][1] if intervals else datetime.datetime.combine(day, datetime.time.max)
        return self._to_utc(end).replace(microsecond=0)

    def opening_time(self, day):
        """The naive UTC datetime at which ``day`` starts (local midnight)."""
        return self._to_utc(datetime.datetime.combine(day, datetime.time()))

    # ------------------------------------------------------------------ many days
    def _working_days(self, first, last):
        """The sorted ordinals of the working days known, computed at least from ``first``
        to ``last`` (ordinals)."""
        lo, hi, days = self._span
        if lo <= first and last < hi:
            return days
        with self._lock:
            lo, hi, days = self._span
            if not days and not hi:
                lo = hi = first
            new_lo = min(lo, first - _CHUNK) if first < lo else lo
            new_hi = max(hi, last + _CHUNK) if last >= hi else hi
            before = [
                ordinal
                for ordinal in range(new_lo, lo)
                if self.is_working_day(datetime.date.fromordinal(ordinal))
            ]
            after = [
                ordinal
                for ordinal in range(hi, new_hi)
                if self.is_working_day(datetime.date.fromordinal(ordinal))
            ]
            days = tuple(before) + tuple(days) + tuple(after)
            self._span = (new_lo, new_hi, days)
            return days

    def add_days(self, start, count):
        """The ``count``-th working day after date ``start`` (``start`` itself never
        counts); ``count <= 0`` returns ``start``."""
        if count <= 0:
            return start
        first = start.toordinal() + 1
        last = first + count
        while True:
            days = self._working_days(first, last)
            index = bisect.bisect_left(days, first) + count - 1
            if index < len(days):
                return datetime.date.fromordinal(days[index])
            if last - first > _MAX_SPAN * count:
                raise ValueError("No working day found: the calendar is all holidays.")
            last = self._span[1]  # the first day not computed yet

    def count_days(self, start, end):
        """Number of working days ``d`` with ``start < d <= end`` (0 when ``end <= start``)."""
        if end <= start:
            return 0
        first, last = start.toordinal() + 1, end.toordinal()
        days = self._working_days(first, last)
        return bisect.bisect_right(days, last) - bisect.bisect_left(days, first)

    def subtract_days(self, end, count):
        """The latest date ``d`` such that ``count_days(d, end) >= count``: a deadline on or
        before ``d`` is at least ``count`` working days in the past on ``end``."""
        if count <= 0:
            return end
        last = end.toordinal()
        first = last - count
        while True:
            days = self._working_days(first, last)
            index = bisect.bisect_right(days, last) - count
            if index >= 0:
                return datetime.date.fromordinal(days[index] - 1)
            if last - first > _MAX_SPAN * count:
                raise ValueError("No working day found: the calendar is all holidays.")
            first = self._span[0] - 1  # the last day not computed yet

    def previous_days(self, end, count):
        """The ``count``-th working day before date ``end`` (``end`` itself never counts);
        ``count <= 0`` returns ``end``."""
        if count <= 0:
            return end
        return self.subtract_days(end - _ONE_DAY, count) + _ONE_DAY

    # ------------------------------------------------------------------ deadlines
    def add(self, start, days):
        """Deadline ``days`` working days after the naive UTC datetime ``start``: the
        closing time of that working day."""
        return self.closing_time(self.add_days(self.local_date(start), days))

    def count(self, start, end):
        """Working days from the day of ``start`` (excluded) to the day of ``end``."""
        return self.count_days(self.local_date(start), self.local_date(end))

    def cutoff(self, now, days):
        """Deadlines before the returned naive UTC datetime are at least ``days`` working
        days late at ``now`` (``days = 0``: any deadline already passed)."""
        if days <= 0:
            return now
        day = self.subtract_days(self.local_date(now), days)
        return self.opening_time(day + _ONE_DAY)

    def at_risk_from(self, deadline, days):
        """The naive UTC datetime from which at most ``days`` working days are left before
        ``deadline``: the start of the ``days``-th working day before the deadline's day."""
        day = self.local_date(deadline)
        if days > 0:
            day = self.previous_days(day, days)
        return self.opening_time(day)


# ---------------------------------------------------------------------- date helpers
# The same arithmetic on a plain week of working days and whole-day holidays.
def is_working_day(day, weekdays, holidays=()):
    return day.weekday() in weekdays and day not in holidays


def _weekly(weekdays, holidays):
    if not weekdays:
        raise ValueError("A calendar needs at least one working weekday.")
    return WorkingCalendar.weekly(weekdays, holidays)


def add_working_days(start, days, weekdays=SAUDI_WEEKDAYS, holidays=()):
    """The date of the ``days``-th working day after ``start`` (``start`` itself does not
    count, whatever it is). ``days <= 0`` returns ``start``.

    >>> add_working_days(datetime.date(2026, 3, 12), 1)  # Thursday -> Sunday
    datetime.date(2026, 3, 15)
    """
    if days <= 0:
        return start
    return _weekly(weekdays, holidays).add_days(start, days)


def count_working_days(start, end, weekdays=SAUDI_WEEKDAYS, holidays=()):
    """Number of working days ``d`` with ``start < d <= end`` (0 when ``end <= start``).

    It is the inverse of :func:`add_working_days`: for ``end`` a working day,
    ``count_working_days(start, add_working_days(start, n)) == n``.
    """
    if end <= start:
        return 0
    return _weekly(weekdays, holidays).count_days(start, end)


def subtract_working_days(end, days, weekdays=SAUDI_WEEKDAYS, holidays=()):
    """The latest date ``d`` such that ``count_working_days(d, end) >= days``: a deadline
    on or before ``d`` is at least ``days`` working days in the past on ``end``."""
    if days <= 0:
        return end
    return _weekly(weekdays, holidays).subtract_days(end, days)
