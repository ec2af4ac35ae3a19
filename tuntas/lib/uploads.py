"""Uploaded files kept outside the static root, under random names, with what they really are."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.lib.files import extension_for


def random_name(prefix: str, filename: str) -> str:
    """Return "prefix/2026/11/<random>.ext": the uploader's file name never reaches the disk."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{prefix}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}{suffix}"


class StoredFile(models.Model):
    """Fields shared by every uploaded photo or document (an abstract model)."""

    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    file: models.FileField

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def store(self, upload: UploadedFile, content_type: str) -> None:
        """Fill the fields from a checked upload and save the file under a random name."""
        self.original_name = (upload.name or "berkas")[:200]
        self.content_type = content_type
        self.size = upload.size or 0
        # The extension follows what the content is, never what the uploader named it.
        self.file.save(f"file{extension_for(content_type)}", upload, save=False)


def store_all(
    make: type[StoredFile], files: Sequence[tuple[UploadedFile, str]], **fields: object
) -> list:
    """Create one stored file row per (upload, content type), with the given fields."""
    rows = []
    for upload, content_type in files:
        row = make(**fields)
        row.store(upload, content_type)
        row.save()
        rows.append(row)
    return rows
