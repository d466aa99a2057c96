"""Template tags for the site chrome: main navigation, language switcher, alternates."""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page, PageViewRestriction, Site

from portal import fragment_cache, localisation
from portal.models import Secretariat, StandardPage

register = template.Library()


def _public_children(parent: Page):
    """The parent's live children outside any private section: Wagtail's ``public()``
    reads every view restriction first, a query of its own; here they are a condition."""
    steplen = Page.steplen
    lineage = [parent.path[:end] for end in range(steplen, len(parent.path) + 1, steplen)]
    restricted = PageViewRestriction.objects.filter(
        Q(page_id=OuterRef("pk")) | Q(page__path__in=lineage)
    )
    return parent.get_children().live().filter(~Exists(restricted))


def _root_children(site: Site, request) -> list:
    """The live, public children of the site's root page, read once per request: the menu
    and the footer both list some of them."""
    if not hasattr(request, "_portal_root_children"):
        children = _public_children(site.root_page)
        request._portal_root_children = list(children.select_related("locale"))
    return request._portal_root_children


def _prefetch_translations(pages: list, request) -> None:
    """Read the pages' translations at once, unless every page is in the reader's language."""
    content = localisation.content_language()
    if any(page.locale.language_code != content for page in pages):
        localisation.prefetch_live_translations(pages, request)


def _menu_pages(site: Site, request) -> list:
    """The menu's pages: the default locale's, then any the reader's locale adds."""
    root = site.root_page
    pages = [page for page in _root_children(site, request) if page.show_in_menus]
    local_root = localisation.locale_roots(site, request)[0]
    if local_root.pk != root.pk:
        known = {page.translation_key for page in pages}
        children = _public_children(local_root).in_menu()
        pages += [
            page for page in children.select_related("locale") if page.translation_key not in known
        ]
    _prefetch_translations(pages, request)
    return pages


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", in every language (search has its
    own box in the header).

    An area not translated into the reader's language is listed with its original title,
    marked with its language, at its address in the reader's language.
    """
    request = context["request"]
    content = localisation.content_language()
    path = request.path
    items = [
        {
            **item,
            "current": bool(item["url"]) and path.startswith(item["url"]),
            "lang": None if item["lang"] == content else item["lang"],
        }
        for item in fragment_cache.shared(request, "main_menu", lambda: _menu_items(request))
    ]
    return {"items": items}


def _menu_items(request) -> list[dict]:
    language = get_language()
    site = Site.find_for_request(request)
    items = []
    for page in _menu_pages(site, request) if site is not None else []:
        language_code = localisation.content_language()
        shown = localisation.live_translation(page, language_code, request) or page
        items.append(
            {
                "title": shown.title,
                "url": localisation.page_url(page, language, request),
                "lang": shown.locale.language_code,
            }
        )
    return items


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A button per interface language; each brings the reader to this page in it."""
    request = context["request"]
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    languages = []
    addresses = localisation.addresses_in_languages(request)
    for code, name in settings.LANGUAGES:
        address = addresses[code]
        languages.append(
            {
                "code": code,
                "name": name,
                "current": code == current,
                "next": f"{address}?{query}" if query else address,
            }
        )
    return {"languages": languages, "request": request}


@register.inclusion_tag("components/alternate_links.html", takes_context=True)
def alternate_links(context):
    """``<link rel="alternate" hreflang>`` for every language and x-default."""
    return {"alternates": localisation.alternates(context["request"])}


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page) -> list[dict]:
    """The page's ancestors below the home page, then the page: each with its title in the
    reader's language where translated (its original's, with that ``lang``, otherwise)
    and its address in the reader's language. The same for everyone who may read the page:
    kept while the content stays as it is (portal.fragment_cache), except in a preview."""
    request = context["request"]
    if getattr(request, "is_preview", False) or not page.pk:
        return _breadcrumb_trail(request, page)
    return fragment_cache.shared(
        request, "breadcrumbs", lambda: _breadcrumb_trail(request, page), page.pk
    )


def _breadcrumb_trail(request, page) -> list[dict]:
    language = get_language()
    content = localisation.content_language()
    pages = [*page.get_ancestors().select_related("locale")[2:], page]
    localisation.prefetch_live_translations(pages, request)
    trail = []
    for crumb in pages:
        shown = localisation.live_translation(crumb, content, request) or crumb
        shown_language = shown.locale.language_code
        trail.append(
            {
                "title": shown.title,
                "url": localisation.page_url(crumb, language, request) or crumb.get_url(request),
                "lang": None if shown_language == content else shown_language,
            }
        )
    return trail


@register.simple_tag(takes_context=True)
def localised_pageurl(context, page) -> str:
    """The page's address in the reader's language (its translation's, or the original's)."""
    request = context.get("request")
    return localisation.page_url(page, get_language(), request) or page.get_url(request) or ""


@register.simple_tag(takes_context=True)
def editor_userbar(context):
    """Wagtail's userbar, only for people who may edit the page they are on.

    The userbar weighs more than the rest of a page together; a member who may use the
    admin but not edit this page has nothing to do with it.
    """
    request = context.get("request")
    if request is not None and getattr(request, "is_preview", False):
        # Previews are only for people in the admin; the userbar carries their checks.
        return wagtailuserbar(context)
    page = context.get("page") or context.get("self")
    if request is None or not isinstance(page, Page) or not page.pk:
        return ""
    if not may_use_admin(request.user):
        # Wagtail's own test, asked first: it spares the page permissions' queries.
        return ""
    if not page.permissions_for_user(request.user).can_edit():
        return ""
    return wagtailuserbar(context)


def may_use_admin(user) -> bool:
    """Whether the person may use Wagtail's admin, which the userbar belongs to: read with
    the reader's other facts (``AccountManager.with_reader_facts``), where ``user.has_perm`` would
    read every permission the person has. Asked before a page's permissions, it spares
    their queries for everyone who could not act on them."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if getattr(user, "_portal_may_use_admin", None) is None:
        user._read_reader_facts()
    return user._portal_may_use_admin


# The standard pages the footer links to, found by their slug under the home page, in order.
FOOTER_PAGE_SLUGS = ["contact", "privacy", "terms-of-use", "accessibility"]


@register.inclusion_tag("components/site_footer.html", takes_context=True)
def site_footer(context):
    """The secretariat's details and the footer's pages, each with its title and address in
    the reader's language where translated."""
    request = context["request"]
    footer = fragment_cache.shared(request, "site_footer", lambda: _footer_parts(request))
    return {**footer, "year": timezone.localdate().year}


def _footer_parts(request) -> dict:
    language = get_language()
    content = localisation.content_language()
    site = Site.find_for_request(request)
    pages = []
    if site is not None:
        standard = ContentType.objects.get_for_model(StandardPage).pk
        by_slug = {
            page.slug: page
            for page in _root_children(site, request)
            if page.content_type_id == standard and page.slug in FOOTER_PAGE_SLUGS
        }
        pages = [by_slug[slug] for slug in FOOTER_PAGE_SLUGS if slug in by_slug]
        _prefetch_translations(pages, request)
    links = []
    for page in pages:
        shown = localisation.live_translation(page, content, request) or page
        links.append(
            {
                "title": shown.title,
                "url": localisation.page_url(page, language, request) or page.get_url(request),
                "lang": None
                if shown.locale.language_code == content
                else shown.locale.language_code,
            }
        )
    return {
        "links": links,
        "secretariat": Secretariat.load(request_or_site=request),
    }


@register.tag("kept")
def do_kept(parser, token):
    """``{% kept "name" page.pk %}…{% endkept %}``: the enclosed HTML, rendered once for
    every reader of the host and language (and of what follows the name, e.g. the page)
    and kept until the content changes (portal.fragment_cache). What it encloses must be
    the same for everyone the page is served to: the page's own content, never the reader's
    links, forms, permissions or time zone. A preview renders it afresh."""
    name, *vary = token.split_contents()[1:]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(parser.compile_filter(name), [parser.compile_filter(v) for v in vary], nodelist)


class KeptNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        vary = [value.resolve(context) for value in self.vary]
        return fragment_cache.shared(
            request,
            f"kept:{self.name.resolve(context)}",
            lambda: self.nodelist.render(context),
            *vary,
        )


@register.filter
def plain_label(field) -> str:
    """A form field's ``<label>`` without Django's suffix (":"), as the design system has
    them (docs/front-end.md): a label sits above or beside its field, with no colon."""
    return field.label_tag(label_suffix="")
