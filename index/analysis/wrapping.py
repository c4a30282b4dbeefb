"""Hard-wrapped text (wire copy folded at ~65 columns) read as the paragraphs it holds.

Reuters copy breaks every line of a paragraph and starts the next paragraph with an indent:
the parser would read each line break as a paragraph's end, and the quote finder would cut
every quote at the end of its first line and lose the attribution on the next one
(``"...the government is\\nincreasing," Deputy Director General Hiroshi\\nHirabayashi said``).
Such a line break is read as a space instead. The result has the same length as the text, so
every offset found in it indexes the stored text.
"""

from __future__ import annotations

import re

# A line break inside a paragraph: text before it (wire copy may leave spaces at a line's
# end), and a next line that is not indented.
_BREAK = re.compile(r"(?<=\S)[ \t]*(\n)(?=\S)")
MIN_BREAKS = 3  # fewer single line breaks say nothing about a layout
WIDTH = range(45, 80)  # lengths of folded lines: wire copy folds at about 65 columns
FOLDED_SHARE = 0.9  # of the lines before a single break, this many have a folded length
LOWER_SHARE = 0.3  # and this many of the lines after it go on with a lowercase word


def unwrap(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs turned into spaces, when it is
    hard-wrapped; otherwise ``text`` itself (a list of short lines is no wrapped paragraph)."""
    breaks = [m.start(1) for m in _BREAK.finditer(text)]
    if len(breaks) < MIN_BREAKS or not _folded(text, breaks):
        return text
    chars = list(text)
    for at in breaks:
        chars[at] = " "
    return "".join(chars)


def _folded(text: str, breaks: list[int]) -> bool:
    """Whether the lines before the breaks have the length of folded lines, and enough of
    the lines after them go on with a lowercase word (a headline list does not)."""
    lengths = [at - text.rfind("\n", 0, at) - 1 for at in breaks]
    folded = sum(length in WIDTH for length in lengths)
    lower = sum(text[at + 1].islower() for at in breaks)
    return folded >= FOLDED_SHARE * len(breaks) and lower >= LOWER_SHARE * len(breaks)
