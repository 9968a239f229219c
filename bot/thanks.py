"""Spot a plain thank-you ("thanks @bob!", "merci à @claire") in a chat message.

Pure text processing, platform-neutral, English and French. The adapter has
already turned every user mention into the canonical ``<@ID>`` token.

A message is a thank-you when it holds a thank phrase (thanks, thank you, thx,
ty, cheers, much appreciated, kudos to, merci, mille mercis, je te / vous
remercie, un grand merci, and a few close variants) that is *addressed*: bound
to a mention, or, when nothing in the text names anybody, to the author of the
message it replies to (Discord replies).

How a phrase binds to mentions, in order (the first rule that finds somebody
wins):

1. its clause (sentences split at ``. ! ? ; newline``; clauses further at
   ``, : ( ) -- but mais``): the mentions that open the clause ("@bob that
   worked, ..."), the group right before the phrase ("great work @bob thanks"),
   the first group after it ("thanks a lot @a and @b for ...") and any later
   mention joined by *and / et / &*; then neighbouring clauses of the same
   sentence that only address people ("thanks, @bob", "@a, @b: merci") or open
   with a mention speaking to them ("thanks, @bob you rock");
2. the neighbouring sentence when it only addresses people ("Thanks!! @bob");
3. the mentions that open the message ("@bob I tried your patch. Thanks!");
4. the replied-to author.

What is not a thank-you:

* refusals and irony: "no thanks", "non merci", "thanks but no", "merci mais
  non", "thanks for nothing", "merci pour rien";
* thanks *in advance* ("thanks in advance", "merci d'avance", "@bob can you
  look? thanks", "would appreciate it", "merci de me dire"): asking for help is
  not gratitude for help received; it may be thanked properly once it came;
* thanks that the author reports rather than gives ("@bob said thanks",
  "don't forget to say thanks to @bob"), "Dieu merci", "à la merci de",
  a toast ("cheers to ...", "cheers 🍻");
* text inside code, quotes and links (the reading of :mod:`bot.plusplus`),
  emoji names (``:thank_you:``, ``<:ty:123>``), words that merely contain a
  phrase ("party", "mercier", "thanks.dev");
* thanks to nobody, to the author themself or only to bots;
* a message that already gave kudos (``<@bob>++``, or a reaction the caller
  knows about: ``gave_kudos=True``).

Cost: it runs on every message, so the common answers come first: no mention
and no reply, then a few substring tests on the lower-cased text, then one
precompiled search (about 2 µs in all for a message without a phrase). Only a
message with a phrase and somebody to thank is read further: a handful of
linear passes, at most MAX_PHRASES phrases (see tests/bot/test_thanks.py for
the figures and the pathological inputs).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from bot.plusplus import MENTION_RE, masked_spans, parse_plusplus
from bot.types import Member

__all__ = ["EXCERPT", "Detection", "detect"]

#: Longest excerpt returned, in characters (the length of a reaction's reason).
EXCERPT = 80
#: Phrases read per message; the rest of a flood of them is ignored.
MAX_PHRASES = 32

# Every pattern below is written in lower case and read on a lower-cased copy of
# the message: re.IGNORECASE makes Python's matcher about ten times slower.
_F = 0

# ------------------------------------------------------------------ phrases

# Not followed by a word, a path, a handle or a domain ("mercier", "thanks.dev",
# "thanks/", "thank-you-note"); not glued to one before either (checked by
# _free_before: a leading assertion would stop the matcher from skipping ahead
# to the letters that can start a phrase, and make it several times slower).
_AFTER = r"(?![\w@/\-\"»”])(?!\.\w)"
_PHRASE_RE = re.compile(
    "(?:"
    + "|".join(
        [
            r"tha+n+k+\s*(?:yo+u+|u+|ya|yu)",  # thank you, thankyou, thank u
            r"tha+n+k+s+",  # thanks, thaaanks, thankss
            r"tha+n+x+|th(?:n|an)?ks|thn?x|tnx",  # thanx, thnks, thks, thx, thnx, tnx
            r"ty(?:sm|vm|ty)?|ty+",  # ty, tyy, tysm, tyvm, tyty
            r"cheers",
            r"kudos(?=[\s,:!]*(?:to\b|à\b|<@))",  # "kudos to", "kudos @bob"; not "my kudos"
            r"kudos(?<=>\skudos)|kudos(?<=>,\skudos)",  # "@bob kudos"
            r"appreciated",
            r"appreciate\s+(?:it|that|this|you|ya|u|your|the|all|everything)",
            r"grateful|thankful",
            r"shout[\s\-]?outs?(?=\s+(?:to\b|à\b|<@))",
            r"merci(?:i+|s)?",  # merci, mercii, mille mercis; never "mercier"
            r"mrc|mrci|mci",
            r"remerci(?:e|es|ent|ons|ez|er|ements?)",  # je te / vous remercie, remerciements
        ]
    )
    + ")"
    + _AFTER
)
# Words that belong to the phrase before it: "un grand merci", "mille mercis",
# "je te remercie", "much appreciated" (so that "non un grand merci" reads as
# "non" + phrase). Keyed by the first letter of the phrase.
_WIDEN = {
    "m": re.compile(r"(?<!\w)(?:(?:un\s+)?(?:grand|gros|immense|énorme)\s+|mille\s+)$"),
    "r": re.compile(r"(?<![\w'])(?:je|j'|on|nous)\s*(?:(?:te|vous|les?|la)\s+|t')?$"),
    "a": re.compile(r"(?<!\w)(?:(?:very\s+)?much|greatly|really)\s+$"),
}

# ------------------------------------------------------------------ declines

_NO = r"(?<!oh )(?:no|nope|nah|naw|non|nan)"
# Right before the phrase: a refusal, "Dieu merci", "à la merci de", "sans merci",
# a request ("would be appreciated", "I'd appreciate").
_DECLINED_BEFORE_RE = re.compile(
    r"(?:\b" + _NO + r"\b[\s,.!…]*"
    r"|\bdieu\s+|\b(?:la|sans)\s+"
    r"|\b(?:the|this|that|le|les|ce|cette)\s+"  # a noun: "the thanks page"
    r"|\b(?:je\s+(?:vais\s+)?passe|i'?ll\s+pass|i\s+pass)\b[\s,.!]*"
    r"|\b(?:would|'d|wd)\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:\w+\s+)?"
    r"|\bany\s+(?:help|input|ideas?|feedback|advice|pointers?|tips?)\s+(?:is\s+|will\s+be\s+)?(?:\w+\s+)?"
    r")$",
    _F,
)
# Right after the phrase.
_DECLINED_AFTER_RE = re.compile(
    r"^(?:"
    # "thanks but no", "merci, mais non merci", "thanks but I'll pass"
    r"[\s,.!…]*(?:but|mais)[\s,]+(?:"
    + _NO
    + r"\b(?!\s+(?:rush|worries|pressure|problem|hurry))|not\b|pas\b|i'?m\s+(?:good|fine|ok)"
    r"|i'?ll\s+pass|i\s+(?:don'?t|do\s+not|can'?t)|i\s+pass|je\s+(?:vais\s+)?pass"
    r"|je\s+ne|j'ai\s+pas|ça\s+ira|ca\s+ira|sans\s+façon|no\s+thank)"
    r"|[\s,]*sans\s+façon"
    # "thanks for nothing", "merci pour rien"
    r"|[\s,]*(?:(?:a\s+lot|so\s+much|very\s+much|beaucoup|bien)\s+)?(?:for|pour)\s+(?:nothing|rien)\b"
    # "thanks in advance", "merci d'avance", "thanks a lot in advance"
    r"|[\s,!]*(?:[\w']+\s+){0,3}?(?:in\s+advance|ahead\s+of\s+time|beforehand|d'avance"
    r"|davance|par\s+avance|à\s+l'avance|by\s+advance)"
    r"|[\s,!]*(?:[\w']+\s+){0,2}?(?:for|pour)\s+(?:any|toute)\s"
    # "thanks if you can", "merci si quelqu'un ..."
    r"|[\s,]*(?:[\w']+\s+){0,2}?(?:if|si)\b"
    # "thank god", "merci mon dieu", toasts
    r"|\s*(?:god|goodness|heavens|mon\s+dieu|dieu)\b"
    r")",
    _F,
)
# "merci de me dire", "merci de ne pas spammer", "merci de bien vouloir": in French
# "merci de" + a present infinitive is "please"; "merci de m'avoir aidé",
# "merci d'être venu", "merci de ton aide" are thanks.
_MERCI_DE_REQUEST_RE = re.compile(
    r"\s*(?:de\s+|d')(?:(?:ne|n'|pas|me|m'|te|t'|se|s'|nous|vous|le|la|les|l'|lui|y|en|bien)"
    r"(?:\s+|(?<=')))*"
    r"(?!avoir\b|être\b|etre\b|votre\b|notre\b)[a-zà-ÿ]+(?:er|ir|re|oir)\b",
    _F,
)
# Later in the sentence: "merci pour ton message, mais non, ..."
_REFUSED_LATER_RE = re.compile(
    r"\b(?:but|mais)[\s,]+" + _NO + r"\b(?!\s+(?:rush|worries|pressure|problem|hurry|luck))", _F
)
_QUESTION_RE = re.compile(
    r"\b(?:how|what|what's|whats|why|when|where|which|who|did|do|does|should|comment|pourquoi"
    r"|quoi|quel|quelle|est-ce|faut-il)\b|\w-(?:vous|tu|il|elle|on)\b",
    _F,
)
# Sentence-initial "thanks to the ..." is "because of".
_CAUSAL_RE = re.compile(
    r"\s+(?:to|à)\s+(?:the|this|that|these|those|my|your|his|her|its|our|their|a|an|ce|cette"
    r"|ces|le|la|les|l'|un|une)\b",
    _F,
)
_TOAST_AFTER_RE = re.compile(r"^\s*(?:to\b|à\b|[^\w<]*(?:🍻|🥂|🍺|🍷|🍾))", _F)
# Later in the sentence of a "cheers": "cheers @bob 🍻 to the weekend".
_TOAST_LATER_RE = re.compile(r"🍻|🥂|🍾|\bto\s+(?:the|our|a|new|your)\b")
# Talking about the word: "the word thanks", "ty is short for thank you".
_WORD_BEFORE_RE = re.compile(r"\b(?:word|words|mot|mots|term|terme)\s+'?$")
_WORD_AFTER_RE = re.compile(
    r"'?\s+(?:is\s+short|is\s+the\s+(?:most|word)|means|veut\s+dire|signifie|vient\s+d"
    r"|comes\s+from|est\s+un\s+mot)"
)
# What says the help came after a question: "can someone help? nvm, @bob fixed it".
_RESOLVED_RE = re.compile(
    r"\b(?:fixed|works?|worked|working|solved|resolved|done|found|nvm|never\s*mind|figured"
    r"|got\s+it|résolu|réglé|marche|trouvé|fonctionne)\b"
)
# A word of three letters or more (mentions blanked first).
_WORDY_RE = re.compile(r"[^\W\d_]{3,}")
# "@bob said thanks", "don't forget to say thanks to @bob": reported, not given.
_SAY_BEFORE_RE = re.compile(
    r"\b(?:say|says|said|saying|dire|dit|dis|disent|disait)\s+"
    r"(?:(?:a|un|une|big|huge|grand|gros|my|our|mes|nos)\s+)*$",
    _F,
)
_FUTURE_RE = re.compile(
    r"(?:\bgoing\s+to|\bgonna|\bwill|'ll|\bvais|\bvas|\ballons)\s+(?:\w+\s+)?$", _F
)
_FIRST_PERSON_RE = re.compile(
    r"\b(?:i|i'd|i'm|i've|i'll|we|we'd|we're|me|je|j'|on|nous|wanted|want|wanna|just)\b"
    r"|\bj'",
    _F,
)
_REPORTER_RE = re.compile(
    r"\b(?:you|u|forget|remember|should|did|does|do|tu|vous|oublie\w*|pense\w*|faut"
    r"|he|she|they|il|elle|ils|elles|go|let's|always)\b|<@[^>]+>\s*$",
    _F,
)
# Asking for something between the addressee and the phrase makes it thanks in
# advance: "@bob can you review? thanks", "@claire tu peux regarder stp, merci".
_REQUEST_RE = re.compile(
    r"\?|\b(?:please|pls|plz|pleas|could\s+(?:you|u|someone|anyone)|can\s+(?:you|u|someone|anyone)"
    r"|would\s+you|will\s+you|mind|any\s+chance|let\s+me\s+know|lmk|when\s+you\s+(?:can|get|have)"
    r"|s'il\s+(?:te|vous)\s+pla[iî]t|stp|svp|tu\s+peux|tu\s+pourrais|vous\s+pouvez"
    r"|vous\s+pourriez|peux[\s-]+tu|pourrais[\s-]+tu|pouvez[\s-]+vous|pourriez[\s-]+vous"
    r"|quand\s+tu\s+(?:peux|auras)|dès\s+que|if\s+(?:you|u|anyone|someone)\s+(?:have|has|get|could|can)"
    r"|si\s+(?:tu\s+as|vous\s+avez|quelqu'un))\b",
    _F,
)

# ------------------------------------------------------------------ structure

# Emoji names (":thank_you:", Discord's "<:ty:123>"), channel tokens, role
# mentions: never words, and their colons are not punctuation.
_NOISE_RE = re.compile(r"<a?:\w+:\d+>|<#[^<>\s]*>|<@&\d+>|:[\w+\-]+:")
# What ends a sentence (group 1) or only a clause. Each alternative starts with
# a literal or a set, so the matcher skips quickly to the next candidate; a run
# of dots is only tried from its first dot, and never given back (possessive),
# so "......x" costs one pass, not one per dot.
_BREAK_RE = re.compile(
    r"([!?…]+|\.(?<!\.\.)\.*+(?=\s|$)|\n|;)|,|:(?=\s|$)|[()]|[ \t][\-–—]++\s"
    r"|b(?<!\wb)ut\b|m(?<!\wm)ais\b"
)
# Words and punctuation that may stand in a clause that only addresses people.
_ADDRESS_RE = re.compile(
    r"(?:[\W_]|\b(?:and|et|also|too|aussi|both|all|tous|toutes|everyone|tout|le|monde"
    r"|especially|surtout|notamment|in|particular|en|particulier|particularly|hey|hi|hello"
    r"|yo|ya|guys|les|gars|team|again|encore|as|well|également|egalement|à|a|to|dear|oh"
    r"|bonjour|salut|coucou)\b)*",
    _F,
)
# Thanks to a whole group: never bound to a mention further away.
_EVERYONE_AFTER_RE = re.compile(
    r"[\s,!]*(?:(?:so\s+much|a\s+lot|again|beaucoup|encore)\s+)?(?:to\s+|à\s+)?"
    r"(?:everyone|everybody|all\b|y'?all|folks|guys|team|people|tout\s+le\s+monde|tous"
    r"|toutes|la\s+team|l'équipe|les\s+gars)",
    _F,
)
# Between two mentions of one group ("@a @b", "@a, @b", "@a and @b", "@a et à @b").
_GROUP_GLUE_RE = re.compile(r"[\s,&+/]*(?:(?:and|et|&)\s+(?:to\s+|à\s+)?)?", _F)
# Before the first mention of a clause or message ("hey @bob", "ok @bob,").
_OPENING_RE = re.compile(
    r"[\W_]*(?:(?:hey|hi|hello|yo|oh|ok|okay|wow|omg|ah|so|dear|and|et|salut|coucou"
    r"|bonjour|bonsoir|re)\b[\W_]*)?",
    _F,
)
# Between a mention and the phrase right after it ("@bob a big thank you",
# "@claire, un grand merci").
_ADJACENT_RE = re.compile(
    r"[\W_]*(?:(?:a|so|really|just|again|encore|vraiment|big|huge|massive|un|une|grand|gros"
    r"|immense|énorme|many|mille|also|aussi|and|et|&|thanks|merci|oh|wow)\b[\W_]*){0,4}",
    _F,
)
# A later mention joined to the receivers ("thanks @a for X and @b for Y").
_JOINED_RE = re.compile(
    r"(?:\band|\bet|&|\bas\s+well\s+as|\bainsi\s+que|\bplus)\s+(?:(?:to|à)\s+)?$", _F
)
# A clause adding somebody: "(and @alice for the idea)".
_AND_OPENING_RE = re.compile(r"\s*(?:and|et|&)\s+(?:(?:to|à)\s+)?<@", _F)
# What opens a clause that speaks to the mention right before it ("@bob you rock").
_SECOND_PERSON_RE = re.compile(
    r"[\W_]*(?:you|u|ya|your|you're|youre|ur|tu|t'|toi|vous|ton|ta|tes|votre|vos|t'es"
    r"|rocks?|is\s+the\s+best|assures?|gère|géré|gères)\b",
    _F,
)


@dataclass(frozen=True)
class Detection:
    """A thank-you found in one message."""

    receiver_ids: tuple[str, ...]
    """Who is thanked: unique ids in order of appearance; never empty, never the
    author or a bot."""
    excerpt: str
    """The message (from the sentence holding the thanks when it is long), on one
    line, at most :data:`EXCERPT` characters; mentions stay ``<@ID>`` tokens."""


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    id: str


class _Reading:
    """Sentences, clauses and mentions of a (masked) message, found by offset."""

    def __init__(self, plain: str, text: str) -> None:
        self.plain = plain
        # Found in the masked lower-cased copy; ids read from the message itself.
        self.mentions = [
            _Mention(m.start(), m.end(), text[m.start(1) : m.end(1)])
            for m in MENTION_RE.finditer(plain)
        ]
        self.mention_starts = [m.start for m in self.mentions]
        self.sentences, self.clauses = _split(plain)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.clause_starts = [s for s, _ in self.clauses]

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def clause_of(self, pos: int) -> int:
        return bisect.bisect_right(self.clause_starts, pos) - 1

    def mentions_in(self, start: int, end: int) -> range:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return range(lo, hi)

    def group_from(self, first: int, end: int) -> list[int]:
        """Mention ``first`` and the mentions glued to it, up to offset ``end``."""
        group = [first]
        k = first + 1
        while k < len(self.mentions) and self.mentions[k].end <= end:
            gap = self.plain[self.mentions[k - 1].end : self.mentions[k].start]
            if not _GROUP_GLUE_RE.fullmatch(gap):
                break
            group.append(k)
            k += 1
        return group

    def group_before(self, last: int, start: int) -> list[int]:
        """Mention ``last`` and the mentions glued before it, from offset ``start``."""
        group = [last]
        k = last - 1
        while k >= 0 and self.mentions[k].start >= start:
            gap = self.plain[self.mentions[k].end : self.mentions[k + 1].start]
            if not _GROUP_GLUE_RE.fullmatch(gap):
                break
            group.insert(0, k)
            k -= 1
        return group

    def opening(self, start: int, end: int) -> list[int]:
        """The mentions that open ``[start, end)`` ("hey @a @b, ..."), if any."""
        inside = self.mentions_in(start, end)
        if not inside or not _OPENING_RE.fullmatch(
            self.plain[start : self.mentions[inside[0]].start]
        ):
            return []
        return self.group_from(inside[0], end)

    def address_only(self, start: int, end: int) -> list[int]:
        """All mentions of ``[start, end)`` when it does nothing but address them."""
        inside = self.mentions_in(start, end)
        if not inside:
            return []
        pos = start
        for k in inside:
            if not _ADDRESS_RE.fullmatch(self.plain[pos : self.mentions[k].start]):
                return []
            pos = self.mentions[k].end
        return list(inside) if _ADDRESS_RE.fullmatch(self.plain[pos:end]) else []


def _split(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The non-blank sentences and clauses of ``text``, as ``(start, end)`` spans."""
    sentences: list[tuple[int, int]] = []
    clauses: list[tuple[int, int]] = []
    sentence = clause = 0
    for m in _BREAK_RE.finditer(text):
        start, end = m.span()
        if clause < start and not text[clause:start].isspace():
            clauses.append((clause, start))
        clause = end
        if m.group(1) is not None:
            if sentence < start and not text[sentence:start].isspace():
                sentences.append((sentence, start))
            sentence = end
    for spans, pos in ((sentences, sentence), (clauses, clause)):
        if pos < len(text) and not text[pos:].isspace():
            spans.append((pos, len(text)))
        if not spans:
            spans.append((0, len(text)))
    return sentences, clauses


def _free_before(text: str, start: int) -> bool:
    """Whether a phrase at ``start`` is not glued to what precedes it ("party",
    "/thanks", "@thanks", "#merci", "x.thanks", a quoted "thanks")."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isalnum() or before in '_#/@-"«“':
        return False
    return before != "." or start < 2 or not (text[start - 2].isalnum() or text[start - 2] == "_")


def _phrases(plain: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, phrase)`` of the thank phrases of ``plain``."""
    for m in _PHRASE_RE.finditer(plain):
        start = m.start()
        if not _free_before(plain, start):
            continue
        widen = _WIDEN.get(plain[start])
        if widen is not None and (w := widen.search(plain, max(0, start - 24), start)):
            start = w.start()
        yield start, m.end(), m.group()


def _lower(text: str) -> str:
    """``text`` in lower case, character for character (same offsets)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)  # "İ" -> "i̇"


def _hinted(low: str) -> bool:
    """Whether the lower-cased ``low`` may hold a phrase: the cheap first test."""
    return (
        "thank" in low
        or "ty" in low
        or "merci" in low  # also remercie, mercis
        or "thx" in low
        or "thaa" in low  # thaaanks
        or "thann" in low
        or "thanx" in low
        or "thn" in low  # thnx, thnks
        or "thk" in low
        or "cheers" in low
        or "appreci" in low
        or "kudos" in low
        or "grateful" in low
        or "shout" in low
        or "tnx" in low
        or "mrc" in low
        or "mci" in low
    )


def _prepare(low: str) -> str:
    """Same-length copy of the lower-cased message holding only the author's own
    words: code, quotes, links and emoji names blanked; typographic apostrophes
    made plain."""
    plain = masked_spans(low, links=True).blank(low)
    plain = _NOISE_RE.sub(lambda m: " " * len(m.group()), plain)
    return plain.replace("\u2019", "'").replace("\u02bc", "'")


def _declined(plain: str, start: int, end: int, phrase: str, sentence: tuple[int, int]) -> bool:
    """Whether the phrase at ``[start, end)`` (its key word ``phrase``: "merci" in
    "un grand merci") is no thanks at all (see module doc)."""
    before = plain[max(sentence[0], start - 60) : start]
    after = plain[end : end + 60]  # may run past the sentence: "merci... mais non"
    if _DECLINED_BEFORE_RE.search(before) or _DECLINED_AFTER_RE.match(after):
        return True
    if _REFUSED_LATER_RE.search(plain, end, min(sentence[1] + 1, end + 200)):
        return True
    if plain.startswith("?", sentence[1]) and _QUESTION_RE.search(before):
        return True  # "how do I say thanks to @bob?", "what's the French for thanks?"
    if phrase.startswith("thank") and not before.strip() and _CAUSAL_RE.match(after):
        return True  # "Thanks to the outage, ..."
    if phrase == "cheers" and (
        _TOAST_AFTER_RE.match(after) or _TOAST_LATER_RE.search(plain, end, sentence[1] + 1)
    ):
        return True
    if _WORD_BEFORE_RE.search(before) or _WORD_AFTER_RE.match(after):
        return True
    if _FUTURE_RE.search(before):
        return True  # "I'll thank you when it works"
    if phrase.startswith("merci") and _MERCI_DE_REQUEST_RE.match(plain, end):
        return True
    said = _SAY_BEFORE_RE.search(before)
    if said:
        subject = plain[sentence[0] : start - len(said.group())]
        if _FUTURE_RE.search(subject):
            return True  # "I'm going to say thanks in the all-hands"
        return not _FIRST_PERSON_RE.search(subject) and bool(_REPORTER_RE.search(subject))
    return False


def _bind(reading: _Reading, start: int, end: int, *, local: bool) -> tuple[list[int], bool]:
    """Mentions the phrase at ``[start, end)`` is addressed to, and whether it is
    thanks in advance (a request between the addressee and the phrase). With
    ``local``, only its own clause is read."""
    plain = reading.plain
    c = reading.clause_of(start)
    cs, ce = reading.clauses[c]
    s = reading.sentence_of(start)
    ss, se = reading.sentences[s]
    found: list[int] = []

    # 1. The clause itself.
    before = reading.mentions_in(cs, start)
    if before:
        found += reading.opening(cs, start)
        last = before[-1]
        if _ADJACENT_RE.fullmatch(plain[reading.mentions[last].end : start]):
            found += reading.group_before(last, cs)
    after = reading.mentions_in(end, ce)
    if after:
        group = reading.group_from(after[0], ce)
        found += group
        for k in after[len(group) :]:
            mention = reading.mentions[k].start
            if _JOINED_RE.search(plain, max(cs, mention - 40), mention):
                found.append(k)

    # Neighbouring clauses of the sentence: more people addressed ("thanks, @a
    # and @b"), a list going on ("to @a, @b and @c for ..."), a co-receiver
    # ("(and @c for the idea)"), a clause speaking to who opens it ("@c you rock").
    # A "cheers" only reaches clauses that do nothing but address people.
    listing = bool(found) and _ends_with_mention(reading, found, ce)
    k = c + 1
    while k < len(reading.clauses) and reading.clauses[k][0] < se:
        ks, ke = reading.clauses[k]
        only = reading.address_only(ks, ke)
        if only:
            found += only
            listing = _ends_with_mention(reading, only, ke)
            k += 1
            continue
        opening = [] if local else reading.opening(ks, ke)
        if opening and (
            (listing and len(opening) > 1)
            or _AND_OPENING_RE.match(plain, ks)
            or _SECOND_PERSON_RE.match(plain, reading.mentions[opening[-1]].end)
        ):
            found += opening
        break
    own = bool(found)  # the clause names somebody: earlier clauses only add addressees
    k = c - 1
    while k >= 0 and reading.clauses[k][1] > ss:
        ks, ke = reading.clauses[k]
        only = reading.address_only(ks, ke)
        if only:
            found += only
            k -= 1
            continue
        if not local and not own:
            # "@bob that worked, thanks", "great work @bob, thanks"
            found += reading.opening(ks, ke)
            inside = reading.mentions_in(ks, ke)
            if inside and _ends_with_mention(reading, inside, ke):
                found += reading.group_before(inside[-1], ks)
        break
    if local:
        return sorted(set(found)), False

    if not found and _EVERYONE_AFTER_RE.match(plain, end):
        return [], False
    # 2. A neighbouring sentence that only addresses people.
    if not found:
        for n in (s + 1, s - 1):
            if 0 <= n < len(reading.sentences):
                found = reading.address_only(*reading.sentences[n])
                if found:
                    break
    # 3. The mentions that open the message.
    if not found:
        found = reading.opening(0, reading.sentences[0][1])

    found = sorted(set(found))
    first = reading.mentions[found[0]].end if found else 0
    in_advance = first < start and bool(_REQUEST_RE.search(plain, first, start))
    if found and not in_advance and _bare(plain, end, ce):
        # A bare sign-off after a question: "anyone can help? @a @b thanks".
        since = reading.sentences[s - 1][0] if s > 0 else ss
        asked = [m.end() for m in _REQUEST_RE.finditer(plain, since, start)]
        in_advance = bool(asked) and not _RESOLVED_RE.search(plain, asked[-1], start)
    return found, in_advance


def _bare(plain: str, end: int, clause_end: int) -> bool:
    """Whether nothing but mentions, emoji and short words follows the phrase in
    its clause (no reason such as "for the intro")."""
    rest = MENTION_RE.sub(" ", plain[end:clause_end])
    return not _WORDY_RE.search(rest)


def _ends_with_mention(reading: _Reading, found: Sequence[int], end: int) -> bool:
    return not reading.plain[reading.mentions[max(found)].end : end].strip()


def _excerpt(text: str, start: int, limit: int) -> str:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = " ".join(text[start:].split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    opened = cut.rfind("<@")
    if opened != -1 and ">" not in cut[opened:]:
        cut = cut[:opened]
    return cut.rstrip() + "…"


def detect(
    text: str,
    mentions: Mapping[str, Member] | None = None,
    *,
    author_id: str,
    reply_to: str | None = None,
    bot_id: str | None = None,
    gave_kudos: bool = False,
    limit: int = EXCERPT,
) -> Detection | None:
    """The thank-you in ``text``, or ``None``.

    ``mentions`` are the members the platform resolved (only used to leave bots
    out); ``reply_to`` is the author of the message this one replies to;
    ``bot_id`` is Roots itself; ``gave_kudos`` says the message already gave
    kudos some other way (a reaction by the same person). A ``<@ID>++`` in the
    text is seen here.
    """
    if gave_kudos or ("<@" not in text and reply_to is None):
        return None
    low = _lower(text)
    if not _hinted(low) or next(_phrases(low), None) is None:
        return None  # the way out for nearly every message in a busy channel
    if ("+" in text or "\uff0b" in text) and parse_plusplus(text) is not None:
        return None
    plain = _prepare(low)
    reading = _Reading(plain, text)

    def receiver(member_id: str) -> bool:
        member = (mentions or {}).get(member_id)
        return member_id not in (author_id, bot_id) and not (member and member.is_bot)

    bound: list[int] = []
    open_phrase: int | None = None  # an addressed-to-nobody thanks, for reply_to
    first: int | None = None
    # A real message holds a few phrases; reading at most MAX_PHRASES keeps a
    # flood of them ("thanks " * 10_000) linear.
    for start, end, phrase in itertools.islice(_phrases(plain), MAX_PHRASES):
        sentence = reading.sentences[reading.sentence_of(start)]
        if _declined(plain, start, end, phrase, sentence):
            continue
        local = phrase == "cheers"  # a sign-off too: "see you, cheers"
        found, in_advance = _bind(reading, start, end, local=local)
        if in_advance:
            continue
        if not found:
            if open_phrase is None and not _REQUEST_RE.search(plain, 0, start):
                open_phrase = start
            continue
        if first is None and any(receiver(reading.mentions[k].id) for k in found):
            first = start
        bound += found

    ids: dict[str, None] = {}
    if bound:
        for k in sorted(set(bound)):
            if receiver(reading.mentions[k].id):
                ids.setdefault(reading.mentions[k].id, None)
    elif open_phrase is not None and reply_to is not None and receiver(reply_to):
        ids, first = {reply_to: None}, open_phrase
    if not ids or first is None:
        return None
    start = reading.sentences[reading.sentence_of(first)][0]
    return Detection(tuple(ids), _excerpt(text, start, limit))
