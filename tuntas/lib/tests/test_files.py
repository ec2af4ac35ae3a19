import io
import zipfile

from tuntas.lib.files import sniff_document, sniff_image_type, sniff_type


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


def _zip_with(part: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<x/>")
    buffer.seek(0)
    return buffer


def test_it_tells_docx_from_xlsx_by_their_parts():
    assert sniff_document(_zip_with("word/document.xml"))[1] == ".docx"
    assert sniff_document(_zip_with("xl/workbook.xml"))[1] == ".xlsx"


def test_a_plain_zip_or_a_script_is_not_a_document():
    assert sniff_document(_zip_with("evil.exe")) is None
    assert sniff_document(io.BytesIO(b"<script>alert(1)</script>")) is None
    assert sniff_document(io.BytesIO(b"MZ\x90\x00 windows executable")) is None


def test_a_photo_and_a_pdf_are_documents_and_the_position_is_kept():
    stream = io.BytesIO(b"%PDF-1.7 rest")
    assert sniff_document(stream) == ("application/pdf", ".pdf")
    assert stream.tell() == 0


def test_extensions_follow_the_content_type():
    from tuntas.lib.files import extension_for

    assert extension_for("image/jpeg") == ".jpg"
    assert (
        extension_for("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        == ".xlsx"
    )
    assert extension_for("text/html") == ""
