"""Recognise uploaded files by their content, never by their name."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
]


def sniff_type(head: bytes) -> str | None:
    """Return the MIME type the first bytes of a file reveal, or None."""
    for magic, mime in SIGNATURES:
        if head.startswith(magic):
            return mime
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in text):
        return "image/svg+xml"
    return None


def sniff_image_type(head: bytes) -> str | None:
    """Return the MIME type if the bytes start a PNG, JPEG or SVG image, else None."""
    mime = sniff_type(head)
    return mime if mime in {"image/png", "image/jpeg", "image/svg+xml"} else None


# Office documents are ZIP archives; the part inside tells which kind.
_OFFICE_PARTS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    ),
}
DOCUMENT_TYPES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}


def extension_for(mime: str) -> str:
    """Return the file extension that goes with a MIME type recognised here, or ""."""
    if mime in DOCUMENT_TYPES:
        return DOCUMENT_TYPES[mime]
    return next((ext for kind, ext in _OFFICE_PARTS.values() if kind == mime), "")


def sniff_document(content: BinaryIO) -> tuple[str, str] | None:
    """Return (MIME type, extension) of a photo, PDF, DOCX or XLSX file, judged by its content."""
    position = content.tell()
    head = content.read(16)
    content.seek(position)
    mime = sniff_type(head)
    if mime in DOCUMENT_TYPES:
        return mime, DOCUMENT_TYPES[mime]
    if mime == "application/zip":
        try:
            with zipfile.ZipFile(content) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            content.seek(position)
        for part, kind in _OFFICE_PARTS.items():
            if part in names:
                return kind
    return None
