"""The data behind the homes: realisation weighted by pagu, and what waits for the leaders."""

from decimal import Decimal

import pytest
import time_machine

from tuntas.dashboards.homes import figures, leader_home
from tuntas.issues.tests.factories import make_issue
from tuntas.org.access import Viewer
from tuntas.org.models import RoleAssignment
from tuntas.plans.models import PlanPolicy, SubActivity
from tuntas.plans.services import thresholds, with_progress_data
from tuntas.plans.tests.kit import NOW, TODAY, make_sub, report_months
from tuntas.plans.views import sub_rows
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db
M = Decimal(1_000_000)


def test_realisation_is_weighted_by_pagu_and_counts_only_reported_sub_kegiatan(org):
    with time_machine.travel(NOW, tick=False):
        # Targets in May (S-curve): 28 % physical, 23 % of the pagu spent.
        small = make_sub(org, org.pupr, pagu=1000 * M)
        large = make_sub(org, org.pupr, pagu=3000 * M)
        make_sub(org, org.pupr, pagu=5000 * M)  # never reported: left out of the figures
        report_months(
            small,
            org.pupr_operator,
            [(2, 0), (5, 30 * M), (10, 70 * M), (18, 140 * M), (20, 230 * M)],
        )
        report_months(
            large,
            org.pupr_operator,
            [(2, 0), (5, 90 * M), (10, 210 * M), (18, 420 * M), (28, 540 * M)],
        )
        policy = PlanPolicy.current()
        subs = with_progress_data(SubActivity.objects.order_by("pk"))
        result = figures(sub_rows(subs, today=TODAY, policy=policy), thresholds(policy))

    # Physical: (20 x 1 + 28 x 3) / 4 = 26 against 28; finance: (230 + 540) / 4000 = 19.25 %.
    assert (result.real_physical, result.target_physical) == (Decimal("26.00"), Decimal("28.00"))
    assert (result.real_financial, result.target_financial) == (Decimal("19.25"), Decimal("23.00"))
    assert result.progress.dev_physical == Decimal("-2.00")
    assert result.progress.financial_status == "green"
    assert result.subs == 3


def test_the_sekda_also_waits_for_issues_no_asisten_handles(org):
    kominfo_staff = make_person(
        "operator.kominfo", unit=org.kominfo, role=RoleAssignment.Role.UNIT_STAFF
    )
    orphan = make_issue(
        org, unit=org.kominfo, reporter=kominfo_staff, status="submitted", title="Server mati"
    )
    routed = make_issue(org, status="submitted")

    sekda = leader_home(Viewer.of(org.sekda))
    walikota = leader_home(Viewer.of(org.walikota))

    assert orphan.coordinator_id is None
    assert [i.pk for i in sekda["waiting"]] == [orphan.pk]
    assert walikota["waiting"] == []
    assert routed.pk not in {i.pk for i in sekda["waiting"]}
