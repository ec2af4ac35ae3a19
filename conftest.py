import pytest
from django.conf import settings as django_settings

pytest_plugins = [
    "tuntas.testing.personas",
    "tuntas.testing.urlcoverage",
    "tuntas.testing.browser",
]


@pytest.fixture(autouse=True, scope="session")
def _uploads_in_a_temporary_folder(tmp_path_factory):
    """Keep files uploaded by tests out of the working tree's var/media."""
    django_settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Start each test without what another test cached: its rows were rolled back."""
    from django.core.cache import cache

    from tuntas.lib import workdays

    workdays.invalidate_calendar()
    cache.clear()
