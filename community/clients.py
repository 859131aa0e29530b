"""Who is asking, without knowing who they are: a keyed hash of the client's network address.

Rate limits are keyed on the address alone. Nothing else a client sends (User-Agent, cookies,
other headers) goes into the key, because a client chooses those freely: if they were part of
the key, changing one per request would give the client a fresh bucket each time. The address
is the one the nearest trusted proxy saw (``TRUSTED_PROXY_COUNT``), validated as an IP address;
an IPv6 client counts by its /64 network (one subscriber's allocation: rotating addresses inside
it is free), and an IPv4-mapped IPv6 address counts as the IPv4 address it maps.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest

from .conf import community_setting

IPV6_PREFIX = 64


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        # Drop a zone id ("fe80::1%eth0"): it names the interface, not the client.
        return ipaddress.IPv6Address(int(address))
    return address


def _remote_ip(request: HttpRequest):
    return _ip(request.META.get("REMOTE_ADDR", ""))


def client_ip(request: HttpRequest) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's IP address: REMOTE_ADDR, or, when ``TRUSTED_PROXY_COUNT`` proxies sit in
    front of the app, the X-Forwarded-For entry added by the nearest trusted one. An entry that
    is missing or not an IP address falls back to REMOTE_ADDR (the proxy), so that a header
    can only put a client in a shared bucket, never in a fresh one of its choosing."""
    proxies = community_setting("TRUSTED_PROXY_COUNT")
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = _ip(forwarded[-proxies])
            if address is not None:
                return address
    return _remote_ip(request)


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text ("" when unknown), for django-axes' lockouts."""
    address = client_ip(request)
    return "" if address is None else str(address)


def client_network(request: HttpRequest) -> str:
    """What rate limits count by: the IPv4 address, or the IPv6 address's /64 network."""
    address = client_ip(request)
    if address is None:
        return ""  # every client without a usable address shares one bucket
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((int(address) >> IPV6_PREFIX << IPV6_PREFIX, IPV6_PREFIX)))
    return str(address)


def client_hash(request: HttpRequest) -> str:
    """HMAC-SHA256 of :func:`client_network`, keyed by the secret key: stable enough for rate
    limits, useless for finding the person (the raw address is never stored)."""
    key = f"community-client:{settings.SECRET_KEY}".encode()
    return hmac.new(key, client_network(request).encode(), hashlib.sha256).hexdigest()
