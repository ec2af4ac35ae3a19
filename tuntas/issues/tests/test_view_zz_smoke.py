import pytest, time_machine
from django.urls import reverse
from tuntas.issues.tests.viewkit import NOW, make_issue, ask, kinds

@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield

def test_smoke(org):
    for s in ["draft","submitted","needs_info","in_progress","secretary","head","settled","confirmed","closed","withdrawn"]:
        i = make_issue(org, s)
        print(s, i.status, i.level, kinds(i))
    i = make_issue(org, "in_progress")
    r = ask(org, i)
    c = org.client_for(org.asisten2)
    resp = c.get(reverse("issues:transition", args=[i.pk, "confirm"]))
    print(resp.status_code)
    i2 = make_issue(org, "settled")
    resp = org.client_for(org.pupr_operator).get(reverse("issues:transition", args=[i2.pk, "confirm"]))
    print(resp.status_code, resp.content.decode()[-2500:])
