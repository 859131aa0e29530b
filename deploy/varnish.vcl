# Varnish in front of gunicorn: caches persisted GraphQL reads at the edge and purges them by
# cache tag (api/core/edge.py's VarnishPurgeBackend), so publishing one article drops only the
# responses built from it, not the whole cache.
#
# Needs Varnish 7 with the xkey module (Debian: apt-get install varnish varnish-modules).
# Run: varnishd -a :80 -f /etc/varnish/cms.vcl -s malloc,1g
# `tests/deploy/test_varnish.py` and `benchmarks/tags.py` run this file with the backend's port
# rewritten.
#
# Django settings to match (README "Deploying"):
#   EDGE_CACHE=varnish  EDGE_PURGE_LOCATION=http://127.0.0.1:80
#   TRUSTED_PROXY_COUNT=1 (rate limits count the reader's address, not Varnish's)
#
# How it works: every cacheable read carries `Surrogate-Key: all page:12 organisation:7 ...`
# (api/core/view.py); it is copied into the `xkey` header xkey indexes objects by. The app sends
# `PURGE /` with `xkey-purge: page:12 list:page:en` when a change commits; every object tagged
# with any of those tags is dropped at once. `PURGE /graphql/?id=...` purges one URL.

vcl 4.1;

import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the app servers (loopback here; add their addresses when they run elsewhere).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged));
        }
        return (purge);
    }
    # Only persisted GraphQL reads are cached: GET (or HEAD) /graphql/?id=... without
    # credentials. Everything else (mutations, plain queries, the admin, previews) goes through.
    if ((req.method == "GET" || req.method == "HEAD")
        && req.url ~ "^/graphql/\?(.*&)?id="
        && !req.http.Authorization
        && req.http.Cookie !~ "sessionid=") {
        unset req.http.Cookie;
        return (hash);
    }
    return (pass);
}

sub vcl_backend_response {
    # Only what the app marks public is kept, for the max-age it gives (which already ends at
    # the next scheduled go-live or expiry). Errors are never kept.
    if (bereq.method != "GET" && bereq.method != "HEAD"
        || beresp.status != 200
        || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
    unset resp.http.xkey;
}
