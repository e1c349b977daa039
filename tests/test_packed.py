"""Packed article texts read exactly like the tuples they were made from."""

import pickle
from dataclasses import replace
from datetime import date

from digest.model import Article, DateMention, DateValue, Packed, Removed


def _article() -> Article:
    return Article(
        id="a",
        path="a.md",
        title="T",
        paragraphs=("First.", "Second, with *more*.", "First."),
        removed=(Removed("Read more", "end"),),
        paragraphs_html=("<p>First.</p>", "<p>Second</p>", "<p>First.</p>"),
        mentions=(DateMention("Monday", DateValue(date(2024, 1, 1)), 0, 0),),
    )


def test_packed_article_reads_like_the_original():
    plain = _article()
    packed = plain.packed()
    assert isinstance(packed.paragraphs, Packed)
    assert packed.packed() is packed
    for name in ("paragraphs", "removed", "paragraphs_html", "mentions"):
        value, original = getattr(packed, name), getattr(plain, name)
        assert value == original and original == value
        assert tuple(value) == original and list(value) == list(original)
        assert repr(value) == repr(original) and len(value) == len(original)
        assert value[0] == original[0] and value[-1] == original[-1]
        assert value[:2] == original[:2] and type(value[:2]) is tuple
        assert bool(value) and hash(value) == hash(original)
    assert packed.lead == plain.lead
    assert packed == plain and repr(packed) == repr(plain)
    assert ("x",) + packed.paragraphs == ("x", *plain.paragraphs)  # noqa: RUF005


def test_packed_pickles_as_a_pack_and_compares():
    packed = _article().packed()
    again = pickle.loads(pickle.dumps(packed))
    assert isinstance(again.paragraphs, Packed)
    assert again.paragraphs.blob is again.removed.blob  # one blob an article, still
    assert again == packed
    changed = replace(packed, paragraphs=("Other.",))
    assert changed != packed


def test_empty_texts_stay_empty():
    packed = replace(_article(), removed=(), paragraphs_html=()).packed()
    assert not packed.removed and packed.removed == () and repr(packed.removed) == "()"
    assert list(packed.paragraphs_html) == []
