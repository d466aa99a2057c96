"""The Elasticsearch index of site search: its explicit mapping and one document per entry.

Titles and bodies are analysed once per WIPO language (sub-fields title.en … body.zh) as
well as with a language-neutral analyser, so a query finds word forms in whichever
language the text was written, without knowing it in advance.
"""

from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Text,
    analyzer,
)

from search.models import Audience, SearchEntry

# Elasticsearch's built-in analysers for WIPO's six languages (Chinese: bigrams).
LANGUAGE_ANALYZERS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "zh": "cjk",
}

# Lower case, accents folded: "resume" finds "résumé" in any language.
folded = analyzer("portal_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


def multilingual_text() -> Text:
    return Text(
        analyzer=folded,
        fields={code: Text(analyzer=name) for code, name in LANGUAGE_ANALYZERS.items()},
    )


class EntryDocument(Document):
    kind = Keyword()
    title = multilingual_text()
    body = multilingual_text()
    # Words it is found by that are not its prose (search.models.SearchEntry.terms):
    # searched, never highlighted.
    terms = multilingual_text()
    context = Keyword(index=False)
    url = Keyword(index=False)
    language = Keyword()
    date = Date()
    year = Integer()
    audience = Keyword()
    # The reader keys that may find a restricted entry (search.registry).
    readers = Keyword()
    category = Keyword()
    offices = Keyword()
    languages = Keyword()
    # Completion suggester for the header box; contexts carry who may see the title.
    suggest = Completion(analyzer="simple", contexts=[{"name": "audience", "type": "category"}])

    @classmethod
    def from_entry(cls, entry: SearchEntry) -> "EntryDocument":
        return cls(
            meta={"id": document_id(entry.source, entry.source_pk)},
            kind=entry.kind,
            title=entry.title,
            body=entry.body,
            terms=entry.terms,
            context=entry.context,
            url=entry.url,
            language=entry.language,
            date=entry.date,
            year=entry.year,
            audience=entry.audience,
            readers=reader_keys(entry),
            category=str(entry.category_id) if entry.category_id else None,
            offices=[str(office.pk) for office in entry.offices.all()],
            languages=[language.code for language in entry.languages.all()],
            suggest=(
                {"input": [entry.title], "contexts": {"audience": audience_contexts(entry)}}
                if entry.title
                else None
            ),
        )


def document_id(source: str, source_pk: str) -> str:
    return f"{source}:{source_pk}"


def reader_keys(entry: SearchEntry) -> list[str]:
    return sorted(reader.key for reader in entry.readers.all())


def audience_contexts(entry: SearchEntry) -> list[str]:
    """The completion contexts naming who may see an entry's title: "public", or the
    reader keys that may read it."""
    if entry.audience == Audience.PUBLIC:
        return [Audience.PUBLIC.value]
    return reader_keys(entry)


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(EntryDocument)
    return index
