"""The benchmarks' trivial view, routed only when PORTAL_BENCH_VIEWS is set (portal/urls.py).

It answers a short text and touches neither the database nor a template, so that its rate
is what the server and the middleware stack cost: each page's rate is read as a ratio to
it (bench/README.md).
"""

from django.http import HttpResponse


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")
