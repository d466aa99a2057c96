"""The address a request comes from, as the rate limits and logs must see it.

``X-Forwarded-For`` is believed only when the connection comes from one of
``PORTAL_TRUSTED_PROXIES``; anyone else could write any address into it.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"PORTAL_TRUSTED_PROXIES lists an address that is not an IP address or network: {error}"
        ) from error


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _is_trusted_proxy(address) -> bool:
    networks = _networks(tuple(settings.PORTAL_TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The client's IP address: the connection's peer, or, behind trusted proxies, the
    nearest address in ``X-Forwarded-For`` that none of them wrote for another proxy."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(_parse(peer)):
        return peer
    # Each proxy appends the address it received the request from, so the list is read
    # from the right: the first address that is not a trusted proxy is the client.
    # Anything left of it was written by the client and proves nothing.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    nearest = peer
    for entry in reversed(forwarded):
        address = _parse(entry)
        if address is None:
            break
        nearest = str(address)
        if not _is_trusted_proxy(address):
            break
    return nearest
