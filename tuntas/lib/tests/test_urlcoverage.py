"""The plugin that fails a full run when a URL pattern was never requested."""

from tuntas.testing import urlcoverage


def test_every_named_pattern_of_ours_is_listed_and_the_admin_is_not():
    keys = urlcoverage.all_pattern_keys()
    assert "org:home []" in keys
    assert any(key.startswith("org:unit_detail ") for key in keys)
    assert not any(key.startswith("admin:") for key in keys)


def test_a_request_counts_but_the_anonymous_walk_does_not(monkeypatch):
    seen: set[str] = set()
    monkeypatch.setattr(urlcoverage, "_seen", seen)
    urlcoverage._record(None, environ={"PATH_INFO": "/profile/", urlcoverage.WALK_HEADER: "1"})
    assert seen == set()
    urlcoverage._record(None, environ={"PATH_INFO": "/profile/"})
    assert seen == {"org:profile [profile/]"}
    urlcoverage._record(None, environ={"PATH_INFO": "/no/such/page/"})
    assert seen == {"org:profile [profile/]"}
