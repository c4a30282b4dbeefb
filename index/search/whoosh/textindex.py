"""How text is indexed: one fused tokenizer, a positions format and a codec tuned for speed.

Text is analysed by one fused tokenizer (lowercase, stop words, Porter stems) instead of Whoosh's
four chained generators: indexing spends most of its time there, and the fused form is about three
times faster while producing exactly the same terms. Its words and stems are ``text.terms``, which
the query language and the snippets use too. Positions are stored as raw uint32 arrays
(phrase matching decodes thousands at once), and the codec caches field lengths. Blocks written
raw by earlier versions stay readable: each block records whether it was compressed.

These classes are pickled into the index's table of contents by Whoosh: renaming or moving them
makes existing indexes unreadable (Engine.open then raises EngineError and the library rebuilds).
"""

from __future__ import annotations

import struct
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, _lenfield
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length

from ...text.terms import MIN_WORD, STOP_WORDS, WORD_PATTERN, stem_terms, stem_word

POSTING_COMPRESSION = 1  # zlib level of posting blocks: the fastest


class StemTokenizer(Tokenizer):
    """Whoosh tokenizer equal to RegexTokenizer | LowercaseFilter | StopFilter | StemFilter."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield one reused Token per kept word (Whoosh's tokenizer protocol)."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in WORD_PATTERN.finditer(value):
            word = match.group(0).lower()
            if len(word) < MIN_WORD or word in STOP_WORDS:
                continue  # stop words take no position, as with StopFilter(renumber=True)
            token.text = stem_word(word)
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = match.group(0)
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            pos += 1
            yield token

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """Each term's positions in ``value``: the indexing fast path, without Token objects."""
        found: dict[str, list[int]] = defaultdict(list)
        for pos, term in enumerate(stem_terms(value)):
            found[term].append(pos)
        return found


class FastPositions(Positions):
    """Positions stored as raw little-endian uint32 arrays instead of pickled delta lists.

    Whoosh can still read them (the decode methods below), and phrase matching can decode the
    positions of thousands of postings with one ``numpy.frombuffer`` (see docsets).
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[tuple]:
        """(term, frequency, weight, encoded positions) for each distinct term."""
        if not isinstance(analyzer, StemTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, poses in analyzer.term_positions(value).items():
            yield (term, len(poses), len(poses) * boost, self.encode(poses))

    def encode(self, poslist: list[int]) -> bytes:
        """Positions as uint32 little-endian bytes."""
        return struct.pack(f"<{len(poslist)}I", *poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        """The positions of one posting."""
        return list(struct.unpack(f"<{len(valuestring) // 4}I", valuestring))

    def decode_frequency(self, valuestring: bytes) -> int:
        """How many times the term occurs in the document."""
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        """Frequency times the field boost, as Whoosh's Positions format reports it."""
        return self.decode_frequency(valuestring) * self.field_boost


class CachedLengthsReader(W3PerDocReader):
    """Per-document reader that decodes a field's length column once into a list.

    Whoosh reads one length per posting when it writes a segment (for block statistics) and per
    hit when it scores; going through the column file each time was a fifth of indexing time.
    """

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._length_lists: dict[str, list[int] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        """The (byte-approximated) length of ``fieldname`` in document ``docnum``."""
        if fieldname not in self._length_lists:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._length_lists[fieldname] = (
                None if column is None else [byte_to_length(b) if b else 0 for b in column]
            )
        lengths = self._length_lists[fieldname]
        if lengths is None or docnum >= len(lengths):
            return default
        return lengths[docnum]


class NewsCodec(W3Codec):
    """Whoosh's W3 codec with posting blocks compressed by zlib's fastest level (they were
    stored raw: three quarters of the index was posting blocks, their pickled ids, weights and
    positions; see README, "Where the bytes go") and cached field lengths."""

    def __init__(self) -> None:
        super().__init__(compression=POSTING_COMPRESSION)

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        """A reader whose field lengths come from a decoded list."""
        return CachedLengthsReader(storage, segment)


STEM = StemTokenizer()
WORDS = RegexTokenizer(WORD_PATTERN.pattern) | LowercaseFilter()
