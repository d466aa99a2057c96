"""The catalogue's routes below its pages, and below the network's office pages."""

from django.urls import path, re_path

from catalogue.pilots import views as pilots
from catalogue.views import entries, listing, partners, questions

# Routed below the catalogue index page (CatalogueIndexPage.subpage_urls).
catalogue_index_page_urls = [
    path("", listing.listing, name="listing"),
    path("compare/", listing.compare, name="compare"),
    re_path(r"^export/(?P<format>csv|json)/$", listing.export, name="export"),
    path("questions/", questions.my_questions, name="my_questions"),
    path("questions/<int:question_id>/answer/", questions.question_answer, name="answer"),
    path("pilots/", pilots.pilot_list, name="pilots"),
    path("pilots/new/", pilots.pilot_edit, name="pilot_new"),
    path("pilots/<int:pilot_id>/", pilots.pilot_detail, name="pilot"),
    path("pilots/<int:pilot_id>/edit/", pilots.pilot_edit, name="pilot_edit"),
    path("questions/<int:question_id>/publish/", questions.question_publish, name="publish"),
    path("questions/<int:question_id>/share/", questions.question_share, name="share"),
    path("questions/<int:question_id>/withdraw/", questions.question_withdraw, name="withdraw"),
]

# Routed below each entry page (CatalogueEntryPage.subpage_urls).
entry_page_urls = [
    path("", entries.entry_page, name="index_route"),
    path("adoption/", entries.adoption_edit, name="adoption"),
    path("interest/", entries.interest_toggle, name="interest"),
    path("ask/", entries.question_ask, name="ask"),
    path("confirm/", entries.confirm_current, name="confirm"),
]

# Routed below each office page, after the network's own (OfficePage.subpage_urls).
office_page_urls = [
    path("partners/", partners.partner_suggestions, name="partners"),
]
