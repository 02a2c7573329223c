"""Wikidata values as the importer needs them: QIDs from IRIs, times as dates, English text."""

from __future__ import annotations

import datetime as dt
import re

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"

QID = re.compile(r"^Q[1-9][0-9]*$")
_ENTITY_IRI = re.compile(r"^https?://www\.wikidata\.org/(?:entity|wiki)/(Q[1-9][0-9]*)$")
_TIME = re.compile(r"^([+-]?)(\d{1,16})-(\d{2})-(\d{2})(?:T.*)?$")


def qid_of(value: str) -> str | None:
    """``Q42`` from ``Q42``, ``wd:Q42`` or a Wikidata entity IRI; None for anything else."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    value = value.removeprefix("wd:")
    if QID.match(value):
        return value
    match = _ENTITY_IRI.match(value)
    return match.group(1) if match else None


def _last_day(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def parse_time(value: str, precision: int = 11, *, end: bool = False) -> dt.date | None:
    """A Wikibase time (``+2013-03-16T00:00:00Z``) or an xsd:date/dateTime as a date.

    Day precision (11) gives that day; month (10) and year (9) precision the first day of the
    period for a start and the last for an end; anything coarser, or a year before 1, None.
    """
    match = _TIME.match(value.strip())
    if not match or precision < 9:
        return None
    sign, year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if sign == "-" or year < 1 or year > 9999:
        return None
    month, day = int(month_s), int(day_s)
    try:
        if precision == 9 or month == 0:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if precision == 10 or day == 0:
            return dt.date(year, month, _last_day(year, month) if end else 1)
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_english(lang: str | None) -> bool:
    """A literal without a language tag, or tagged ``en``, ``en-…`` or ``mul``."""
    return not lang or lang == "en" or lang.startswith("en-") or lang == "mul"


def squeeze(text: str) -> str:
    """``text`` with runs of white space made one space, and no space at either end."""
    return " ".join(text.split())
