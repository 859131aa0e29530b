"""Whatever arrives at ``/graphql/``, the answer is JSON with a request id (issue 13, point 3).

Hypothesis sends arbitrary strings, bytes and JSON values as every parameter (``query``,
``variables``, ``operationName``, ``extensions``, ``id``): over GET in the URL, over POST in a
JSON body, as a raw body of arbitrary bytes, under arbitrary ``Content-Type`` and ``Accept``
headers. The JSON includes what breaks naive parsers: nesting thousands deep, lone surrogates,
numbers past any float or past Python's digit limit, NaN, NUL, and invalid UTF-8.

Every answer must have a status in ALLOWED_STATUSES, a JSON body and an ``X-Request-ID``
header, and a refusal (any status but 200) must carry ``errors``, each with an
``extensions.code``. Requests go through Django's test client with exceptions turned into
responses, so a crash shows up as the HTML 500 a client would get.

Derandomised with a fixed number of examples, so CI is reproducible; the regressions found by
hand or by earlier runs are pinned as explicit examples.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

ENDPOINT = "/graphql/"
ALLOWED_STATUSES = {200, 400, 405, 413, 415}
PARAMETERS = ("query", "variables", "operationName", "extensions", "id")
MANIFEST = Path(__file__).resolve().parents[2] / "frontend_contract" / "persisted-operations.json"
PERSISTED_HASHES = sorted(json.loads(MANIFEST.read_text()))

# The db fixture is function-scoped, so every example of a test shares one transaction: no
# refused request stores anything, and the rare valid mutation is rolled back with the test.
PROPERTY = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MALFORMED = "{ articles { items { title }"
CYCLIC = "query Q { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
DEEP = 10_000
DEEP_LIST = "[" * DEEP + "]" * DEEP
DEEP_OBJECT = '{"a":' * DEEP + "{}" + "}" * DEEP
LONE_SURROGATES = "\ud800 x \udfff"
APOLLO_GET = [(b"query", b"{ __typename }"), (b"operationName", b"")]

# --- Strategies -----------------------------------------------------------------------------

# Any code point, lone surrogates and NUL included (hypothesis leaves surrogates out unless
# asked).
any_text = st.text(st.characters(exclude_categories=()), max_size=40)
documents = st.sampled_from(
    [
        "{ __typename }",
        "query Q { __typename }",
        "mutation { __typename }",
        "subscription { __typename }",
        '{ article(slug: "x") { title } }',
        MALFORMED,
        CYCLIC,
        "{" * 500 + "}" * 500,
        "query($v: Int!) { __typename }",
        "",
    ]
)
strings = st.one_of(any_text, documents)
huge_numbers = st.one_of(
    st.integers(min_value=2**64),
    st.integers(max_value=-(2**64)),
    st.floats(),  # NaN and the infinities too: json.dumps writes them, the view must cope
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), huge_numbers, strings)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(PARAMETERS), any_text), children, max_size=4),
    ),
    max_leaves=12,
)

# JSON text for one value: what json.dumps writes (lone surrogates escaped as \udXXX), or
# what it cannot write: nesting past the parser's recursion limit, an integer past Python's
# 4300-digit limit, a float past any double.
deep_json = st.integers(min_value=1, max_value=DEEP).flatmap(
    lambda depth: st.sampled_from(["[" * depth + "]" * depth, '{"a":' * depth + "{}" + "}" * depth])
)
json_fragments = st.one_of(
    json_values.map(json.dumps),
    deep_json,
    st.integers(min_value=1, max_value=6000).map(lambda digits: "9" * digits),
    st.sampled_from(["1e999", "-1e999", "NaN", "-0", '"\\u0000"', '"\\ud800"', "[]", "{}"]),
    st.sampled_from(PERSISTED_HASHES).map(json.dumps),
    st.sampled_from(PERSISTED_HASHES).map(
        lambda digest: json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    ),
)
parameter_names = st.one_of(st.sampled_from(PARAMETERS), any_text)


def json_object(members: list[tuple[str, str]]) -> str:
    """A JSON object from (name, JSON text) pairs, duplicates kept, in order."""
    return "{" + ",".join(f"{json.dumps(name)}:{value}" for name, value in members) + "}"


json_bodies = st.one_of(
    st.lists(st.tuples(parameter_names, json_fragments), max_size=6).map(json_object),
    json_fragments,  # a body that is not an object: a batch, a number, a string, ...
)

# Bytes in a URL parameter: text (as UTF-8, lone surrogates making it invalid), JSON text,
# a persisted hash, or anything at all.
url_values = st.one_of(
    strings.map(lambda text: text.encode("utf-8", "surrogatepass")),
    json_fragments.map(str.encode),
    st.sampled_from(PERSISTED_HASHES).map(str.encode),
    st.binary(max_size=40),
)
url_parameters = st.lists(
    st.tuples(parameter_names.map(lambda name: name.encode("utf-8", "surrogatepass")), url_values),
    max_size=6,
)

JSON_TYPES = ["application/json", "application/json; charset=utf-8"]
content_types = st.one_of(
    st.none(),
    st.sampled_from(
        [
            *JSON_TYPES,
            "application/json; charset=latin-1",
            "application/json; charset=utf-16",
            "application/json; charset=nonsense",
            "application/graphql-response+json",
            "application/graphql",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "multipart/form-data",
            "text/plain",
            "",
        ]
    ),
    any_text,
)
accepts = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "application/json",
            "application/graphql-response+json",
            "application/graphql-response+json, application/json;q=0.9",
            "*/*",
            "text/html",
        ]
    ),
    any_text,
)
bodies = st.one_of(st.just(b""), st.binary(max_size=200), json_bodies.map(str.encode))

# --- Sending and checking -------------------------------------------------------------------


def send(method: str, query_string: bytes, body: bytes, content_type, accept) -> object:
    """One request through Django's test client, a crash answered as the client would see it
    (an HTML 500) instead of raised into the test."""
    headers = {"QUERY_STRING": query_string.decode("ascii")}
    if content_type is not None:
        headers["CONTENT_TYPE"] = content_type
    if accept is not None:
        headers["HTTP_ACCEPT"] = accept
    client = Client(raise_request_exception=False)
    return client.generic(method, ENDPOINT, body, **headers)


def url_encode(parameters: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(
        quote_from_bytes(name, safe="").encode() + b"=" + quote_from_bytes(value, safe="").encode()
        for name, value in parameters
    )


def check(response, request: str) -> None:
    """The transport contract: an allowed status, a request id, a JSON body, coded errors on
    every refusal, and no unexpected exception behind any answer."""
    where = f"{request}\n-> HTTP {response.status_code}: {response.content[:300]!r}"
    assert response.status_code in ALLOWED_STATUSES, where
    assert response.has_header("X-Request-ID"), f"no X-Request-ID\n{where}"
    try:
        body = json.loads(response.content)
    except ValueError:
        body = None
    assert isinstance(body, dict), f"the body is not a JSON object\n{where}"
    errors = body.get("errors")
    if response.status_code != 200:
        assert isinstance(errors, list) and errors, f"a refusal without errors\n{where}"
    for error in errors or []:
        code = (error.get("extensions") or {}).get("code") if isinstance(error, dict) else None
        if response.status_code != 200:
            assert isinstance(code, str) and code, f"an error without extensions.code\n{where}"
        # Invalid input is the client's error: a masked exception means the server tripped.
        assert code != "INTERNAL_SERVER_ERROR", f"an unexpected exception\n{where}"


def describe(method, query_string, body, content_type, accept) -> str:
    return (
        f"{method} {ENDPOINT}?{query_string[:200]!r} Content-Type: {content_type!r} "
        f"Accept: {accept!r} body: {body[:200]!r}"
    )


def exchange(method, query_string=b"", body=b"", content_type=None, accept=None) -> None:
    response = send(method, query_string, body, content_type, accept)
    check(response, describe(method, query_string, body, content_type, accept))


# --- Properties ------------------------------------------------------------------------------

# What the view before issue 13 gets wrong, found by these tests (the lead's new view fixes it):
# A lone surrogate in a variable that reaches the database.
SURROGATE_SLUG = (
    "query($s: String!) { article(slug: $s) { id } }",
    json.dumps({"s": LONE_SURROGATES}),
)


def no_extras(parameters):
    return {"parameters": parameters, "body": b"", "content_type": None, "accept": None}


@PROPERTY
@given(parameters=url_parameters, body=bodies, content_type=content_types, accept=accepts)
@example(**no_extras([(b"query", MALFORMED.encode())]))
@example(**no_extras([(b"query", CYCLIC.encode())]))
@example(
    **no_extras([(b"query", b"query($v: Int) { __typename }"), (b"variables", DEEP_LIST.encode())])
)
@example(**no_extras([(b"query", b"{ __typename }"), (b"extensions", DEEP_OBJECT.encode())]))
@example(**no_extras([(b"query", LONE_SURROGATES.encode("utf-8", "surrogatepass"))]))
@example(
    **no_extras(
        [(b"query", SURROGATE_SLUG[0].encode()), (b"variables", SURROGATE_SLUG[1].encode())]
    )
)
@example(**no_extras([(b"query", b"1")]))
@example(**{**no_extras(APOLLO_GET), "content_type": "application/json"})
@example(**{**no_extras(APOLLO_GET), "content_type": "application/json", "body": b"{garbage"})
def test_any_get_is_answered_with_json(db, parameters, body, content_type, accept):
    exchange("GET", url_encode(parameters), body, content_type, accept)


def post_json(*members: tuple[str, str]) -> dict:
    return {"body": json_object(list(members)), "content_type": JSON_TYPES[0], "accept": None}


@PROPERTY
@given(body=json_bodies, content_type=st.sampled_from(JSON_TYPES), accept=accepts)
@example(**post_json(("query", json.dumps(MALFORMED))))
@example(**post_json(("query", json.dumps(CYCLIC))))
@example(**post_json(("query", '"query($v: Int) { __typename }"'), ("variables", DEEP_OBJECT)))
@example(**post_json(("query", json.dumps(LONE_SURROGATES))))
@example(**post_json(("query", '"{ __typename }"'), ("operationName", json.dumps(LONE_SURROGATES))))
@example(**post_json(("query", json.dumps(SURROGATE_SLUG[0])), ("variables", SURROGATE_SLUG[1])))
@example(**post_json(("query", "1")))
def test_any_json_post_is_answered_with_json(db, body, content_type, accept):
    exchange("POST", body=body.encode(), content_type=content_type, accept=accept)


@PROPERTY
@given(body=bodies, content_type=content_types, accept=accepts)
# A lone surrogate written as UTF-8 bytes: not UTF-8 at all.
@example(body=b'{"query": "\xed\xa0\x80"}', content_type="application/json", accept=None)
@example(body=b'{"query": "{ __typename }\x00"}', content_type="application/json", accept=None)
@example(body=b"\xff\xfe{", content_type="application/json", accept=None)
@example(body=b'{"query": "{ __typename }"}', content_type="text/plain", accept=None)
def test_any_post_body_is_answered_with_json(db, body, content_type, accept):
    exchange("POST", body=body, content_type=content_type, accept=accept)


# --- Apollo Client's GETs --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"", b"{garbage"], ids=["no body", "garbage body"])
def test_a_get_runs_whatever_its_content_type_and_body(client, body):
    """Apollo Client sends ``Content-Type: application/json`` on its GETs too: a GET takes its
    parameters from the URL only, and ignores the header and any body."""
    # In the environ itself: the test client only sets the content type of a non-empty body.
    response = client.generic(
        "GET",
        ENDPOINT,
        body,
        CONTENT_TYPE="application/json",
        QUERY_STRING=url_encode(APOLLO_GET).decode(),
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json() == {"data": {"__typename": "Query"}}
