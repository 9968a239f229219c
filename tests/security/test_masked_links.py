"""Security issue #12, item 2: member text never carries a live masked link on Discord.

Discord renders ``[text](url)`` as a link showing ``text``: in public kudos, ``++``
reasons, reaction excerpts or the suggestion queue, that is a phishing link wearing
Roots' colours. Every ``[ ] ( ) <`` of member text is escaped, bare URLs are shown as
``<url>`` (the address is what is shown, and Discord makes no preview of it), and
markdown and pings stay neutralised as before. The escaping is linear in the length.
"""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord.render import escape_user_text, render_reply
from bot.types import Plain, Reply, UserText, Visibility
from bot.wiring import Core
from tests.fakes import ask, assert_given, member, posted, reacted, thank

PHISHING = "[docs](https://ok.example) then [Free Nitro](https://evil.example)"

# What Discord does with a backslash before punctuation, the links Roots writes itself, and
# the tokens member text keeps (custom emoji and channel mentions: no ping, no link out).
_DISPLAY = re.compile(
    r"\\([^0-9A-Za-z\s])|<(https?://[^\s<>]+)>|(<a?:\w{2,32}:\d{15,21}>|<#\d{15,21}>)",
    re.IGNORECASE,
)
# A Discord masked link: `[shown](target)` or `[shown](<target>)`.
_MASKED = re.compile(r"\]\(")
# An angle-bracket token Discord makes live: autolinks, mentions, slash commands, timestamps.
_ANGLE = re.compile(r"<[^\s<>]*[:@#/][^\s<>]*>")


def neutral(shown: str) -> str:
    """The rendered text with escaped characters and Roots' own `<url>` links blanked out:
    what is left is what Discord's markdown parser would act on."""
    return _DISPLAY.sub("¤", shown)


def displayed(shown: str) -> str:
    """The characters a reader sees (escapes removed, `<url>` shown as the url)."""
    return _DISPLAY.sub(lambda m: m[1] or m[2] or m[3], shown)


def live_links(shown: str) -> list[str]:
    """Masked links and forged angle-bracket links a Discord client would make live."""
    left = neutral(shown)
    return _MASKED.findall(left) + _ANGLE.findall(left)


def rendered_texts(reply: Reply) -> list[str]:
    embed = render_reply(reply).embed
    texts = [embed.title or "", embed.description or ""]
    for field in embed.fields:
        texts += [field.name or "", field.value or ""]
    return texts


def test_item2_every_masked_link_is_escaped_not_only_the_first() -> None:
    shown = escape_user_text(PHISHING)
    assert live_links(shown) == [], shown
    assert displayed(shown) == PHISHING  # the reader still sees exactly what was typed


async def test_item2_public_kudos_reason_shows_no_live_link(core: Core) -> None:
    reply = await thank(core, "alice", "bob", reason=PHISHING)
    assert_given(reply)
    assert reply.visibility is Visibility.PUBLIC
    texts = rendered_texts(reply)
    assert any("Free Nitro" in t for t in texts), texts
    for text in texts:
        assert live_links(text) == [], text


async def test_item2_plusplus_reason_and_reaction_excerpt_show_no_live_link(core: Core) -> None:
    bob = member("bob")
    await ask(core, "roots", actor="bob")  # bob is known to the community
    replies = await core.router.message(posted("alice", bob, f"++ {PHISHING}"))
    replies += await core.router.reaction(reacted("carol", "bob", message_text=PHISHING))
    shown = [t for r in replies for t in rendered_texts(r)]
    assert sum("Free Nitro" in t for t in shown) >= 2, shown
    for text in shown:
        assert live_links(text) == [], text


async def test_item2_suggestion_queue_shows_no_live_link(core: Core) -> None:
    await ask(core, "prompt", "suggest", *PHISHING.split(), actor="alice")
    queue = await ask(core, "prompt", "queue", actor="admin", admin=True)
    texts = rendered_texts(queue)
    assert any("Free Nitro" in t for t in texts), texts
    for text in texts:
        assert live_links(text) == [], text


def test_item2_bare_urls_stay_readable_and_make_no_preview() -> None:
    shown = escape_user_text("see https://example.com/a_b*c (and https://x.example/p).")
    assert "<https://example.com/a_b*c>" in shown  # not escaped inside: the link still works
    assert "<https://x.example/p>" in shown  # the closing bracket and dot are not in it
    assert displayed(shown) == "see https://example.com/a_b*c (and https://x.example/p)."


def test_item2_link_syntax_cannot_break_out_of_a_url() -> None:
    for attack in (
        "https://ok.example/>[Free Nitro](https://evil.example)",
        "[Free Nitro](<https://evil.example>)",
        "<https://evil.example> <@123456789012345678> </roots:123456789012345678>",
        "\\[Free Nitro](https://evil.example)",
        "[Free Nitro]\n(https://evil.example)",
        "[a [b](https://evil.example) c](https://ok.example)",
    ):
        shown = escape_user_text(attack)
        assert live_links(shown) == [], (attack, shown)
        assert displayed(shown) == attack.replace("<@", "<@\u200b"), (attack, shown)


def test_item2_markdown_and_pings_stay_neutralised() -> None:
    typed = "# big\n-# small\n> quote\n>>> all\n- item\n**b** _i_ ~~s~~ ||spoiler|| `code`"
    shown = escape_user_text(typed)
    left = neutral(shown)
    assert not re.search(r"[*_~|`<>\[\]()]", left), shown
    assert not re.search(r"(?m)^\s*[#>-]", left), shown
    assert displayed(shown) == typed
    pinged = escape_user_text("@everyone @here <@123456789012345678> <@&123456789012345678>")
    assert not re.search(r"@(everyone|here)|<@[!&]?\d+>", pinged), pinged


def test_item2_custom_emoji_and_channel_mentions_still_show() -> None:
    typed = "thanks <:party_parrot:123456789012345678> in <#234567890123456789>"
    assert escape_user_text(typed) == typed


def test_item2_escaping_is_linear() -> None:
    """discord.py's pattern took 0.9 s on '[x](' * 1000 and 2.7 s on 2,000 '[' then
    1,000 ']('; each of these now takes a few milliseconds."""
    worst = 0.0
    for attack in ("[x](" * 1000, "[](" * 1334, "[" * 2000 + "](" * 1000, "*_`" * 1334):
        text = attack[:4000]
        best = min(_timed(text) for _ in range(3))
        worst = max(worst, best)
    assert worst < 0.1, f"{worst * 1000:.0f} ms for 4,000 characters"


def _timed(text: str) -> float:
    start = time.perf_counter()
    escape_user_text(text)
    return time.perf_counter() - start


attack_piece = st.one_of(
    st.sampled_from(
        ["[", "]", "(", ")", "<", ">", "\\", "](", "[x](", "https://", "http://e.x/", "HTTPS://",
         "<https://e.x>", "@everyone", "<@123456789012345678>", "\n", "#", "-", " ", "*", "_",
         "~", "|", "`", ">>> ", "-# ", "<:e_e:123456789012345678>", "<#123456789012345678>",
         ":", "/", "a", "é", "\u200b"]
    ),
    st.text(max_size=8),
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(attack_piece, max_size=30).map("".join), st.sampled_from(["", "thanks "]))
def test_item2_fuzzed_member_text_never_renders_a_live_link(typed: str, before: str) -> None:
    reply = Reply(
        body=(Plain(before), UserText(typed)), lines=((UserText(typed),),),
        visibility=Visibility.PUBLIC,
    )  # fmt: skip
    for text in rendered_texts(reply):
        assert live_links(text) == [], (typed, text)
        left = neutral(text)
        assert not re.search(r"[*_~|`\[\]]", left), (typed, text)
        assert not re.search(r"(?m)^[ \t]*(?:#|>|-)", left), (typed, text)
        assert not re.search(r"@(everyone|here)|<@[!&]?\d+>", text), (typed, text)
    shown = escape_user_text(typed)
    assert displayed(shown).replace("\u200b", "") == typed.replace("\u200b", ""), shown
