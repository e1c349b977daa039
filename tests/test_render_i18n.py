"""The UI strings: every language has every string, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from digest import i18n, render

REPO = Path(__file__).resolve().parent.parent


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    english = i18n.STRINGS["en"]
    for language, strings in i18n.STRINGS.items():
        assert strings.keys() == english.keys(), language
        for key, text in strings.items():
            placeholders = set(re.findall(r"\{\w+\}", text))
            assert placeholders == set(re.findall(r"\{\w+\}", english[key])), (language, key)


def test_templates_use_only_strings_that_exist() -> None:
    used = set()
    for template in render.builtin_templates_dir().glob("*.html"):
        used |= set(re.findall(r"\bt\.(\w+)", template.read_text(encoding="utf-8")))
    assert used, "the templates take their words from i18n"
    assert used <= set(i18n.STRINGS["en"]), used - set(i18n.STRINGS["en"])


def test_unknown_language_falls_back_to_english() -> None:
    assert i18n.strings("xx") is i18n.STRINGS["en"]
