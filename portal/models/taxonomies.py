"""Taxonomies shared by offices, catalogue entries and workshops; edited as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class Region(index.Indexed, models.Model):
    """A world region used to group offices (e.g. Africa, Asia and the Pacific)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Language(index.Indexed, models.Model):
    """A language, identified by its ISO 639-1 code (e.g. ``fr``)."""

    code = models.CharField(
        _("code"), max_length=8, unique=True, help_text=_("ISO 639-1 code, e.g. fr.")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("English name, e.g. French."))
    native_name = models.CharField(
        _("native name"), max_length=100, blank=True, help_text=_("e.g. Français.")
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name
