"""The command registry, as Discord sees it: descriptions, option texts and choices.

A cog writes its command once, with typed parameters named like the registry's
arguments (bot/commands/registry.py); ``about`` and ``options`` fill in what the
registry says about it, so the texts live in one place and a parameter the
registry does not know is an error when the cog loads. Their French, Spanish and German
come from the Discord catalogs (adapters/discord/locale/, read by
adapters/discord/i18n.py), keyed by the English text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from discord import app_commands

from bot.commands.registry import COMMANDS, Arg

F = TypeVar("F", bound=Callable[..., object])


def _entries() -> dict[str, tuple[str, tuple[Arg, ...]]]:
    found: dict[str, tuple[str, tuple[Arg, ...]]] = {}
    for command in COMMANDS:
        if command.discord:
            found[command.discord] = (command.description, command.args)
        for sub in command.subs:
            if sub.discord:
                found[sub.discord] = (sub.description, sub.args)
    return found


SLASH_COMMANDS = _entries()  # "roots-config budget" -> (description, arguments)


def about(path: str) -> str:
    """The description of the Discord command ``path`` ("kudos", "prompt-admin add")."""
    return SLASH_COMMANDS[path][0]


def arguments(path: str) -> tuple[Arg, ...]:
    return SLASH_COMMANDS[path][1]


def options(path: str) -> Callable[[F], F]:
    """Describe a cog callback's options (and their choices) as the registry does."""
    args = arguments(path)

    def apply(func: F) -> F:
        if args:
            func = app_commands.describe(**{a.name: a.description for a in args})(func)
        choices = {
            a.name: [app_commands.Choice(name=name, value=value) for name, value in a.choices]
            for a in args
            if a.choices
        }
        if choices:
            func = app_commands.choices(**choices)(func)
        return func

    return apply
