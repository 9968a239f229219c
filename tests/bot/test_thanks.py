"""Tests for :mod:`bot.thanks`: a labelled corpus, examples and properties.

The corpus (``thanks_corpus.tsv``, 466 messages, 47% negatives, English and
French, Slack- and Discord-shaped ids) was written to look like real chat.
Labelling choices, where a reasonable person could hesitate:

* thanks *in advance* ("thanks in advance @bob", "@bob can you look? thanks",
  "merci d'avance", "would appreciate it") is **not** a thank-you: nothing was
  received yet, and counting it would reward asking rather than helping;
* French "merci de" + a present infinitive ("merci de relire avant vendredi")
  is "please", not thanks; "merci de ton aide" / "merci de m'avoir aidé" are thanks;
* "thanks to @bob we shipped" credits bob and counts; sentence-initial "thanks
  to the outage, ..." means "because of" and does not;
* "cheers @bob" is thanks; "cheers to ...", "cheers 🍻" (a toast) and "see you
  tomorrow, cheers" (a sign-off) are not;
* reported thanks ("@bob said thanks", "did you say thanks to @bob?") is not the
  author's, and praise without a thank phrase ("great job @bob") is not a
  thank-you under the issue's definition;
* sarcasm without a marker ("wow thanks @bob, now nothing compiles") is labelled
  as what it means (no thanks) even though the detector cannot tell: these rows
  are the honest cost in precision.

Rows noted ``held-out`` and ``held-out-2`` are two batches of 40 written after
the rules, each measured once before the rules were changed again: pairs
precision 0.76 / recall 0.86 for the first, 0.79 / 0.96 for the second. They
are hard on purpose (mostly tricky negatives), so they bound from below what to
expect on unseen chat; the fixes they prompted were general ones, and the rows
stay in the corpus.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.plusplus import masked_spans
from bot.thanks import EXCERPT, Detection, detect
from bot.types import Member

CORPUS = Path(__file__).with_name("thanks_corpus.tsv")
# Per platform: (author, Roots).
PEOPLE = {
    "slack": ("U01AUTHOR", "U01ROOTS"),
    "discord": ("738200000000000001", "738200000000000002"),
}
PRECISION_TARGET = 0.97
RECALL_TARGET = 0.90


class Row:
    def __init__(self, line: str) -> None:
        platform, text, expected, reply_to, self.note = line.split("\t")
        self.platform = platform
        self.text = text.replace("\\\\", "\0").replace("\\n", "\n").replace("\0", "\\")
        self.expected = () if expected == "-" else tuple(expected.split())
        self.reply_to = None if reply_to == "-" else reply_to
        self.author, self.bot = PEOPLE[platform]

    def detect(self) -> Detection | None:
        return detect(self.text, author_id=self.author, bot_id=self.bot, reply_to=self.reply_to)


def load_corpus() -> list[Row]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [Row(line) for line in lines if line and not line.startswith("#")]


ROWS = load_corpus()
# Anything that looks like a phrase, to pick messages that have none.
PHRASE_LIKE = re.compile(
    r"th[anx]|thk|ty|merci|mrc|mci|cheers|kudos|apprec|grateful|shout|tnx", re.IGNORECASE
)
POSITIVE_TEXTS = [r.text for r in ROWS if r.expected and r.reply_to is None]


# ------------------------------------------------------------------ the corpus


def test_corpus_is_large_varied_and_well_formed() -> None:
    assert len(ROWS) >= 300
    negatives = [r for r in ROWS if not r.expected]
    assert len(negatives) / len(ROWS) >= 0.40
    assert {r.platform for r in ROWS} == {"slack", "discord"}
    french = [r for r in ROWS if re.search(r"merci|remerci", r.text, re.I)]
    assert len(french) >= 60
    for row in ROWS:
        tokens = re.findall(r"<@([^>]+)>", row.text)
        assert all(i in tokens or i == row.reply_to for i in row.expected), row.text
        assert row.reply_to is None or row.platform == "discord"


def scores(rows: list[Row]) -> tuple[float, float, float, float, list[str]]:
    """Precision and recall over (message, receiver) pairs, then over whole
    messages (a message is right only when its receivers are exactly right)."""
    tp = fp = fn = 0
    exact = predicted = expected = 0
    wrong: list[str] = []
    for row in rows:
        found = row.detect()
        got = set(found.receiver_ids) if found else set()
        want = set(row.expected)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        predicted += bool(got)
        expected += bool(want)
        exact += bool(got) and got == want
        if got != want:
            wrong.append(f"  {row.text!r}: expected {sorted(want)}, got {sorted(got)}")

    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    return (
        ratio(tp, tp + fp),
        ratio(tp, tp + fn),
        ratio(exact, predicted),
        ratio(exact, expected),
        wrong,
    )


def test_corpus_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    precision, recall, msg_precision, msg_recall, wrong = scores(ROWS)
    batches = {
        batch: scores([r for r in ROWS if r.note.split(";")[0] == batch])
        for batch in ("held-out", "held-out-2")
    }
    held_out = "; ".join(f"{b} rows: pairs {p:.3f} / {r:.3f}" for b, (p, r, *_) in batches.items())
    with capsys.disabled():
        print(
            f"\nthanks corpus: {len(ROWS)} messages; pairs precision {precision:.3f} "
            f"recall {recall:.3f}; messages precision {msg_precision:.3f} "
            f"recall {msg_recall:.3f} ({held_out}); {len(wrong)} wrong:\n" + "\n".join(wrong)
        )
    assert precision >= PRECISION_TARGET
    assert recall >= RECALL_TARGET
    assert msg_precision >= PRECISION_TARGET
    assert msg_recall >= RECALL_TARGET


def test_cost_per_message_on_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    # Busy channels: mostly messages with no phrase at all, which take the fast path.
    chatter = [r.text for r in ROWS if not PHRASE_LIKE.search(r.text)]
    texts = [r.text for r in ROWS]
    rounds = 20

    def per_message(sample: list[str]) -> float:
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            for _ in range(rounds):
                for text in sample:
                    detect(text, author_id="U01AUTHOR", bot_id="U01ROOTS")
            best = min(best, (time.perf_counter() - began) / (rounds * len(sample)))
        return best * 1e6

    everything, quiet = per_message(texts), per_message(chatter)
    with capsys.disabled():
        print(
            f"\nthanks cost: {everything:.1f} µs/message over the corpus, "
            f"{quiet:.1f} µs/message without a phrase"
        )
    assert everything < 1000  # generous: a loaded CI machine; measured ~10x less


# ------------------------------------------------------------------ examples


def test_detection_names_receivers_in_order_and_an_excerpt() -> None:
    found = detect("thanks <@b> and <@a>, and <@b> again!", author_id="me")
    assert found == Detection(("b", "a"), "thanks <@b> and <@a>, and <@b> again!")


def test_a_long_message_is_excerpted_from_the_sentence_with_the_thanks() -> None:
    text = "status: " + "all green " * 20 + ". Thanks <@bob> for the fix! " + "x " * 50
    found = detect(text, author_id="me")
    assert found is not None
    assert found.excerpt.startswith("Thanks <@bob> for the fix!")
    assert len(found.excerpt) <= EXCERPT and found.excerpt.endswith("…")


def test_an_excerpt_never_ends_inside_a_mention() -> None:
    text = "thanks " + "a" * (EXCERPT - 12) + " <@123456789012345678>"
    found = detect(text, author_id="me")
    assert found is not None and found.receiver_ids == ("123456789012345678",)
    assert "<@1" not in found.excerpt


def test_a_reply_is_addressed_to_the_replied_to_author() -> None:
    assert detect("thanks!", author_id="me", reply_to="bob") == Detection(("bob",), "thanks!")
    assert detect("thanks!", author_id="me") is None
    # A mention in the text wins over the reply; a request makes it thanks in advance.
    found = detect("thanks <@carol>", author_id="me", reply_to="bob")
    assert found is not None
    assert found.receiver_ids == ("carol",)
    assert detect("can you check? thanks", author_id="me", reply_to="bob") is None
    # Replying to yourself or to Roots thanks nobody.
    assert detect("thanks!", author_id="me", reply_to="me") is None
    assert detect("thanks!", author_id="me", reply_to="roots", bot_id="roots") is None


def test_bots_named_in_the_mentions_are_never_receivers() -> None:
    mentions = {"b": Member("b", "bob"), "g": Member("g", "github", is_bot=True)}
    found = detect("thanks <@g> and <@b>", mentions, author_id="me")
    assert found is not None and found.receiver_ids == ("b",)
    assert detect("thanks <@g>", mentions, author_id="me") is None
    assert detect("thanks <@g>!", author_id="me", reply_to="b", mentions=mentions) is None


def test_a_message_that_already_gave_kudos_is_not_counted_again() -> None:
    assert detect("thanks <@bob>", author_id="me", gave_kudos=True) is None
    assert detect("<@bob>++ thanks", author_id="me") is None
    assert detect("<@bob>\uff0b\uff0b merci", author_id="me") is None
    # A "++" that is not kudos does not hide the thanks.
    assert detect("thanks <@bob> for the C++ tips", author_id="me") == Detection(
        ("bob",), "thanks <@bob> for the C++ tips"
    )


@pytest.mark.parametrize(
    "text",
    [
        "thanks <@bob>",
        "<@bob> ty",
        "merci à <@bob> pour la relecture",
        "je vous remercie <@bob>",
        "kudos to <@bob>",
        "much appreciated <@bob>",
        "cheers <@bob>",
        "<@bob> thx!!",
        "un grand merci <@bob>",
        "mille mercis <@bob>",
    ],
)
def test_every_phrase_of_the_issue_is_understood(text: str) -> None:
    assert detect(text, author_id="me") is not None


def test_masked_spans_with_links_blank_urls_and_keep_offsets() -> None:
    text = "see https://x.io/thanks and [merci](https://y.fr/m) `ty` ok"
    blanked = masked_spans(text, links=True).blank(text)
    assert len(blanked) == len(text)
    assert "thanks" not in blanked and "merci" not in blanked and "ty" not in blanked
    assert blanked.startswith("see ") and blanked.endswith(" ok")
    # The ++ reading does not mask links (its behaviour is unchanged).
    assert masked_spans("https://x.io/a").starts == ()
    assert masked_spans("> a\n`b`\nc").blank("> a\n`b`\nc") == "   \n   \nc"


@pytest.mark.parametrize(
    "text",
    [
        "thanks " * 20_000,
        "<@a> " * 20_000 + "thanks",
        "thanks <@a>, " * 10_000,
        "merci de " * 20_000,
        "no " * 30_000 + "thanks <@a>",
        "`" * 50_001 + "thanks <@a>",
        "https://" * 20_000 + " thanks <@a>",
        "[" * 30_000 + "thanks <@a>",
        "thanks" + "!" * 50_000 + "<@a>",
        ", " * 40_000 + "thanks <@a>",
        "<@a> " + "x, " * 30_000 + "thanks",
        "thanks <@a> " + "." * 50_000 + "x",
        "thanks <@a> " + " -" * 30_000 + "x",
        "thanks <@a> :" + "a" * 50_000,
        "thanks <@a> " + "<@" * 30_000,
        "thanks <@a> " + "[x](http://" * 10_000,
        "thanks <@a> merci de " + "ne " * 30_000,
    ],
)
def test_pathological_input_is_answered_quickly(text: str) -> None:
    began = time.perf_counter()
    detect(text, author_id="me", reply_to="r")
    assert time.perf_counter() - began < 5  # a quadratic pass takes minutes here


def test_time_grows_linearly_with_the_message() -> None:
    unit = "thanks <@a> for the fix, and <@b>! > quoted\n`code` merci <@c> https://x.io "

    def cost(repeat: int) -> float:
        text = unit * repeat
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            detect(text, author_id="me")
            best = min(best, time.perf_counter() - began)
        return best

    small, large = cost(500), cost(4000)
    assert large / small < 8 * 4  # linear: ~8; quadratic: ~64


# ------------------------------------------------------------------ properties

IDS = st.from_regex(r"[A-Za-z0-9]{1,20}", fullmatch=True)
# Pieces of chat without any thank phrase, some of them traps ("party", "mercier").
HARMLESS = [
    "<@a>",
    "<@me>",
    "<@roots>",
    "party",
    "typo",
    "mercier",
    "mercy",
    "thank",
    "the",
    "no",
    "but",
    "mais",
    "great job",
    "bravo",
    "++",
    "?",
    "!",
    ",",
    ".",
    "\n",
    " ",
    "`",
    "> ",
    "https://x.io/",
    "🎉",
    "é",
]
harmless_text = st.lists(st.sampled_from(HARMLESS), max_size=30).map(" ".join)
PHRASES = [
    "thanks",
    "thank you",
    "thx",
    "ty",
    "much appreciated",
    "kudos to",
    "merci",
    "mille mercis",
    "je te remercie",
    "un grand merci",
]
FRAGMENTS = [*HARMLESS, *PHRASES, "<@", ">", "@", "<@b>", "for the help", "in advance", "🙏"]
tricky_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3))).map("".join),
)


@settings(max_examples=300)
@given(harmless_text)
def test_text_without_a_phrase_is_never_a_thank_you(text: str) -> None:
    assert detect(text, author_id="me", reply_to="bob", bot_id="roots") is None


@settings(max_examples=300)
@given(tricky_text, st.sampled_from([None, "r", "me"]))
def test_never_raises_and_never_thanks_the_author_or_the_bot(
    text: str, reply_to: str | None
) -> None:
    found = detect(text, author_id="me", reply_to=reply_to, bot_id="roots")
    if found is not None:
        assert found.receiver_ids
        assert len(set(found.receiver_ids)) == len(found.receiver_ids)
        assert not {"me", "roots"} & set(found.receiver_ids)
        assert all(f"<@{i}>" in text or i == reply_to for i in found.receiver_ids)
        assert len(found.excerpt) <= EXCERPT


@settings(max_examples=200)
@given(
    st.sampled_from(POSITIVE_TEXTS),
    st.sampled_from(["```\n{}\n```", "```{}```", "> {}", ">>> {}", "`{}`"]),
)
def test_a_thank_you_inside_code_or_a_quote_is_not_one(text: str, wrapper: str) -> None:
    if wrapper.startswith(">") and not wrapper.startswith(">>>"):
        wrapped = "\n".join("> " + line for line in text.split("\n"))
    elif wrapper == "`{}`":
        if "`" in text or "\n" in text:
            return
        wrapped = wrapper.format(text)
    elif "```" in text:
        return
    else:
        wrapped = wrapper.format(text)
    assert detect(wrapped, author_id="U01AUTHOR", reply_to="bob") is None


@settings(max_examples=300)
@given(
    st.sampled_from(PHRASES),
    st.lists(IDS, min_size=1, max_size=3),
    st.sampled_from(["", "!", " for the help", " pour ton aide", " 🙏"]),
    st.sampled_from(["{p} {m}{r}", "{m} {p}{r}", "{p}{r} {m}"]),
)
def test_no_before_the_phrase_makes_it_no_thanks(
    phrase: str, ids: list[str], rest: str, shape: str
) -> None:
    mentions = " ".join(f"<@{i}>" for i in ids)
    text = shape.format(p=phrase, m=mentions, r=rest)
    found = detect(text, author_id="me")
    assert found is not None and found.receiver_ids == tuple(dict.fromkeys(ids))
    refusal = "non " if "merci" in phrase or "remercie" in phrase else "no "
    assert detect(shape.format(p=refusal + phrase, m=mentions, r=rest), author_id="me") is None


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("merci <@a>, cc <@b>", ("a",)),
        ("thanks <@a>, cc <@b> <@c>", ("a",)),
        ("thanks in advance <@a>, and thanks <@b> for yesterday", ("b",)),
        ("no thanks <@a>, but thanks <@b> for the offer", ("b",)),
        ("<@a> that worked, thanks <@b> for the pointer", ("b",)),
        ("you're the best <@a>, thanks", ("a",)),
    ],
)
def test_only_the_people_the_thanks_is_addressed_to(text: str, ids: tuple[str, ...]) -> None:
    found = detect(text, author_id="me")
    assert found is not None and found.receiver_ids == ids
