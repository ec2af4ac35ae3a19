from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Official meeting documents (naskah dinas) rendered as PDF with Typst."""

    name = "tuntas.documents"
    label = "documents"
