"""What site search holds: one entry per thing a reader can find, with who may read it.

Entries are built from the content by the sources each app registers (search.registry,
the apps' search.py) and kept in step by signals. The database engine searches them
through Wagtail's search backend; the Elasticsearch engine indexes copies of them. Who
may read an entry is stored on it (public, or the reader keys that may read it) and
checked at query time against the keys the reader holds now, so leaving a task force
takes effect at once without touching the index.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from search.segmentation import segment_for_index


class Kind(models.TextChoices):
    """The kinds of content a reader can narrow results to, in the order they are listed."""

    OFFICE = "office", _("Office")
    MEMBER = "member", _("Person")
    CATALOGUE_ENTRY = "catalogue_entry", _("Catalogue entry")
    TASKFORCE = "taskforce", _("Task force")
    WORKSHOP = "workshop", _("Workshop")
    NEWS = "news", _("News")
    PAGE = "page", _("Page")
    THREAD = "thread", _("Discussion")
    POST = "post", _("Post")
    DOCUMENT = "document", _("Document")
    MEETING = "meeting", _("Meeting")
    DECISION = "decision", _("Decision")
    ACTION_ITEM = "action_item", _("Action item")
    QUESTION = "question", _("Question and answer")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    # Only readers holding one of the entry's reader keys (EntryReader).
    RESTRICTED = "restricted", _("Named readers")


# PostgreSQL text search configurations by language code (the six UN languages); others
# use "simple" (no stemming). PostgreSQL has no Chinese parser: Chinese text is cut into
# words before it is indexed (search.segmentation) and matched word for word.
SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "zh": "simple",
}


class SegmentedSearchField(index.SearchField):
    """A searched field indexed with its Chinese words separated (search.segmentation)."""

    def get_value(self, obj):
        return segment_for_index(super().get_value(obj) or "")


class SegmentedAutocompleteField(index.AutocompleteField):
    """An autocompleted field indexed with its Chinese words separated."""

    def get_value(self, obj):
        return segment_for_index(super().get_value(obj) or "")


class SearchEntry(index.Indexed, models.Model):
    """One searchable thing: a page, a person, a thread, a post, a document, a record."""

    # The source object, as "<app_label>.<model_name>" and its primary key.
    source = models.CharField(max_length=100)
    source_pk = models.CharField(max_length=64)

    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=255)
    # The entry's own prose (a summary, a description, a post's text): searched, and what
    # excerpts are cut from.
    body = models.TextField(blank=True)
    # Further words it is found by that are not prose (taxonomy names, structured facts,
    # an author's name): searched like the body, never shown.
    terms = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # Shown with the result, not searched: where it belongs (a post's thread, a person's
    # office). A post's own title is empty, so that its thread's title finds the thread once.
    context = models.CharField(max_length=255, blank=True)
    # The language the text is written in (ISO 639-1), when known; chooses the stemmer
    # (SEARCH_CONFIGS).
    language = models.CharField(max_length=10, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    audience = models.CharField(max_length=20, choices=Audience.choices)

    # Facets.
    category = models.ForeignKey(
        "catalogue.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offices = models.ManyToManyField("network.OfficePage", blank=True, related_name="+")
    languages = models.ManyToManyField("portal.Language", blank=True, related_name="+")

    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        SegmentedSearchField("title", boost=3),
        SegmentedSearchField("body"),
        SegmentedSearchField("terms"),
        SegmentedAutocompleteField("title"),
        index.FilterField("id"),
        index.FilterField("title"),
        index.FilterField("kind"),
        index.FilterField("audience"),
        index.FilterField("category"),
        index.FilterField("year"),
        index.FilterField("date"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_pk"], name="one_entry_per_object")
        ]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.heading}"

    @property
    def heading(self) -> str:
        return self.title or self.context

    @property
    def search_config(self) -> str:
        """The PostgreSQL text search configuration for this entry's language."""
        return SEARCH_CONFIGS.get(self.language, "simple")


class EntryReader(models.Model):
    """One reader key that may read a restricted entry, e.g. "taskforces.taskforce:12"."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="readers")
    key = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "key"], name="one_reader_key_per_entry")
        ]
        verbose_name = _("search entry reader")
        verbose_name_plural = _("search entry readers")

    def __str__(self):
        return self.key


class EntryIndex(models.Model):
    """What PostgreSQL searches for an entry (search.postgres): its tsvectors and the
    columns a search filters and counts by, in a narrow row of its own, so that a word
    found in half the entries is counted and ranked without reading their text. Written
    by the search backend (search.backends) whenever Wagtail indexes the entry; empty on
    SQLite, where Wagtail's FTS5 index serves site search."""

    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # Title (weight A), body and terms (weight D) in the entry's language's configuration.
    search_vector = SearchVectorField(null=True)
    # The title's words, unstemmed ("simple"), for suggestions.
    title_words = SearchVectorField(null=True)
    # Copies of the entry's, to filter and count by.
    audience = models.CharField(max_length=20, choices=Audience.choices)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    category = models.ForeignKey(
        "catalogue.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    # On PostgreSQL the table also has office_ids (integer[]) and languages (text[]), the
    # entry's offices and languages' codes, and readers (text[]), its reader keys (copies
    # of its EntryReader rows): arrays, which SQLite has not, so migrations
    # 0004_entry_index and 0006_entry_index_large_searches add them there only and
    # search.postgres alone reads them.

    class Meta:
        verbose_name = _("search entry index")
        verbose_name_plural = _("search entry indexes")

    def __str__(self):
        return str(self.entry_id)


class EntryWordPairs(models.Model):
    """The pairs of words that follow each other in an entry ("data exchang"), in a row of
    their own with a GIN index, on PostgreSQL: a phrase's matches are looked for among
    the entries holding its pairs, rather than by reading the positions of every entry
    holding all its words (search.postgres). Empty on SQLite."""

    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # Each two lexemes next to each other in EntryIndex.search_vector, joined by a space.
    pairs = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search entry word pairs")
        verbose_name_plural = _("search entry word pairs")

    def __str__(self):
        return str(self.entry_id)


class QuerySource(models.TextChoices):
    """Where a text query was typed."""

    SITE = "site", _("Site search")
    CATALOGUE = "catalogue", _("Catalogue")


class LoggedQuery(models.Model):
    """One text query as typed in site search or the catalogue, without the person.

    Nothing here names who searched: no account, session, address or time of day, only
    the day. Rows older than a year are folded into QueryMonthCount (prune_query_log).
    """

    source = models.CharField(max_length=20, choices=QuerySource.choices)
    # Case-folded, spaces collapsed, at most QUERY_LOG_LENGTH characters (search.query_log).
    query = models.CharField(max_length=200)
    # The interface language the query was typed in.
    language = models.CharField(max_length=10)
    # The filters applied with it, as "name=value" pairs sorted and joined by "&".
    filters = models.CharField(max_length=500, blank=True)
    results = models.PositiveIntegerField()
    day = models.DateField(db_index=True)

    class Meta:
        verbose_name = _("logged query")
        verbose_name_plural = _("logged queries")

    def __str__(self):
        return self.query


class QueryMonthCount(models.Model):
    """How often a query was made in a month, once its logged rows are a year old."""

    # The month's first day.
    month = models.DateField()
    source = models.CharField(max_length=20, choices=QuerySource.choices)
    query = models.CharField(max_length=200)
    language = models.CharField(max_length=10)
    searches = models.PositiveIntegerField(default=0)
    zero_result_searches = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("monthly query count")
        verbose_name_plural = _("monthly query counts")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "source", "language", "query"], name="query_month_count_unique"
            )
        ]

    def __str__(self):
        return self.query
