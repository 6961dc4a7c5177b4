"""StatementResult paging: the `more` IRL."""

import uuid

from tests.conftest import statement


def _verb():
    return {"id": f"http://example.org/verbs/{uuid.uuid4().hex}"}


def _page(xapi, url=None, **query):
    response = xapi.get(url or "/xapi/statements", query_string=None if url else query)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"statements", "more"}
    return [s["id"] for s in body["statements"]], body["more"]


def test_more_is_empty_when_everything_was_returned(xapi):
    verb = _verb()
    [sid] = xapi.post("/xapi/statements", json=statement(verb=verb)).get_json()
    assert _page(xapi, verb=verb["id"]) == ([sid], "")
    assert _page(xapi, verb=verb["id"], limit=1) == ([sid], "")


def test_pages_return_every_statement_exactly_once_while_new_ones_arrive(xapi):
    verb = _verb()
    ids = xapi.post("/xapi/statements", json=[statement(verb=verb) for _ in range(5)]).get_json()
    seen, more = _page(xapi, verb=verb["id"], limit=2)
    assert more.startswith("/xapi/statements?more=")  # a relative IRL
    xapi.post("/xapi/statements", json=[statement(verb=verb) for _ in range(3)])
    while more:
        page, more = _page(xapi, url=more)
        seen += page
    assert sorted(seen) == sorted(ids) and len(seen) == 5


def test_ascending_pages_follow_stored_order(xapi):
    verb = _verb()
    ids = [xapi.post("/xapi/statements", json=statement(verb=verb)).get_json()[0]
           for _ in range(3)]
    seen, more = _page(xapi, verb=verb["id"], limit=1, ascending="true")
    while more:
        page, more = _page(xapi, url=more)
        seen += page
    assert seen == ids


def test_limit_zero_and_the_server_maximum(xapi, app):
    verb = _verb()
    ids = xapi.post("/xapi/statements", json=[statement(verb=verb) for _ in range(3)]).get_json()
    old = app.config["STATEMENT_PAGE_LIMIT"]
    app.config["STATEMENT_PAGE_LIMIT"] = 2
    try:
        first, more = _page(xapi, verb=verb["id"], limit=0)
        assert len(first) == 2 and more
        second, more = _page(xapi, url=more)
        assert more == "" and sorted(first + second) == sorted(ids)
        assert len(_page(xapi, verb=verb["id"], limit=50)[0]) == 2
    finally:
        app.config["STATEMENT_PAGE_LIMIT"] = old


def test_more_keeps_the_format_of_the_first_request(xapi):
    verb = _verb()
    xapi.post("/xapi/statements", json=[statement(verb=verb) for _ in range(2)])
    response = xapi.get("/xapi/statements",
                        query_string={"verb": verb["id"], "limit": 1, "format": "ids"})
    more = response.get_json()["more"]
    [got] = xapi.get(more).get_json()["statements"]
    assert got["verb"] == {"id": verb["id"]}


def test_a_bad_more_token_or_extra_parameters_are_refused(xapi):
    assert xapi.get("/xapi/statements?more=garbage").status_code == 400
    verb = _verb()
    xapi.post("/xapi/statements", json=[statement(verb=verb) for _ in range(2)])
    more = _page(xapi, verb=verb["id"], limit=1)[1]
    assert xapi.get(more + "&limit=5").status_code == 400
