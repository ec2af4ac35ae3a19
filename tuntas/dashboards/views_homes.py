"""The homes' tables as XLSX: the Asisten's OPDs, and the Asisten side by side for the leaders.

Each download is offered on its card and open to exactly the people who see that card; the
rows come from the same functions the home renders, so the file and the card agree.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tuntas.dashboards.exports import exported_text
from tuntas.dashboards.homes import assistants_side_by_side, portfolio_table
from tuntas.dashboards.table_exports import (
    assistants_xlsx,
    label,
    portfolio_xlsx,
    xlsx_download,
)
from tuntas.org.access import Access, Viewer, require, viewer_for
from tuntas.org.models import Unit


def _assistants_of(viewer: Viewer) -> list[Unit]:
    """Return the Asisten the viewer acts for, from the roles already read (no query)."""
    found: dict[int, Unit] = {}
    for assignment in viewer.assignments:
        for unit in (assignment.unit, assignment.unit.parent):
            if unit is not None and unit.pk in viewer.assistant_ids:
                found[unit.pk] = unit
    return sorted(found.values(), key=lambda u: (u.sort_order, u.name))


@login_required
@require_GET
def portfolio_export(request: HttpRequest) -> HttpResponse:
    """Download the table of the OPDs the Asisten (or their Bagian) coordinates, with its total."""
    viewer = viewer_for(request)
    # Only the Asisten and their Bagian have the table on their home.
    require(Access.READ if viewer.assistant_ids else Access.NONE, Access.READ)
    table = portfolio_table(viewer)
    names = ", ".join(u.name for u in _assistants_of(viewer))
    filters = "; ".join([exported_text(viewer), label(_("Asisten"), names)])
    content = portfolio_xlsx(units=table.units, total=table.total, filters=filters)
    return xlsx_download(content, f"opd-asisten-{viewer.today:%Y%m%d}.xlsx")


@login_required
@require_GET
def assistants_export(request: HttpRequest) -> HttpResponse:
    """Download the Asisten side by side, as the Sekda and the Kepala Daerah see them."""
    viewer = viewer_for(request)
    require(Access.READ if viewer.is_leader else Access.NONE, Access.READ)
    side = assistants_side_by_side(viewer)
    content = assistants_xlsx(assistants=side.assistants, filters=exported_text(viewer))
    return xlsx_download(content, f"perbandingan-asisten-{viewer.today:%Y%m%d}.xlsx")
