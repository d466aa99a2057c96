"""Security headers, cookies, accounts, sign-in throttling and websocket limits.

Part of base.py, which imports it: the same in every environment and safe in production.
Nothing here reads the environment; what a deployment sets (HSTS preload, trusted
proxies) is read in base.py with everything else.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

# Security headers and cookies (docs/deployment.md). A Content-Security-Policy on every
# response (django-csp): nothing from another host, no inline script or style on the site;
# an inline script must carry the request's nonce ({{ CSP_NONCE }}). The middleware adds
# websockets to the site itself to connect-src. The Wagtail admin (its own templates
# carry inline scripts and styles, and it frames previews) gets the looser policy below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}
PORTAL_ADMIN_URL_PREFIX = "/admin/"
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    # Image choosers preview uploads from data: and blob: addresses before they are saved.
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "worker-src": [SELF, "blob:"],
    "object-src": [NONE],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
}
# The admin's dashboard would ask releases.wagtail.org for the latest version.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Cookies: only sent to the site itself (SameSite) and, in production, only over HTTPS
# (production.py). No script reads the language cookie.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Accounts: e-mail addresses identify people; there is no public sign-up.
AUTH_USER_MODEL = "network.User"
# Django's and allauth's backends, loading the reader's facts with the account (one query a
# page, not two: network.backends).
AUTHENTICATION_BACKENDS = [
    "network.backends.AccountBackend",
    "network.backends.AllauthAccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_ADAPTER = "network.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"
SESSION_COOKIE_HTTPONLY = True
# Everyone who uses the Wagtail admin first sets up TOTP two-factor authentication.
PORTAL_ADMIN_REQUIRES_MFA = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IP Offices ICT Network"

# Sign-in throttling, the client's address and the one password-reset path.
# Failed sign-ins are counted per client address and per account from one address, so
# guessing slows an attacker down without locking the owner out; one account guessed
# at from many addresses together is refused a password alone (a second factor still
# passes). See network/adapters.py and docs/architecture.md, "Accounts".
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,30/h/ip,5/5m/key",
    "login_failed_account": "100/h/key",
}
# Passwords are reset only through the site's own form (allauth), not Wagtail's, and
# restricted pages and documents send visitors to the site's sign-in, not to Wagtail's
# password-only form (/_util/login/, which portal/urls.py redirects as well).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# Websockets (taskforces.consumers): the longest message a socket may send, in
# characters (a post of POST_MAX_LENGTH characters, JSON-escaped, fits); how many
# messages at once and then per second, and how many of them may be posts; how many
# refused messages in a row close the socket;
# how many sockets one person may hold across every process, each counted for
# WEBSOCKET_SOCKET_ENTRY_SECONDS unless renewed by its open socket. The ASGI server's
# own frame limit (uvicorn --ws-max-size, docs/deployment.md) stops larger frames first.
WEBSOCKET_MAX_MESSAGE_CHARS = 128 * 1024
WEBSOCKET_BURST = 20
WEBSOCKET_RATE_PER_SECOND = 5
WEBSOCKET_POST_BURST = 10
WEBSOCKET_POSTS_PER_SECOND = 1
WEBSOCKET_REFUSALS_BEFORE_CLOSE = 10
WEBSOCKET_MAX_SOCKETS_PER_USER = 20
WEBSOCKET_SOCKET_ENTRY_SECONDS = 90
