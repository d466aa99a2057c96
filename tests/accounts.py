"""Two-factor authentication for test accounts, as allauth's TOTP would set it up."""

import time

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)


def enable_two_factor(user) -> str:
    """Give ``user`` a TOTP authenticator; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The six-digit code an authenticator app would show right now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
