"""Resolve a date expression against the document's date, or say nothing.

A year that neither the expression nor the document date supports is never invented:
"Feb 26" with no document date is an ``xsd:gMonthDay``; "on Thursday" with no document
date is no date at all.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.model import DateValue

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
RELATIVE_DAYS = {
    "the day before yesterday": -2, "yesterday": -1, "the previous day": -1, "last night": -1, "today": 0, "tonight": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
}
# "ten days ago", "3 days ago": that many days before the document's date
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15}
_DAYS_AGO = re.compile(r"\b(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+days\s+ago\b", re.I)
# how far after the document date a year-less date may fall and still take the document's year
LOOKAHEAD_DAYS = 31

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b")),
    ("my", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b")),
]
_WEEKDAY = re.compile(r"\b(?P<prefix>next\s+|last\s+|this\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE = re.compile(r"\b(" + "|".join(k.replace(" ", r"\s+") for k in RELATIVE_DAYS) + r")\b", re.I)
# a range of days: "7-8 March", "March 7-8", "26 to 28 October": the first day
_RANGE_TO = r"(?:\s*[-\u2013]\s*|\s+to\s+)"
_DAY_RANGE = [
    (re.compile(r"(?<![\d-])(\d{1,2})(?:st|nd|rd|th)?" + _RANGE_TO + r"\d{1,2}(?:st|nd|rd|th)?(?=\s+[A-Za-z])"), r"\1"),
    (re.compile(r"\b([A-Za-z]{3,9}\.?\s+\d{1,2})(?:st|nd|rd|th)?" + _RANGE_TO + r"\d{1,2}(?:st|nd|rd|th)?\b(?![-/.]\d)"), r"\1"),
]
_AND = re.compile(r",?\s+(?:and|&)\s+")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b")
_LAST_WEEK = re.compile(r"\blast\s+week\b", re.I)
_THIS_WEEK = re.compile(r"\b(?:earlier\s+)?this\s+week\b", re.I)
# "last month", "earlier this month", "last year", "this year": a month or a year from the document's date
_PERIOD = re.compile(r"\b(?P<which>last|(?:earlier\s+)?this)\s+(?P<period>month|year)\b", re.I)
_YEAR_ONLY = re.compile(r"^(?:in\s+)?(?P<year>(?:19|20)\d{2})$")
# "a few hours ago", "an hour ago", "20 minutes ago": the document's day
_HOURS_AGO = re.compile(r"\b(?:an?|one|a\s+few|a\s+couple\s+of|several|\d{1,2}|" + "|".join(NUMBER_WORDS)
                        + r")\s+(?:hours?|minutes?)\s+ago\b", re.I)
# a month named without a year: "last November", "November of last year" (a month alone, "in
# January", is this year's or last year's: the text does not say)
_MONTH_ONLY = re.compile(r"^(?:(?P<last>last)\s+|(?:in|early|late|mid|since|during)[\s-]+)?(?:(?:the\s+)?(?:beginning|end|middle)"
                         r"\s+of\s+)?(?P<month>[A-Z][a-z]{2,8})(?P<of_last>\s+of\s+last\s+year)?$", re.I)


# a time still to come that names no day: "next week", "later this year", "in the coming days"
_FUTURE_PERIOD = re.compile(
    r"\b(?:next|coming)\s+(?:few\s+)?(?:days?|weeks?|months?|years?|spring|summer|fall|autumn|winter)\b"
    r"|\blater\s+(?:this|in\s+the)\s+(?:week|month|year|spring|summer|fall|autumn|winter)\b"
    r"|\bin\s+the\s+(?:coming|next)\s+(?:few\s+)?(?:days|weeks|months|years)\b", re.I)


def future_period(text: str) -> bool:
    """Does the expression name a time after the document's own, without a day ("next week",
    "later this year", "in the coming days")?"""
    return _FUTURE_PERIOD.search(" ".join(text.split())) is not None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_document_year(month: int, day: int, doc_date: dt.date) -> dt.date | None:
    candidate = _make(doc_date.year, month, day)
    if candidate is None:
        return None
    if (candidate - doc_date).days > LOOKAHEAD_DAYS:
        candidate = _make(doc_date.year - 1, month, day)
    return candidate


def _date(value: dt.date) -> DateValue:
    return DateValue(value.isoformat(), "date")


def resolve_date(text: str, doc_date: dt.date | None, *, past: bool = False) -> DateValue | None:
    """The date an expression denotes, as precise as the text and document date allow.
    ``past``: the expression dates something told in the past tense, so that a month alone
    ("met in October") is the latest such month up to the document's."""
    text = " ".join(text.split())
    for pattern, replacement in _DAY_RANGE:
        text = pattern.sub(replacement, text)
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        if kind == "iso":
            value = _make(int(groups["year"]), int(groups["m"]), int(groups["day"]))
            return _date(value) if value else None
        month = MONTHS.get(groups["month"].lower())
        if month is None:
            continue
        if kind in ("mdy", "dmy"):
            value = _make(int(groups["year"]), month, int(groups["day"]))
            return _date(value) if value else None
        if kind in ("md", "dm"):
            day = int(groups["day"])
            if _make(2000, month, day) is None:  # 2000 is a leap year: accepts Feb 29
                return None
            if doc_date is not None:
                value = _with_document_year(month, day, doc_date)
                return _date(value) if value else None
            return DateValue(f"--{month:02d}-{day:02d}", "gMonthDay")
        if kind == "my":
            return DateValue(f"{int(groups['year']):04d}-{month:02d}", "gYearMonth")
    numeric = _NUMERIC.search(text)
    if numeric:
        return _numeric_date(numeric, doc_date)
    year_only = _YEAR_ONLY.match(text.strip().lower())
    if year_only:
        return DateValue(year_only.group("year"), "gYear")
    if doc_date is None:
        return None
    month_only = _MONTH_ONLY.match(text.strip())
    if month_only and month_only.group("month")[0].isupper() and month_only.group("month").lower() in MONTHS:
        return _month_of(MONTHS[month_only.group("month").lower()], doc_date,
                         last=bool(month_only.group("last")), of_last_year=bool(month_only.group("of_last")),
                         past=past)
    if _HOURS_AGO.search(text):
        return _date(doc_date)
    ago = _DAYS_AGO.search(text)
    if ago:
        n = ago.group("n").lower()
        return _date(doc_date - dt.timedelta(days=int(n) if n.isdigit() else NUMBER_WORDS[n]))
    relative = _RELATIVE.search(text)
    if relative:
        phrase = " ".join(relative.group(1).lower().split())
        return _date(doc_date + dt.timedelta(days=RELATIVE_DAYS[phrase]))
    weekday = _WEEKDAY.search(text)
    prefix = weekday.group("prefix").strip().lower() if weekday and weekday.group("prefix") else None
    if weekday and prefix in (None, "last"):
        back = (doc_date.weekday() - WEEKDAYS[weekday.group("weekday").lower()]) % 7
        if prefix == "last" and back == 0:  # "last Thursday" on a Thursday: a week before
            back = 7
        return _date(doc_date - dt.timedelta(days=back))
    period = _PERIOD.search(text)
    if period:
        last = period.group("which").lower() == "last"
        if period.group("period").lower() == "year":
            return DateValue(f"{doc_date.year - 1 if last else doc_date.year:04d}", "gYear")
        first = doc_date.replace(day=1)
        month = (first - dt.timedelta(days=1)) if last else first
        return DateValue(f"{month.year:04d}-{month.month:02d}", "gYearMonth")
    if _THIS_WEEK.search(text):  # Monday of the document's week to its date: a month if it is one
        monday = doc_date - dt.timedelta(days=doc_date.weekday())
        if (monday.year, monday.month) == (doc_date.year, doc_date.month):
            return DateValue(f"{doc_date.year:04d}-{doc_date.month:02d}", "gYearMonth")
    if _LAST_WEEK.search(text):  # Monday to Sunday before the document's week: a month if it is one
        monday = doc_date - dt.timedelta(days=doc_date.weekday() + 7)
        sunday = monday + dt.timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return DateValue(f"{monday.year:04d}-{monday.month:02d}", "gYearMonth")
    return None


def _month_of(month: int, doc_date: dt.date, *, last: bool, of_last_year: bool, past: bool) -> DateValue | None:
    """The month's year from the document's date: the year before for "November of last year";
    for "last November", the latest November before the document's month; for a month alone
    told in the past ("convened in December"), the latest up to the document's month (a
    December told in the past in March is last year's). None for a month alone otherwise ("in
    January": this year's, or next year's?)."""
    if of_last_year:
        return DateValue(f"{doc_date.year - 1:04d}-{month:02d}", "gYearMonth")
    if past and not last:
        year = doc_date.year if month <= doc_date.month else doc_date.year - 1
        return DateValue(f"{year:04d}-{month:02d}", "gYearMonth")
    if last:
        year = doc_date.year if month < doc_date.month else doc_date.year - 1
        return DateValue(f"{year:04d}-{month:02d}", "gYearMonth")
    return None


def resolve_dates(text: str, doc_date: dt.date | None) -> list[DateValue]:
    """The days of an expression that names several ("February 26 and March 4, 2022"); a
    year given once at the end holds for each. One day or none otherwise."""
    parts = _AND.split(" ".join(text.split()))
    if len(parts) > 1:
        year = re.search(r"\b\d{4}\b", parts[-1])
        values = [
            resolve_date(part if year is None or re.search(r"\b\d{4}\b", part) else f"{part}, {year.group(0)}", doc_date)
            for part in parts
        ]
        if all(v is not None for v in values) and len({v.lexical for v in values}) == len(values):
            return values
    value = resolve_date(text, doc_date)
    return [value] if value is not None else []


def _numeric_date(match: re.Match, doc_date: dt.date | None) -> DateValue | None:
    """"01/08/2022" is 8 January (US) or 1 August (most other places). Only a reading that
    is a real date counts; of two, the one within a month before the document's date, if
    exactly one is; else the text does not say which, and there is no date."""
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    readings = {d for d in (_make(year, a, b), _make(year, b, a)) if d is not None}
    if len(readings) == 2 and doc_date is not None:
        readings = {d for d in readings if -1 <= (doc_date - d).days <= LOOKAHEAD_DAYS}
    return _date(readings.pop()) if len(readings) == 1 else None


# "Updated: Feb 25, 2022", "Published: 2022-02-25", or a dateline "MOSCOW, February 24, 2022 /TASS/"
_TEXT_DATE = re.compile(
    r"(?:\b(?:Updated|Published|Posted|Date)\s*:\s*|^[ \t]*[A-Z][A-Z .'-]{1,30},\s+)"
    r"(?P<value>[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4})",
    re.MULTILINE,
)
TEXT_DATE_WINDOW = 400  # characters from the start of the text where a date line may stand
# a line that is a date alone, or a time stamp: "January 8, 2022", "8 January 2022 10:00 AM"
_DATE_LINE = re.compile(
    r"^[ \t]*(?P<value>[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4})"
    r"[ \t]*(?:[,|-]?[ \t]*\d{1,2}:\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,4})?)?[ \t]*$",
    re.MULTILINE,
)
# a verbatim record's page header: its day, day first, beside its symbol, on either side
_RECORD_SYMBOL = r"[A-Z]+(?:/[A-Z0-9.-]+)*/PV\.\d+"
_RECORD_STAMP = re.compile(
    rf"^[ \t]*(?:(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>\d{{4}})[ \t]+{_RECORD_SYMBOL}"
    rf"|{_RECORD_SYMBOL}[ \t]+(?P<day2>\d{{1,2}})/(?P<month2>\d{{1,2}})/(?P<year2>\d{{4}}))[ \t]*$",
    re.MULTILINE,
)
# a United States time stamp, month first: "01/08/2022 08:01 PM EST"
_US_STAMP = re.compile(
    r"^[ \t]*(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})[ \t]+\d{1,2}:\d{2}[ \t]*[AP]M[ \t]+(?:EST|EDT|ET)\b",
    re.MULTILINE,
)


def text_date(text: str) -> dt.date | None:
    """The document's own date from its first lines: "Updated: Feb 25, 2022", a dateline with
    a year, a line that is a date alone ("January 8, 2022") or a United States time stamp
    ("01/08/2022 08:01 PM EST"). A date without a year ("MOSCOW, April 24") gives none: no
    year is invented."""
    record = _record_date(text)
    if record is not None:
        return record
    head = text[:TEXT_DATE_WINDOW]
    stamp = _US_STAMP.search(head)
    if stamp is not None:
        try:
            return dt.date(int(stamp.group("year")), int(stamp.group("month")), int(stamp.group("day")))
        except ValueError:
            return None
    match = _TEXT_DATE.search(head) or _DATE_LINE.search(head)
    if match is None:
        return None
    value = resolve_date(match.group("value"), None)
    if value is None or value.datatype != "date":
        return None
    return dt.date.fromisoformat(value.lexical)


def _record_date(text: str) -> dt.date | None:
    """The day of a meeting from its verbatim record's page headers: a United Nations record
    ("A/70/PV.19", "S/PV.8970") prints the meeting's day, day first, beside its symbol on every
    page ("30/09/2015 A/70/PV.19"). Other numeric dates in the text are not read (an issue
    date beside another symbol is not the meeting's); headers that disagree give none."""
    days = set()
    for match in _RECORD_STAMP.finditer(text):
        day, month, year = (int(match.group(g) or match.group(g + "2")) for g in ("day", "month", "year"))
        days.add(_make(year, month, day))
    return days.pop() if len(days) == 1 else None


def date_rank(date: DateValue | None) -> int:
    """How specific a date is: a full date, a month and day, a month, a year, none."""
    if date is None:
        return 0
    return {"date": 4, "gMonthDay": 3, "gYearMonth": 2, "gYear": 1}.get(date.datatype, 0)


def compatible(a: DateValue | None, b: DateValue | None) -> bool:
    """Could both dates be the day of one event? ("--02-26" and "2022-02-26": yes)"""
    if a is None or b is None or a.lexical == b.lexical:
        return True
    (x, rx), (y, ry) = sorted(((a, date_rank(a)), (b, date_rank(b))), key=lambda d: -d[1])
    if ry == 3:  # month and day against a full date
        return rx == 4 and x.lexical[4:] == y.lexical[1:]
    if ry == 2:  # month against a full date
        return rx == 4 and x.lexical.startswith(y.lexical)
    if ry == 1:
        return rx in (2, 4) and x.lexical.startswith(y.lexical)
    return False


def after(date: DateValue, doc_date: dt.date | None) -> bool:
    """Is the date later than the document's (an event on it is still to come when the text is
    written: "visits tomorrow", "on April 1st, the European Union is having a summit")? Only
    dates with a year count; "--02-26" is never after."""
    if doc_date is None:
        return False
    cut = {"date": 10, "gYearMonth": 7, "gYear": 4}.get(date.datatype)
    return cut is not None and date.lexical[:cut] > doc_date.isoformat()[:cut]
