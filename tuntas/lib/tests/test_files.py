from tuntas.lib.files import sniff_image_type, sniff_type


def test_it_recognises_png_by_content_whatever_the_name():
    assert sniff_type(b"\x89PNG\r\n\x1a\n0000") == "image/png"


def test_it_recognises_svg_with_xml_prolog():
    assert sniff_image_type(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">') == (
        "image/svg+xml"
    )


def test_it_refuses_a_pdf_as_image():
    assert sniff_type(b"%PDF-1.7") == "application/pdf"
    assert sniff_image_type(b"%PDF-1.7") is None


def test_it_returns_none_for_text():
    assert sniff_type(b"nama,singkatan\n") is None
