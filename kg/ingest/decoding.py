"""Bytes to text, exactly: strict UTF-8, a leading BOM removed, nothing else changed."""

from __future__ import annotations

from pathlib import Path

__all__ = ["BOM", "DecodeProblem", "decode_utf8", "read_bytes"]

BOM = "\ufeff"


class DecodeProblem(ValueError):
    """Bytes that are not UTF-8 (or a file that cannot be read); the message says where."""


def read_bytes(path: Path) -> bytes:
    """The file's bytes; DecodeProblem (with the OS's reason) if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise DecodeProblem(f"cannot read file: {err.strerror or err}") from err


def decode_utf8(data: bytes, *, base_offset: int = 0, strip_bom: bool = True) -> str:
    """``data`` decoded as strict UTF-8, one leading BOM removed.

    Newlines and every other character are kept as they are, so that offsets into the
    result are offsets into the source. On bad bytes, raises DecodeProblem naming the byte
    offset (``base_offset`` + the offset in ``data``, i.e. the offset in the file when
    ``data`` is a slice of it).
    """
    if base_offset == 0 and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        order = "little" if data[:2] == b"\xff\xfe" else "big"
        raise DecodeProblem(f"not UTF-8: UTF-16 ({order}-endian, byte order mark {data[0]:02X} {data[1]:02X} "
                            "at the start); save the file as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.end]
        raise DecodeProblem(
            f"not UTF-8: cannot decode byte{'s' if len(bad) > 1 else ''} "
            f"{' '.join(f'0x{b:02x}' for b in bad)} at byte offset {base_offset + err.start} "
            f"({err.reason}); save the file as UTF-8"
        ) from err
    if strip_bom and text.startswith(BOM):
        text = text[1:]
    return text
