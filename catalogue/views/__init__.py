"""The catalogue on the site: the listing, entries, adoption, questions, compare, export,
and the partner suggestions below an office page.

Views are thin: they read through catalogue.selectors, write through catalogue.services,
and ask catalogue.permissions who may do what. Those routed below a page take the request,
then the page (see catalogue/urls.py).
"""
