"""The listing's facet counts with nothing chosen, kept in step with publishing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FacetCountSummary(models.Model):
    """The whole listing's facet counts in one reader language (catalogue.facet_summary).

    Every write to what the counts are made of, in the same transaction, empties the rows
    and moves the generation on; the next listing without filters counts afresh and keeps
    its rows only if the generation it read is still the current one. So the rows never
    show a count that includes an entry since unpublished, restricted or archived.
    """

    language = models.CharField(_("language"), max_length=16, primary_key=True)
    generation = models.BigIntegerField(default=0)
    rows = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("facet count summary")
        verbose_name_plural = _("facet count summaries")

    def __str__(self):
        return self.language
