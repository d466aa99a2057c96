"""Requests that no part of the site can take are refused before any view runs."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_null_character(request) -> bool:
    if NUL in request.path:
        return True
    # request.POST holds form submissions only (urlencoded or multipart); a JSON body is
    # left alone for the view that reads it.
    for params in (request.GET, request.POST):
        for key, values in params.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return False


class RejectNullCharactersMiddleware:
    """Answer 400 to a NUL character in the address, the query or a posted form.

    No field of the site accepts one and PostgreSQL text cannot hold one, so refusing it
    here covers every lookup at once: slugs, codes and ids read outside Django forms, whose
    CharField alone refuses NUL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_null_character(request):
            message = _("The request contains a null character, which no field accepts.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
