"""User text stays text: :func:`jitcore.formatting.plain` escapes everything Markdown,
LaTeX and Streamlit directives would act on; checked against a CommonMark renderer."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from jitcore.formatting import plain

#: CommonMark 0.31 (the dialect Streamlit's Markdown follows), tables and strikethrough on.
RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render

HOSTILE = [
    "![x](http://198.51.100.7/x.png)",
    "**bold** _it_ `code` ~~gone~~",
    "$x^2$ and $$\\int$$",
    ":red[red] :material/home: :smile:",
    "{{7*7}}",
    "# heading",
    "- item",
    "1. first",
    "> quote",
    "<img src=http://198.51.100.7/y.png>",
    "[link](javascript:alert(1))",
    '=HYPERLINK("http://x")',
    "a | b\n--|--\nc | d",
    "back\\slash \\*",
]


def as_paragraph(text: str) -> str:
    return f"<p>{html.escape(text, quote=True)}</p>\n"


def test_hostile_names_render_as_typed() -> None:
    for name in HOSTILE:
        flat = " ".join(name.splitlines())
        rendered = RENDER(plain(name))
        assert rendered == as_paragraph(flat), name
        assert "<img" not in rendered and "<strong" not in rendered and "<a " not in rendered


def test_every_directive_and_formula_character_is_escaped() -> None:
    assert plain("$5 :red[x] {{7*7}}") == r"\$5 \:red\[x\] {{7\*7}}"
    assert plain("teaching_weekly_long.csv") == "teaching_weekly_long.csv"  # a_b is not emphasis
    assert plain("# 1. - x") == r"\# 1. - x" and plain("12) x") == r"12\) x"
    assert plain("line one\nline two") == "line one line two"
    assert plain("Plain SKU 42") == "Plain SKU 42"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126) | st.just("\n"),
               max_size=60))  # fmt: skip
def test_any_ascii_text_renders_as_itself(text) -> None:
    """Property: whatever a user typed (printable ASCII, line breaks), the rendered paragraph
    holds exactly that text."""
    flat = " ".join(text.splitlines()).strip(" ")
    if not flat:
        return
    rendered = RENDER(plain(text))
    # CommonMark trims spaces at the ends of a paragraph and collapses none inside
    assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>\n")) == flat, rendered
