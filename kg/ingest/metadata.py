"""Turning a metadata mapping (JSON object or YAML front matter) into Document fields."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["META_KEYS", "MetadataError", "document_fields", "parse_iso_date"]

# The contract's metadata keys for .meta.json and .jsonl, each a Document field of the
# same name. Markdown front matter maps ``source_url`` to ``url`` instead (see markdown.py).
META_KEYS: Mapping[str, str] = {
    "title": "title",
    "date": "date",
    "publisher": "publisher",
    "url": "url",
    "author": "author",
    "language": "language",
}


class MetadataError(ValueError):
    """A metadata value is unusable; the message names the key."""


# YYYY-MM-DD, optionally followed by a time ("T" or one space), as in ISO 8601 / RFC 3339.
# Written out rather than left to date.fromisoformat, whose accepted forms differ between
# Python 3.10 and 3.11.
_ISO_DATE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[Tt ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)


def parse_iso_date(value: str) -> datetime.date:
    """The calendar date of an ISO 8601 date or date-time string.

    A date-time gives the date as written (its own time zone, not converted to UTC).
    Raises ValueError for anything else, including impossible dates such as 2022-02-30.
    """
    m = _ISO_DATE.fullmatch(value.strip())
    if m is None:
        raise ValueError("not an ISO 8601 date (YYYY-MM-DD) or date-time")
    try:
        date = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError as err:
        raise ValueError(f"impossible date ({err})") from err
    if m["H"] is not None:
        hour, minute, second = int(m["H"]), int(m["M"]), int(m["S"] or 0)
        # 24:00 (end of day) and a leap second are valid ISO 8601.
        if hour > 24 or minute > 59 or second > 60 or (hour == 24 and (minute or second)):
            raise ValueError("impossible time of day")
    return date


def _type_name(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__


def _check_unicode(key: str, value: str) -> str:
    # json.loads turns an escaped lone surrogate ("\ud800") into a str that cannot be
    # encoded again: reject it here rather than crash at serialisation time.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise MetadataError(
            f"{key}: not valid Unicode ({err.reason} at index {err.start})"
        ) from err
    return value


def _scalar_str(value: Any) -> str | None:
    """A scalar as a string, or None for a value that is not a scalar."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime.date):  # also datetime.datetime
        return value.isoformat()
    return None


def _date_field(key: str, value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise MetadataError(f"{key} must be an ISO 8601 date string, not {_type_name(value)}")
    try:
        return parse_iso_date(value)
    except ValueError as err:
        raise MetadataError(f"{key} {value!r}: {err}") from err


def document_fields(meta: Mapping[Any, Any], key_map: Mapping[str, str]) -> dict[str, Any]:
    """Document keyword arguments from one metadata mapping.

    ``key_map`` maps a metadata key to the Document field it fills. Known keys must hold a
    string (``date`` an ISO 8601 string or a date); null or an empty string counts as absent.
    Every other key goes to ``extra`` if its value is a scalar (as a string) or a list of
    scalars (joined with ", "); null values and nested structures are left out.
    Raises MetadataError for a value of the wrong type or an impossible date.
    """
    fields: dict[str, Any] = {}
    extra: dict[str, str] = {}
    for raw_key, value in meta.items():
        key = str(raw_key)
        target = key_map.get(key)
        if target is None:
            if value is None:
                continue
            if isinstance(value, list | tuple):
                items = [_scalar_str(v) for v in value if v is not None]
                if items and all(s is not None for s in items):
                    extra[key] = _check_unicode(key, ", ".join(s for s in items if s is not None))
                continue
            text = _scalar_str(value)
            if text is not None:
                extra[key] = _check_unicode(key, text)
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if target == "date":
            fields["date"] = _date_field(key, value)
        elif isinstance(value, str):
            fields[target] = _check_unicode(key, value)
        else:
            raise MetadataError(f"{key} must be a string, not {_type_name(value)}")
    fields["extra"] = {k: extra[k] for k in sorted(extra)}
    return fields
