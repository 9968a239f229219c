"""The built-in prompt library: small actions a member can do today, in every language.

Every prompt has a stable id (a slug written by hand, never derived from its position, so
stored references survive reordering) and one theme from :data:`THEMES`. The seven
:data:`CHALLENGE_PROMPTS` belong to the one-week Roots challenge and carry the theme
``"challenge"``, which is deliberately not in :data:`THEMES`: they are posted in order to
members who opted in, never drawn at random.

The texts live in the message catalogs (``bot/messages/locale``), as the entry
``prompt.<id>`` of each language, so a translator has one place to work. French texts use
"tu" throughout (``fr@formal`` holds their "vous" texts, German likewise) and avoid past
participles that would have to agree with the reader's gender. To add a prompt: add its id
here and its English text to ``bot/messages/locale/en/LC_MESSAGES/roots.po``
(``msgctxt "prompt.<id>"``), then run ``make messages`` and translate it in every other
``.po``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.messages import CATALOGS, DEFAULT_LOCALE, normalize_locale, template
from bot.messages.catalog import MODIFIER

THEMES: tuple[str, ...] = (
    "gratitude",  # notice who reacts to your work, and thank them
    "reconnect",  # say hello to someone you have not talked to in a long time
    "pay-forward",  # spend 15 minutes on someone else's goal
    "learning",  # share what you learned
    "unstuck",  # help someone who is stuck
    "reasons",  # the ten reasons community matters, each turned into an action
)
CHALLENGE_THEME = "challenge"


@dataclass(frozen=True)
class Prompt:
    id: str
    theme: str

    @property
    def key(self) -> str:
        """Its entry in the message catalogs."""
        return f"prompt.{self.id}"

    @property
    def text(self) -> dict[str, str]:
        """{locale: text} for every language whose catalog has this prompt."""
        return {lang: c[self.key] for lang, c in CATALOGS.items() if self.key in c}

    def text_for(self, locale: str) -> str:
        """The text in ``locale`` ("fr", "fr-CA", "fr_FR", "fr@formal"...), else in English."""
        lang = normalize_locale(locale) or DEFAULT_LOCALE
        variant = locale.partition(MODIFIER)[2]
        return template(f"{lang}{MODIFIER}{variant}" if variant else lang, self.key)


def _group(theme: str, *ids: str) -> tuple[Prompt, ...]:
    return tuple(Prompt(prompt_id, theme) for prompt_id in ids)


_GRATITUDE = _group(
    "gratitude",
    "thank-reactors",
    "thank-sharer",
    "first-supporters",
    "learn-about-reactors",
    "thank-quiet-supporter",
    "thank-specifically",
    "kudos-for-the-week",
    "thank-a-reviewer",
)

_RECONNECT = _group(
    "reconnect",
    "hello-long-lost",
    "scroll-back",
    "old-collaborator",
    "shared-memory",
    "reconnect-congrats",
    "find-them-elsewhere",
    "no-reply-needed",
    "update-an-old-helper",
)

_PAY_FORWARD = _group(
    "pay-forward",
    "fifteen-minutes-for-someone",
    "ask-about-their-goal",
    "share-their-work",
    "make-an-intro",
    "answer-an-open-question",
    "their-goal-first",
    "offer-a-skill",
    "first-feedback",
)

_LEARNING = _group(
    "learning",
    "share-a-til",
    "share-a-mistake",
    "share-a-resource",
    "ask-for-a-lesson",
    "teach-in-five-lines",
    "learned-from-a-member",
    "ask-in-public",
    "key-idea-credited",
)

_UNSTUCK = _group(
    "unstuck",
    "help-someone-stuck",
    "answer-a-help-request",
    "sounding-board",
    "how-i-got-unstuck",
    "check-on-a-request",
    "one-small-step",
    "pair-on-a-problem",
    "stuck-is-normal",
)

_REASONS = _group(
    "reasons",
    "reason-friendship",
    "reason-outlast-platforms",
    "reason-emulation",
    "reason-reality-check",
    "reason-courage",
    "reason-unstuck",
    "reason-learning",
    "reason-innovation",
    "reason-mental-health",
    "reason-pay-forward",
)


BUILTIN_PROMPTS: tuple[Prompt, ...] = (
    *_GRATITUDE,
    *_RECONNECT,
    *_PAY_FORWARD,
    *_LEARNING,
    *_UNSTUCK,
    *_REASONS,
)

# One week, in order: welcome, see who reacts, learn about them, thank those who shared,
# reconnect, give time to someone else's goal, then look back on the week.
CHALLENGE_PROMPTS: tuple[Prompt, ...] = _group(
    CHALLENGE_THEME, *(f"challenge-day-{day}" for day in range(1, 8))
)

_BY_ID: dict[str, Prompt] = {p.id: p for p in (*BUILTIN_PROMPTS, *CHALLENGE_PROMPTS)}


def builtin_by_id(prompt_id: str) -> Prompt | None:
    """The built-in or challenge prompt with this id, or None."""
    return _BY_ID.get(prompt_id)
