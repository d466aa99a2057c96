# The portal's one image: the web (gunicorn), websocket (uvicorn), worker and scheduler
# services run it with different commands, and the proxy service runs nginx from it with
# deploy/nginx.conf. compose.yaml puts them together. See docs/deployment.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/var/lib/portal/static \
    MEDIA_ROOT=/var/lib/portal/media \
    PRIVATE_MEDIA_ROOT=/var/lib/portal/private-media

# nginx (Debian's) for the proxy service.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files collected (and compressed) at build time, so every container serves the
# same hashed names. The settings need a key to load; this one is thrown away.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput

RUN useradd --system --home /var/lib/portal portal \
    && mkdir -p /var/lib/portal/media /var/lib/portal/private-media /run/portal \
    && chown -R portal /var/lib/portal/media /var/lib/portal/private-media /run/portal
USER portal

EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", \
     "--forwarded-allow-ips", "", "--no-control-socket"]
