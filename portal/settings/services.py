"""The channel layer, the cache and the session store, from REDIS_URL (base.py).

With Redis, every process behind a load balancer shares websocket groups, cached data
(the visitors' pages under keys of their own, portal/page_cache.py) and a copy of the
sessions. Neither the cache nor the layer may take a page down with it: Redis is asked
with short timeouts and one retry, a cache error counts as a miss (django-redis'
IGNORE_EXCEPTIONS, logged on "portal.cache"), and a failed broadcast is logged
(taskforces.events); websockets close with 4503 and the pages reconnect.

Sessions are written to the database. With Redis they are kept in the cache as well, so
that a member's request reads its session without a query; the database answers when the
cache misses or cannot be reached, so nobody is signed out when Redis stops. Without Redis
each process's memory would hold its own copy, stale as soon as another process changes
the session (signing in, two-factor, signing out), so the database alone serves them.
"""


def shared_services(redis_url: str, *, timeout: float) -> tuple[dict, dict, str]:
    """CHANNEL_LAYERS, CACHES and SESSION_ENGINE for ``redis_url`` (none: in memory)."""
    if not redis_url:
        return (
            {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
            {
                "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "pages": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "portal-pages",
                    "OPTIONS": {"MAX_ENTRIES": 1000},
                },
            },
            "django.contrib.sessions.backends.db",
        )
    from redis.asyncio.retry import Retry as AsyncRetry
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    channel_layers = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 gives every read a 5-second timeout by default, which cuts
                # the layer's blocking receive short and drops each idle websocket
                # every five seconds (channels_redis issue 422); reads wait instead.
                "hosts": [
                    {
                        "address": redis_url,
                        "socket_timeout": None,
                        "socket_connect_timeout": timeout,
                        "retry": AsyncRetry(NoBackoff(), 1),
                    }
                ],
                "prefix": "portal",
            },
        }
    }
    default = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": "portal",
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 1)},
            "IGNORE_EXCEPTIONS": True,
        },
    }
    caches = {"default": default, "pages": {**default, "KEY_PREFIX": "portal-pages"}}
    return channel_layers, caches, "django.contrib.sessions.backends.cached_db"
