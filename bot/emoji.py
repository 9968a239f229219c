"""Emoji names and characters: Slack sends `seedling`, Discord and the console send 🌱."""

from __future__ import annotations

from dataclasses import dataclass

ALIASES: dict[str, str] = {
    "seedling": "🌱",
    "herb": "🌿",
    "sunflower": "🌻",
    "pray": "🙏",
    "heart": "❤",
    "tada": "🎉",
    "clap": "👏",
    "raised_hands": "🙌",
    "sparkles": "✨",
    "star": "⭐",
    "+1": "👍",
    "thumbsup": "👍",
    "white_check_mark": "✅",
    "heavy_check_mark": "✔",
}
CHECK_MARKS = frozenset({"✅", "✔"})


def normalize_emoji(value: str) -> str:
    """One comparable form: ':seedling:' / 'seedling' / '🌱' -> '🌱' (no variation selector)."""
    name = value.strip()
    if len(name) > 2 and name.startswith(":") and name.endswith(":"):
        name = name[1:-1]
    name = ALIASES.get(name.lower(), name)
    return name.replace("\ufe0f", "")


def same_emoji(a: str, b: str) -> bool:
    return normalize_emoji(a) == normalize_emoji(b)


@dataclass(frozen=True, slots=True)
class ReactionKind:
    """What a reaction may mean to Roots; neither: Roots ignores it."""

    kudos: bool  # the community's kudos emoji
    check: bool  # a check mark: a check-in when it is on one of Roots' posts


def reaction_kind(emoji: str, kudos_emoji: str) -> ReactionKind:
    """The one filter every platform's reaction handler and the router apply."""
    name = normalize_emoji(emoji)
    return ReactionKind(kudos=name == normalize_emoji(kudos_emoji), check=name in CHECK_MARKS)
