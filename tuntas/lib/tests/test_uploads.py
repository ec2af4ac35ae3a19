from tuntas.lib.uploads import random_name


def test_the_uploaders_name_never_reaches_the_disk():
    name = random_name("issues", "Surat Kadis PUPR.PDF")
    assert name.startswith("issues/")
    assert "Surat" not in name and "Kadis" not in name
    assert name.endswith(".pdf")


def test_two_uploads_of_the_same_name_get_different_paths():
    assert random_name("actions", "foto.jpg") != random_name("actions", "foto.jpg")
