"""Parse ``<@id>++`` kudos out of a chat message.

Pure text processing: no I/O, no platform knowledge. The platform adapter has
already normalised every mention into the canonical form ``<@ID>``; a bare
``@name`` is *not* a mention here.

A kudos token is a canonical mention followed by ``++`` (directly, or after a
single ordinary space). Full-width plus signs (U+FF0B) count as ``+``. The
``++`` must not be followed by another ``+`` or by a word character. Tokens
inside inline code, fenced code blocks or block-quote lines are ignored:
quoting someone else's kudos is not giving kudos.

The same reading of code and quotes serves other detectors of the author's own
words (see :mod:`bot.thanks`): :func:`masked_spans` returns the parts of a message
that are not, optionally with links too.

Everything here runs in linear time in the length of the message.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["MENTION_RE", "Masked", "PlusPlus", "masked_spans", "parse_plusplus"]

#: A canonical mention; group 1 is the platform id.
MENTION_RE: re.Pattern[str] = re.compile(r"<@([A-Za-z0-9_.:\-]+)>")

# Mention, at most one ordinary space, exactly two pluses, then neither a third
# plus nor a word character (so ``<@bob>++abc`` and ``<@bob>+++`` do not count).
# Only run on text where U+FF0B has already been replaced by ``+``.
_KUDOS_RE: re.Pattern[str] = re.compile(MENTION_RE.pattern + r" ?\+\+(?![\w+])")

_FULLWIDTH_PLUS = "\uff0b"
_BACKTICKS_RE: re.Pattern[str] = re.compile(r"`+")
# A block-quote line: optional spaces/tabs then ``>``. Group 1 is set for ``>>>``,
# which (Discord) quotes the rest of the message.
_QUOTE_LINE_RE: re.Pattern[str] = re.compile(r"^[ \t]*>(>>)?[^\n]*", re.MULTILINE)
# A link: a bare URL (scheme or ``www.``; Discord's ``<url>`` form included) or a
# Markdown masked link ``[label](url)``. Each alternative is linear: no nesting.
_LINK_RE: re.Pattern[str] = re.compile(
    r"\[[^\[\]\n]*\]\(\s*<?(?:https?://|www\.)[^()\s]*>?\s*\)"
    r"|<?\b(?:https?://|www\.)[^\s<>]*>?",
    re.IGNORECASE,
)
# Punctuation that merely joins the kudos to its reason ("<@bob>++: thanks").
_LEADING_CONNECTORS = ",;:-\u2013\u2014 "


@dataclass(frozen=True)
class PlusPlus:
    """The kudos found in one message."""

    receiver_ids: tuple[str, ...]
    """Unique ids, in order of first appearance; never empty."""
    reason: str
    """The message without its kudos tokens, whitespace collapsed; may be empty."""


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` spans of inline code and fenced code blocks.

    A run of three or more backticks opens a fence that closes at the next run
    of three or more (an unterminated fence runs to the end of the text). A run
    of one or two backticks opens inline code that closes at the next run of
    exactly the same length; an unmatched one is a literal backtick.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    if not runs:
        return []
    # next_close[i]: index of the run that would close run i, or -1. Computed in
    # one backward pass so that unmatched openers never cause rescanning.
    next_close = [-1] * len(runs)
    last_by_len: dict[int, int] = {}
    last_fence = -1
    for i in range(len(runs) - 1, -1, -1):
        start, end = runs[i]
        length = end - start
        if length >= 3:
            next_close[i] = last_fence
            last_fence = i
        else:
            next_close[i] = last_by_len.get(length, -1)
            last_by_len[length] = i

    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        j = next_close[i]
        if j == -1:
            if end - start >= 3:
                spans.append((start, len(text)))
                break
            i += 1  # unmatched inline backtick(s): literal
            continue
        spans.append((start, runs[j][1]))
        i = j + 1
    return spans


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of block-quote lines (``>>>`` quotes to the end)."""
    spans: list[tuple[int, int]] = []
    for m in _QUOTE_LINE_RE.finditer(text):
        if m.group(1) is not None:
            spans.append((m.start(), len(text)))
            break
        spans.append((m.start(), m.end()))
    return spans


def _link_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of links (bare URLs and Markdown ``[label](url)``)."""
    if "://" not in text and "www." not in text.lower():
        return []
    return [(m.start(), m.end()) for m in _LINK_RE.finditer(text)]


@dataclass(frozen=True)
class Masked:
    """The parts of a message that are not the author's own words: code spans and
    blocks, block-quote lines and, when asked for, links. Sorted, disjoint,
    half-open ``[starts[k], ends[k])`` spans."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, pos: int) -> bool:
        """Whether offset ``pos`` lies inside a masked span."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]

    def blank(self, text: str) -> str:
        """``text`` with every masked character but newlines replaced by a space.

        Same length, so offsets found in the result are offsets in ``text``."""
        if not self.starts:
            return text
        pieces: list[str] = []
        pos = 0
        for start, end in zip(self.starts, self.ends, strict=True):
            pieces.append(text[pos:start])
            pieces.append(_NOT_NEWLINE_RE.sub(" ", text[start:end]))
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces)


_NOT_NEWLINE_RE: re.Pattern[str] = re.compile(r"[^\n]")


def masked_spans(text: str, *, links: bool = False) -> Masked:
    """The code, block quotes (and with ``links``, the links) of ``text``.

    Overlapping spans are merged. Linear in the length of ``text``.
    """
    spans = _code_spans(text) + _quote_spans(text)
    if links:
        spans += _link_spans(text)
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return Masked(tuple(starts), tuple(ends))


def parse_plusplus(text: str) -> PlusPlus | None:
    """Return the kudos in ``text``, or ``None`` when the message holds no ``++`` kudos."""
    normalised = text.replace(_FULLWIDTH_PLUS, "+")  # same length: offsets still match
    if "<@" not in normalised or "++" not in normalised:
        return None

    masked = masked_spans(normalised)

    receivers: dict[str, None] = {}
    removed: list[tuple[int, int]] = []
    for m in _KUDOS_RE.finditer(normalised):
        # A token holds neither backticks nor newlines, so it lies entirely
        # inside or entirely outside every excluded span: its start decides.
        if masked.covers(m.start()):
            continue
        receivers.setdefault(m.group(1), None)
        removed.append((m.start(), m.end()))

    if not receivers:
        return None

    pieces: list[str] = []
    pos = 0
    for start, end in removed:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    reason = " ".join("".join(pieces).split()).lstrip(_LEADING_CONNECTORS)
    return PlusPlus(receiver_ids=tuple(receivers), reason=reason)
