"""Taxonomy names in the reader's language.

Every taxonomy row that pages and filters point at is the original, in the default
locale; its translations (wagtail-localize, TranslatableMixin) share its translation key.
The names of every taxonomy in one language are read in ONE query, kept in the cache
until any taxonomy row changes, and looked up by translation key; a name with no
translation falls back to the original.
"""

import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Value
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant

GENERATION_KEY = "taxonomy-names:generation"
CACHE_SECONDS = 60 * 60


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language() -> str | None:
    """The content language to translate into, or None when names stay as they are."""
    try:
        language = get_supported_content_language_variant(get_language() or "")
    except LookupError:
        return None
    return None if language == default_language() else language


def taxonomy_models() -> list:
    from portal.models.taxonomies import Taxonomy

    return [model for model in apps.get_models() if issubclass(model, Taxonomy)]


def _load(language: str) -> dict[str, str]:
    querysets = [
        model._default_manager.filter(locale__language_code=language)
        .order_by()
        .annotate(
            label_key=F("translation_key"),
            label=F(field),
            taxonomy=Value(f"{model._meta.label_lower}.{field}"),
        )
        .values_list("taxonomy", "label_key", "label")
        for model in taxonomy_models()
        for field in model.localised_fields
    ]
    rows = querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]
    return {f"{taxonomy}:{key}": label for taxonomy, key, label in rows}


def names_in(language: str) -> dict[str, str]:
    """Every translated taxonomy name in ``language``, by
    "<model label>.<field>:<translation key>"."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, None)
    key = f"taxonomy-names:{generation}:{language}"
    names = cache.get(key)
    if names is None:
        names = _load(language)
        cache.set(key, names, CACHE_SECONDS)
    return names


def localised_label(model, translation_key, original: str, *, field: str = "") -> str:
    """The name (or ``field``) of the row with ``translation_key`` in the active language,
    or ``original`` when it has no translation."""
    language = active_language()
    if language is None or translation_key is None:
        return original
    key = f"{model._meta.label_lower}.{field or model.name_field}:{translation_key}"
    return names_in(language).get(key, original)


@receiver(post_save, dispatch_uid="portal.localised_names.saved")
@receiver(post_delete, dispatch_uid="portal.localised_names.deleted")
def taxonomy_changed(sender, **kwargs):
    from portal.models.taxonomies import Taxonomy

    if isinstance(kwargs.get("instance"), Taxonomy):
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
