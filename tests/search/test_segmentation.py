"""Chinese word segmentation: what is cut, what is left alone, and when jieba loads."""

import os
import subprocess
import sys

from search.segmentation import query_words, segment_for_index, segment_query, tokenizer


def run_django(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh Python process with Django set up as the tests have it."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    script = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    )


def test_a_chinese_sentence_is_cut_into_words_for_the_index():
    indexed = segment_for_index("我们的机器翻译系统已经上线。").split()
    # Search mode: the long word and the words inside it.
    assert {"机器", "翻译", "机器翻译", "系统", "上线"} <= set(indexed)


def test_a_query_is_cut_into_its_words_only():
    assert segment_query("机器翻译系统").split() == ["机器翻译", "系统"]
    assert query_words("WIPO 翻译质量") == ["翻译", "质量"]


def test_text_outside_chinese_runs_is_left_exactly_as_it_was():
    text = "Machine-translation (ST.96) de l'OMPI, перевод, الترجمة"
    assert segment_for_index(text) == text
    assert segment_query('"machine translation" -draft') == '"machine translation" -draft'
    mixed = segment_for_index("An XML standard 用于专利数据交换 for patent data.")
    assert mixed.startswith("An XML standard ")
    assert mixed.endswith(" for patent data.")


def test_a_quoted_chinese_phrase_stays_quoted():
    assert segment_query('"机器翻译系统"') == '" 机器翻译 系统 "'


def test_the_dictionary_is_loaded_once_per_process():
    assert tokenizer() is tokenizer()


def test_jieba_is_not_loaded_with_the_settings_nor_for_other_languages():
    result = run_django(
        "import sys\n"
        "from search.segmentation import segment_for_index, segment_query\n"
        "segment_for_index('Machine translation, перевод, الترجمة')\n"
        "segment_query('classification')\n"
        "print('jieba' in sys.modules)\n"
    )
    assert result.stdout.strip() == "False"


def test_loading_the_dictionary_writes_nothing_to_the_console():
    result = run_django(
        "from search.segmentation import segment_for_index\n"
        "print(segment_for_index('机器翻译').split())\n"
    )
    assert result.stderr == ""
    assert "机器翻译" in result.stdout
