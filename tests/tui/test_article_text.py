"""The article renderer: paragraphs, subheadings, highlight layers, text that looks like markup."""

from __future__ import annotations

from rich.style import Style

from newsreader.index.models import Analysis, Claim, Entity
from newsreader.tui.display.article_text import (
    CLAIM_STYLE,
    CURRENT_STYLE,
    KIND_STYLES,
    TERM_STYLE,
    Layers,
    blocks,
    legend,
    safe_text,
    styled_block,
    term_spans,
)

TEXT = (
    "Kim met Lee in Seoul on Monday.\n\n"
    "Talks in detail\n\n"
    "About 300 soldiers were killed, Lee said.\n"
    "A second line of the same paragraph.\n\n"
    "The end."
)


def styles_at(text_obj, index: int) -> list[Style]:
    return [
        Style.parse(s.style) if isinstance(s.style, str) else s.style
        for s in text_obj.spans
        if s.start <= index < s.end
    ]


def test_blocks_split_paragraphs_and_find_subheadings() -> None:
    found = blocks(TEXT)
    assert [TEXT[b.start : b.end].split("\n")[0] for b in found] == [
        "Kim met Lee in Seoul on Monday.",
        "Talks in detail",
        "About 300 soldiers were killed, Lee said.",
        "The end.",
    ]
    assert [b.heading for b in found] == [False, True, False, False]


def test_a_punctuated_short_line_is_not_a_heading() -> None:
    text = "First paragraph here.\n\nShort but ends.\n\nLast one."
    assert not any(b.heading for b in blocks(text))


def test_term_spans_are_whole_word_prefixes_case_insensitive() -> None:
    spans = term_spans("Soldier soldiers, resoldier SOLDIERS", ["soldier"])
    assert spans == [(0, 7), (8, 16), (28, 36)]
    assert term_spans("anything", []) == []


def test_safe_text_replaces_control_characters_one_for_one() -> None:
    raw = "a\x1b[31mred\x07b\tc"
    cleaned = safe_text(raw)
    assert len(cleaned) == len(raw)
    assert "\x1b" not in cleaned and "\x07" not in cleaned
    assert "[31mred" in cleaned


def test_styled_block_applies_each_layer_and_respects_toggles() -> None:
    analysis = Analysis(
        entities=(
            Entity("Kim", "PERSON", 0, 3, "Kim", "person"),
            Entity("Seoul", "GPE", 15, 20, "Seoul", "place"),
        ),
        claims=(Claim("300", 52, 55, 300.0),),
    )
    found = blocks(TEXT)
    first = styled_block(TEXT, found[0], analysis, [(8, 11)], Layers())
    assert KIND_STYLES["person"] in styles_at(first, 0)
    assert KIND_STYLES["place"] in styles_at(first, 16)
    assert TERM_STYLE in styles_at(first, 9)
    third = styled_block(TEXT, found[2], analysis, [], Layers())
    assert CLAIM_STYLE in styles_at(third, 52 - found[2].start)
    off = styled_block(TEXT, found[0], analysis, [(8, 11)], Layers(entities=False, terms=False))
    assert styles_at(off, 0) == [] and styles_at(off, 9) == []
    current = styled_block(TEXT, found[0], analysis, [(8, 11)], Layers(current=(8, 11)))
    assert CURRENT_STYLE in styles_at(current, 9)


def test_every_highlight_style_has_an_attribute_besides_colour() -> None:
    # Under NO_COLOR only attributes survive, so each layer needs its own attribute mix.
    def attributes(style: Style) -> tuple[bool, ...]:
        return (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.reverse))

    mixes = [attributes(s) for s in (*KIND_STYLES.values(), CLAIM_STYLE, TERM_STYLE)]
    assert all(any(mix) for mix in mixes)
    assert len(set(mixes)) == len(mixes)


def test_markup_in_article_text_stays_literal() -> None:
    text = "Say [bold]hi[/] and [link=https://x.test]go[/link]."
    rendered = styled_block(text, blocks(text)[0], Analysis(), [], Layers())
    assert rendered.plain == text
    assert rendered.spans == []


def test_legend_names_only_present_kinds() -> None:
    analysis = Analysis(entities=(Entity("Kim", "PERSON", 0, 3, "Kim", "person"),))
    plain = legend(Layers(), analysis).plain
    assert "person" in plain and "place" not in plain and "match" in plain
    assert "person" not in legend(Layers(entities=False), analysis).plain
