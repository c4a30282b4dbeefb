"""The Porter stemming algorithm, vendored from Whoosh so every side stems without an engine.

The index's terms have been Whoosh's Porter stems since the first index was built; this is the
same code (``whoosh/lang/porter.py`` of Whoosh-Reloaded 2.7.5, reformatted, logic unchanged), so
stems stay identical and no existing index needs rebuilding. ``tests/test_terms.py`` checks it
against Whoosh's own stemmer on a corpus sample.

Copyright 2011 Matt Chaput. All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

   1. Redistributions of source code must retain the above copyright notice,
      this list of conditions and the following disclaimer.

   2. Redistributions in binary form must reproduce the above copyright
      notice, this list of conditions and the following disclaimer in the
      documentation and/or other materials provided with the distribution.

THIS SOFTWARE IS PROVIDED BY MATT CHAPUT ``AS IS'' AND ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO
EVENT SHALL MATT CHAPUT OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT,
INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA,
OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF
LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE,
EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

The views and conclusions contained in the software and documentation are
those of the authors and should not be interpreted as representing official
policies, either expressed or implied, of Matt Chaput.
"""

from __future__ import annotations

import re

_STEP2_SUFFIXES = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3_SUFFIXES = {
    "icate": "ic",
    "ative": "",
    "alize": "al",
    "iciti": "ic",
    "ical": "ic",
    "ful": "",
    "ness": "",
}

_CONS_SEQ = "[^aeiouy]+"
_VOWEL_SEQ = "[aeiou]+"
_MEASURE_ABOVE_0 = re.compile("^(" + _CONS_SEQ + ")?" + _VOWEL_SEQ + _CONS_SEQ)
_MEASURE_1 = re.compile("^(" + _CONS_SEQ + ")?" + _VOWEL_SEQ + _CONS_SEQ + "(" + _VOWEL_SEQ + ")?$")
_MEASURE_ABOVE_1 = re.compile(
    "^(" + _CONS_SEQ + ")?" + _VOWEL_SEQ + _CONS_SEQ + _VOWEL_SEQ + _CONS_SEQ
)
_HAS_VOWEL = re.compile("^(" + _CONS_SEQ + ")?[aeiouy]")
_CVC = re.compile("^" + _CONS_SEQ + "[aeiouy][^aeiouwxy]$")

_ED_ING = re.compile("^(.*)(ed|ing)$")
_AT_BL_IZ = re.compile("(at|bl|iz)$")
_DOUBLE = re.compile("([^aeiouylsz])\\1$")
_STEP2 = re.compile("^(.+?)(" + "|".join(_STEP2_SUFFIXES) + ")$")
_STEP3 = re.compile("^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_STEP4_1 = re.compile(
    "^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$"
)
_STEP4_2 = re.compile("^(.+?)(s|t)(ion)$")
_STEP5 = re.compile("^(.+?)e$")


def stem(w: str) -> str:
    """The Porter stem of a lowercase word: ``stem("fundamentally") == "fundament"``."""
    if len(w) < 3:
        return w
    first_is_y = w[0] == "y"
    if first_is_y:
        w = "Y" + w[1:]
    w = _step1(w)
    w = _suffix_step(w, _STEP2, _STEP2_SUFFIXES)
    w = _suffix_step(w, _STEP3, _STEP3_SUFFIXES)
    w = _step4(w)
    w = _step5(w)
    if first_is_y:
        w = "y" + w[1:]
    return w


def _step1(w: str) -> str:
    if w.endswith("s"):  # 1a
        if w.endswith("sses") or w.endswith("ies"):
            w = w[:-2]
        elif w[-2] != "s":
            w = w[:-1]
    if w.endswith("eed"):  # 1b
        if _MEASURE_ABOVE_0.match(w[:-3]):
            w = w[:-1]
    else:
        m = _ED_ING.match(w)
        if m:
            base = m.group(1)
            if _HAS_VOWEL.match(base):
                w = base
                if _AT_BL_IZ.match(w):
                    w += "e"
                elif _DOUBLE.match(w):
                    w = w[:-1]
                elif _CVC.match(w):
                    w += "e"
    if w.endswith("y") and _HAS_VOWEL.match(w[:-1]):  # 1c
        w = w[:-1] + "i"
    return w


def _suffix_step(w: str, pattern: re.Pattern[str], suffixes: dict[str, str]) -> str:
    m = pattern.match(w)
    if m and _MEASURE_ABOVE_0.match(m.group(1)):
        return m.group(1) + suffixes[m.group(2)]
    return w


def _step4(w: str) -> str:
    m = _STEP4_1.match(w)
    if m:
        return m.group(1) if _MEASURE_ABOVE_1.match(m.group(1)) else w
    m = _STEP4_2.match(w)
    if m:
        base = m.group(1) + m.group(2)
        return base if _MEASURE_ABOVE_1.match(base) else w
    return w


def _step5(w: str) -> str:
    m = _STEP5.match(w)
    if m:
        base = m.group(1)
        if _MEASURE_ABOVE_1.match(base) or (_MEASURE_1.match(base) and not _CVC.match(base)):
            w = base
    if w.endswith("ll") and _MEASURE_ABOVE_1.match(w):
        w = w[:-1]
    return w
