from django.db import migrations

CATEGORIES = [
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


def seed(apps, schema_editor):
    Category = apps.get_model("issues", "Category")
    for order, (code, name) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("issues", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
