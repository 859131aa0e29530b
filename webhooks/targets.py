"""Server-side request forgery: a webhook URL is typed by an admin user, and the CMS makes the
request from inside the network. Its host is resolved, when the endpoint is saved and again at
every delivery (a DNS answer may change), and refused if any address is loopback, link-local,
private, multicast, reserved or unspecified, unless ``WEBHOOK_ALLOW_PRIVATE_TARGETS`` is set.
The delivery then connects to an address that was checked, never to a second lookup."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from .models import setting

SCHEMES = {"http": 80, "https": 443}


class RefusedTarget(Exception):
    """The URL may not be requested."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]  # the checked IP addresses the request may connect to
    path: str  # path and query, as sent in the request line


def forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def resolve(url: str) -> Target:
    """The target of ``url``, or :class:`RefusedTarget` saying why it may not be requested."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise RefusedTarget("Only http and https URLs are allowed.")
    host = parts.hostname
    if not host:
        raise RefusedTarget("The URL has no host.")
    try:
        port = parts.port or SCHEMES[parts.scheme]
    except ValueError as error:
        raise RefusedTarget("The URL's port is not valid.") from error
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RefusedTarget(f"The host {host} cannot be resolved.") from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise RefusedTarget(f"The host {host} cannot be resolved.")
    if not setting("WEBHOOK_ALLOW_PRIVATE_TARGETS"):
        refused = sorted({str(a) for a in addresses if forbidden(a)})
        if refused:
            raise RefusedTarget(
                f"The host {host} resolves to a loopback, private or reserved address "
                f"({', '.join(refused)}); webhooks are only sent to public addresses."
            )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    unique = tuple(dict.fromkeys(str(address) for address in addresses))
    return Target(parts.scheme, host, port, unique, path)
