"""Chinese word segmentation for the database engine (SQLite FTS5, PostgreSQL tsvectors).

Both split text on spaces and punctuation, and Chinese is written without spaces: a whole
sentence would be one "word", and a word inside it never found. So runs of Chinese
characters are cut into words with jieba, with spaces between them, before indexing and
before querying. What is segmented is chosen by the characters, not by the entry's
language: posts and people declare no language, and a Chinese title in an English page
must be found too. Everything outside those runs is left exactly as it was, so a mixed
English and Chinese text is still found by its English words. Only the indexed copy is
segmented; titles and excerpts shown to readers come from the original text.
"""

import logging
import re
import threading
from functools import lru_cache

# Han ideographs: CJK unified ideographs, extension A and the compatibility block.
HAN_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN_CHARACTERS}]+")

_tokenizer = None
_tokenizer_lock = threading.Lock()


def tokenizer():
    """jieba's tokenizer with its dictionary loaded: once per process, on the first
    Chinese text (about half a second), never at start-up, and without jieba's log lines."""
    global _tokenizer  # one dictionary per process
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                # Imported on first use: only Chinese text needs it.
                import jieba

                jieba.setLogLevel(logging.WARNING)
                loaded = jieba.Tokenizer()
                loaded.initialize()
                _tokenizer = loaded
    return _tokenizer


def has_chinese(text: str) -> bool:
    return HAN_RUN.search(text) is not None


def _words(run: str, *, for_index: bool) -> list[str]:
    # Without the HMM, unknown words fall apart into characters the same way in a query
    # and in a sentence, whatever surrounds them.
    if for_index:
        # Search mode: each long word and the dictionary words inside it, so "专利" finds
        # a text saying "专利局".
        words = tokenizer().cut_for_search(run, HMM=False)
    else:
        words = tokenizer().cut(run, HMM=False)
    return [word for word in words if word.strip()]


def _segmented(text: str, *, for_index: bool) -> str:
    if not text or not has_chinese(text):
        return text
    return HAN_RUN.sub(lambda run: f" {' '.join(_words(run.group(), for_index=for_index))} ", text)


# Wagtail's PostgreSQL indexer reads every field of an entry five times (title, body,
# autocomplete and two plain-text copies): the last few texts are kept, not cut again.
@lru_cache(maxsize=16)
def segment_for_index(text: str) -> str:
    """The text as it is indexed: Chinese words separated by spaces."""
    return _segmented(text, for_index=True)


def segment_query(query: str) -> str:
    """A reader's query with its Chinese words separated by spaces (quotes kept, so a
    quoted Chinese phrase stays a phrase)."""
    return _segmented(query, for_index=False)


def query_words(query: str) -> list[str]:
    """The Chinese words of a query, to mark them in excerpts."""
    return [word for run in HAN_RUN.findall(query) for word in _words(run, for_index=False)]
