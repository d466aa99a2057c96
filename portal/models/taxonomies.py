"""Taxonomies shared by offices, catalogue entries and workshops; edited as snippets and
translated by the secretariat with wagtail-localize ("Translate" on each snippet).

Pages, filters, exports and the API point at the original row, in the default locale;
readers see its name in their language through ``localised_name`` (and ``str()``), which
falls back to the original when there is no translation (portal/localised_names.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal import localised_names


class TaxonomyQuerySet(models.QuerySet):
    def originals(self):
        """The rows pages and filters point at: those in the default locale."""
        return self.filter(locale__language_code=localised_names.default_language())


class Taxonomy(TranslatableMixin, models.Model):
    """A snippet whose rows are translated per locale; ``name_field`` is what readers see."""

    name_field = "name"
    # The fields shown to readers, looked up in their language.
    localised_fields = ["name"]

    objects = TaxonomyQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self):
        return self.localised_name

    @property
    def localised_name(self) -> str:
        original = getattr(self, self.name_field)
        return localised_names.localised_label(type(self), self.translation_key, original)


class Region(index.Indexed, Taxonomy):
    """A world region used to group offices (e.g. Africa, Asia and the Pacific)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(Taxonomy.Meta):
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="portal_region_unique_name"),
            models.UniqueConstraint(fields=["locale", "slug"], name="portal_region_unique_slug"),
        ]


class Language(index.Indexed, Taxonomy):
    """A language, identified by its ISO 639-1 code (e.g. ``fr``)."""

    code = models.CharField(_("code"), max_length=8, help_text=_("ISO 639-1 code, e.g. fr."))
    name = models.CharField(_("name"), max_length=100, help_text=_("English name, e.g. French."))
    native_name = models.CharField(
        _("native name"), max_length=100, blank=True, help_text=_("e.g. Français.")
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code"),
        SynchronizedField("native_name"),
    ]

    class Meta(Taxonomy.Meta):
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["locale", "code"], name="portal_language_unique_code"),
        ]
