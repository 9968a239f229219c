"""Tests for :mod:`bot.plusplus`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.plusplus import MENTION_RE, PlusPlus, parse_plusplus

ID_RE = re.compile(r"[A-Za-z0-9_.:\-]+")

# ------------------------------------------------------------------ examples

POSITIVES: list[tuple[str, tuple[str, ...], str]] = [
    ("<@bob>++", ("bob",), ""),
    ("<@bob> ++", ("bob",), ""),
    ("<@bob>++ for the talk", ("bob",), "for the talk"),
    ("great talk <@bob>++", ("bob",), "great talk"),
    ("<@a>++ <@b>++ thanks both!", ("a", "b"), "thanks both!"),
    ("<@a>++ <@b>++ <@a>++", ("a", "b"), ""),
    ("<@bob>++ for helping <@carol>", ("bob",), "for helping <@carol>"),
    ("<@bob>++, thanks", ("bob",), "thanks"),
    ("<@bob>++!", ("bob",), "!"),
    ("<@bob>++: for the talk", ("bob",), "for the talk"),
    ("<@bob>++ - for the talk", ("bob",), "for the talk"),
    ("<@bob>++ \u2014 for the talk", ("bob",), "for the talk"),
    ("<@bob>\uff0b\uff0b", ("bob",), ""),
    ("<@bob>+\uff0b", ("bob",), ""),
    ("<@bob>\uff0b+ nice", ("bob",), "nice"),
    ("<@123456789012345678>++ ty", ("123456789012345678",), "ty"),
    ("<@U123ABC>++ ty", ("U123ABC",), "ty"),
    ("<@team:x.y-z_1>++", ("team:x.y-z_1",), ""),
    ("<@a>++<@b>++", ("a", "b"), ""),
    ("thanks\n\n  <@bob>++   for\tthe\n talk  ", ("bob",), "thanks for the talk"),
    # Code and quotes elsewhere in the message don't hide real kudos and stay
    # in the reason.
    ("<@bob>++ for fixing `i++;`", ("bob",), "for fixing `i++;`"),
    ("`<@x>++` <@bob>++ ok", ("bob",), "`<@x>++` ok"),
    ("```\n<@x>++\n```\n<@bob>++ ok", ("bob",), "``` <@x>++ ``` ok"),
    ("> <@x>++ well said\n<@bob>++ agreed", ("bob",), "> <@x>++ well said agreed"),
    ("an `unmatched backtick <@bob>++", ("bob",), "an `unmatched backtick"),
    ("<@bob>++ for C++ help", ("bob",), "for C++ help"),
    ("<@bob>++ for @alice too", ("bob",), "for @alice too"),
    ("gracias <@bob>++ \u00e9l\u00e8ve \U0001f389", ("bob",), "gracias \u00e9l\u00e8ve \U0001f389"),
]

NEGATIVES: list[str] = [
    "",
    "   ",
    "c++",
    "C++ is great",
    "x++",
    "i++;",
    "--------",
    "++",
    "@bob++",
    "@bob ++",
    "<@bob>+ +",
    "<@bob>+",
    "<@bob> +",
    "<@bob>",
    "<@bob>  ++",  # two spaces
    "<@bob>\t++",
    "<@bob>\n++",
    "<@bob>+++",
    "<@bob>++++",
    "<@bob>++\uff0b",
    "<@bob>++abc",
    "<@bob>++_",
    "<@bob>++\u00e9",
    "<@bob>++1",
    "<@>++",
    "<@bo b>++",
    "<@bob!>++",
    "<bob>++",
    "<@@bob>++",
    "bob++",
    "`<@bob>++`",
    "``<@bob>++``",
    "`` a ` <@bob>++ ``",
    "say `thanks <@bob>++` like this",
    "```<@bob>++```",
    "```\n<@bob>++\n```",
    "```py\nx = 1\n<@bob>++ for the review\n```",
    "```\n<@bob>++ unterminated fence",
    "text\n```\nstill code\n<@bob>++",
    "> <@bob>++",
    "><@bob>++",
    "> great talk\n> <@bob>++ indeed",
    "  > <@bob>++ indented quote",
    ">>> quoted rest\n<@bob>++\n<@carol>++",
    "<@bob>-- boo",
]


@pytest.mark.parametrize(("text", "ids", "reason"), POSITIVES)
def test_positive_examples(text: str, ids: tuple[str, ...], reason: str) -> None:
    assert parse_plusplus(text) == PlusPlus(receiver_ids=ids, reason=reason)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative_examples(text: str) -> None:
    assert parse_plusplus(text) is None


def test_mention_re() -> None:
    assert [m.group(1) for m in MENTION_RE.finditer("hi <@bob> and <@U1:x> not @c <@>")] == [
        "bob",
        "U1:x",
    ]


def test_plusplus_is_frozen() -> None:
    result = parse_plusplus("<@bob>++")
    assert result is not None
    with pytest.raises(AttributeError):
        result.reason = "x"  # type: ignore[misc]  # frozen: must raise


def test_fullwidth_plus_elsewhere_is_kept_in_reason() -> None:
    # Only the kudos token is normalised/removed; the rest of the text is untouched.
    assert parse_plusplus("<@bob>++ for \uff21\uff22 and 1\uff0b1") == PlusPlus(
        ("bob",), "for \uff21\uff22 and 1\uff0b1"
    )


@pytest.mark.parametrize(
    "text",
    [
        "+" * 100_000,
        "\uff0b" * 100_000,
        "<@" * 100_000,
        "<@" * 50_000 + "++",
        "<@a" * 50_000 + "++",
        "<@" + "a" * 100_000 + "++",
        "<@a>" * 30_000 + "+",
        "<@a> " * 30_000 + "++a",
        "`" * 100_001,
        "`a" * 50_000,
        "``a" * 40_000 + "<@a>++",
        "```a`" * 25_000 + "<@a>++",
        ">\n" * 50_000 + "<@a>++",
        "<@a>++ " * 30_000,
        ("<@a>++ `x` > \n```\n" * 10_000) + "<@b>++",
    ],
)
def test_pathological_input_is_answered(text: str) -> None:
    # A backtracking regex would hang here (speed itself is measured in bench/, not here).
    result = parse_plusplus(text)
    assert result is None or (result.receiver_ids and all(result.receiver_ids))


def test_many_kudos_reason_and_order() -> None:
    ids = [f"u{i}" for i in range(1000)]
    result = parse_plusplus(" ".join(f"<@{i}>++" for i in ids + ids) + " thanks")
    assert result == PlusPlus(tuple(ids), "thanks")


# ------------------------------------------------------------------ properties

ids_st = st.from_regex(ID_RE, fullmatch=True)
# Reason alphabet: nothing that can form a mention, a ++, code or a quote, and
# no leading-connector punctuation (so the expected reason is just collapsed).
SAFE_REASON_CHARS = st.characters(
    blacklist_categories=["Cs"],  # a list: mypy infers a tuple literal as tuple[str]
    blacklist_characters="<+`>\uff0b,;:-\u2013\u2014",
)
reasons_st = st.text(SAFE_REASON_CHARS, max_size=40)

# Text biased towards the interesting syntax.
FRAGMENTS = [
    "<@",
    ">",
    "<@bob>",
    "<@a>",
    "++",
    "+",
    "\uff0b",
    " ",
    "\t",
    "\n",
    "`",
    "``",
    "```",
    "> ",
    ">>> ",
    "@",
    "bob",
    "c",
    ",",
    "\u2014",
    "\u00e9",
    "\U0001f389",
]
tricky_text_st = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3))).map("".join),
)


def kudos_message(ids: list[str], reason: str) -> str:
    return " ".join(f"<@{i}>++" for i in ids) + " " + reason


def collapse(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=200)
@given(tricky_text_st)
def test_never_raises_and_result_is_well_formed(text: str) -> None:
    result = parse_plusplus(text)
    assert result is None or isinstance(result, PlusPlus)
    if result is not None:
        assert result.receiver_ids
        assert len(set(result.receiver_ids)) == len(result.receiver_ids)
        assert all(ID_RE.fullmatch(i) for i in result.receiver_ids)
        assert all(f"<@{i}>" in text for i in result.receiver_ids)
        assert result.reason == result.reason.strip()
        assert "  " not in result.reason


@settings(max_examples=200)
@given(tricky_text_st)
def test_no_mention_opener_never_yields_kudos(text: str) -> None:
    text = text.replace("@", "")
    assert "<@" not in text
    assert parse_plusplus(text) is None


@settings(max_examples=200)
@given(
    st.lists(ids_st, min_size=1, max_size=4),
    reasons_st,
    st.sampled_from(
        [
            "`{}`",
            "``{}``",
            "```{}```",
            "```\n{}\n```",
            "```py\n{}\n```\nafter",
            "before\n```\n{}",
            "say `{}` then",
        ]
    ),
)
def test_kudos_inside_code_is_ignored(ids: list[str], reason: str, wrapper: str) -> None:
    assert parse_plusplus(wrapper.format(kudos_message(ids, reason))) is None


@settings(max_examples=200)
@given(st.lists(ids_st, min_size=1, max_size=4), reasons_st.filter(lambda r: "\n" not in r))
def test_kudos_inside_block_quote_is_ignored(ids: list[str], reason: str) -> None:
    message = kudos_message(ids, reason)
    assert parse_plusplus("> " + message) is None
    assert parse_plusplus("someone said:\n>" + message) is None


@settings(max_examples=200)
@given(ids_st, reasons_st)
def test_single_kudos_with_reason(user_id: str, reason: str) -> None:
    assert parse_plusplus(f"<@{user_id}>++ {reason}") == PlusPlus((user_id,), collapse(reason))


@settings(max_examples=200)
@given(st.lists(ids_st, min_size=1, max_size=8), reasons_st)
def test_duplicates_count_once(ids: list[str], reason: str) -> None:
    doubled = ids + list(reversed(ids))
    result = parse_plusplus(kudos_message(doubled, reason))
    assert result == PlusPlus(tuple(dict.fromkeys(ids)), collapse(reason))


@settings(max_examples=200)
@given(
    st.lists(ids_st, min_size=1, max_size=4),
    reasons_st,
    st.sampled_from(["\uff0b\uff0b", "+\uff0b", "\uff0b+"]),
)
def test_fullwidth_plus_equivalence(ids: list[str], reason: str, plus: str) -> None:
    message = kudos_message(ids, reason)
    ascii_result = parse_plusplus(message)
    wide_result = parse_plusplus(message.replace("++", plus))
    assert ascii_result is not None
    assert wide_result is not None
    assert wide_result.receiver_ids == ascii_result.receiver_ids
    assert wide_result.reason == ascii_result.reason
