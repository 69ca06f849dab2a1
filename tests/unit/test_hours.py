"""Opening hours in Europe/Amsterdam time, at the edges: weekend, night, past midnight, DST changes."""
import datetime as dt

import pytest

from infopunt import hours

UTC = dt.timezone.utc
OFFICE = [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00", "close": "17:00"}]
NIGHT_CHAT = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "open": "19:00", "close": "06:00"}]
ALWAYS = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "open": "00:00", "close": "24:00"}]


@pytest.mark.parametrize(
    "utc, expected",
    [
        (dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC), True),  # Monday 09:00 CET: opens
        (dt.datetime(2026, 11, 23, 7, 59, tzinfo=UTC), False),  # Monday 08:59 CET
        (dt.datetime(2026, 11, 23, 16, 0, tzinfo=UTC), False),  # Monday 17:00 CET: closed
        (dt.datetime(2026, 11, 22, 12, 0, tzinfo=UTC), False),  # Sunday
        (dt.datetime(2026, 7, 6, 7, 30, tzinfo=UTC), True),  # Monday 09:30 CEST (summer time)
        (dt.datetime(2026, 7, 6, 15, 30, tzinfo=UTC), False),  # Monday 17:30 CEST
    ],
)
def test_office_hours(utc, expected):
    assert hours.is_open(OFFICE, utc) is expected


@pytest.mark.parametrize(
    "utc, expected",
    [
        (dt.datetime(2026, 11, 23, 2, 0, tzinfo=UTC), True),  # 03:00: after midnight, still open
        (dt.datetime(2026, 11, 23, 5, 0, tzinfo=UTC), False),  # 06:00: closed
        (dt.datetime(2026, 11, 23, 18, 0, tzinfo=UTC), True),  # 19:00: opens
        (dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC), True),  # 01:30 CET, night of the spring DST change
        (dt.datetime(2026, 3, 29, 4, 30, tzinfo=UTC), False),  # 06:30 CEST after the change
        (dt.datetime(2026, 10, 25, 4, 30, tzinfo=UTC), True),  # 05:30 CET after the autumn change
    ],
)
def test_period_past_midnight_and_dst(utc, expected):
    assert hours.is_open(NIGHT_CHAT, utc) is expected


def test_always_open_and_unknown():
    assert hours.is_open(ALWAYS, dt.datetime(2026, 12, 25, 3, 0, tzinfo=UTC)) is True
    assert hours.always_open(ALWAYS) and not hours.always_open(OFFICE)
    assert hours.is_open(None) is None


def test_naive_time_is_refused():
    with pytest.raises(ValueError):
        hours.is_open(OFFICE, dt.datetime(2026, 11, 23, 9, 0))


def test_times_are_formatted_per_locale():
    assert hours.describe(OFFICE, "nl") == "09:00–17:00"
    assert hours.describe(OFFICE, "en") == "9:00\u202fAM–5:00\u202fPM"
