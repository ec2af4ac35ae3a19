"""The categories a new installation starts with (the data migration holds the same list)."""

from __future__ import annotations

DEFAULT_CATEGORIES = [
    ("lahan", "Lahan"),
    ("perizinan", "Perizinan"),
    ("anggaran", "Anggaran"),
    ("pengadaan", "Pengadaan barang/jasa"),
    ("regulasi", "Regulasi"),
    ("utilitas", "Utilitas (air, listrik, telekomunikasi)"),
    ("sdm", "SDM"),
    ("data", "Data"),
    ("koordinasi-teknis", "Koordinasi teknis"),
    ("sosial", "Sosial"),
    ("lainnya", "Lainnya"),
]


def categories_ensure() -> None:
    """Create the default categories that are missing (tests whose database was flushed)."""
    from tuntas.issues.models import Category

    for order, (code, name) in enumerate(DEFAULT_CATEGORIES, start=1):
        Category.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order * 10})
