"""Every cog module loads on its own, ends with ``async def setup(bot)``, and no two
commands share a name (in the spirit of python-discord's tests/bot/exts/test_cogs.py)."""

from __future__ import annotations

import inspect
import pkgutil
from collections import Counter
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

import discord
import pytest
from discord import app_commands

import cogs
from adapters.discord.bot import COGS, RootsBot
from adapters.discord.config import DiscordSettings
from adapters.discord.i18n import RootsTranslator


def cog_modules() -> Iterator[ModuleType]:
    for info in pkgutil.iter_modules(cogs.__path__, cogs.__name__ + "."):
        yield import_module(info.name)


def new_bot() -> RootsBot:
    return RootsBot(None, DiscordSettings(token="t"))  # type: ignore[arg-type]  # no core: commands only


def command_keys(bot: RootsBot) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    for command in bot.tree.get_commands():
        if isinstance(command, app_commands.ContextMenu):
            keys.append((command.type.name, command.name))
            continue
        keys.append(("chat_input", command.name))
        if isinstance(command, app_commands.Group):
            keys += [("chat_input", c.qualified_name) for c in command.walk_commands()]
    return keys


def test_every_module_is_loaded_by_the_bot() -> None:
    assert sorted(m.__name__ for m in cog_modules()) == sorted(COGS)
    assert cogs.__doc__  # the package docstring stays


@pytest.mark.parametrize("module", list(cog_modules()), ids=lambda m: m.__name__)
def test_module_ends_with_an_async_setup(module: ModuleType) -> None:
    assert inspect.iscoroutinefunction(getattr(module, "setup", None))
    source = inspect.getsource(module).rstrip()
    assert source.splitlines()[-2].startswith("async def setup(bot")


async def test_no_duplicate_command_names_across_cogs() -> None:
    seen: Counter[tuple[str, str]] = Counter()
    for module in cog_modules():
        bot = new_bot()
        await bot.load_extension(module.__name__)
        seen.update(command_keys(bot))
    duplicates = [key for key, count in seen.items() if count > 1]
    assert not duplicates, f"commands defined twice: {duplicates}"

    together = new_bot()
    for name in COGS:
        await together.load_extension(name)
    assert sorted(command_keys(together)) == sorted(seen)


async def test_every_command_is_guild_only_and_admin_ones_need_manage_server() -> None:
    bot = new_bot()
    for name in COGS:
        await bot.load_extension(name)
    admin = {"roots-config", "kudos-revoke", "prompt-admin", "challenge-admin", "roots-admin"}
    admin.add("goal-admin")
    for command in bot.tree.get_commands():
        assert command.guild_only, command.name
        perms = command.default_permissions
        if command.name in admin:
            assert perms == discord.Permissions(manage_guild=True), command.name
        else:
            assert perms is None, command.name


async def test_cogs_unload_cleanly() -> None:
    bot = new_bot()
    for name in COGS:
        await bot.load_extension(name)
    for name in COGS:
        await bot.unload_extension(name)
    assert bot.tree.get_commands() == []
    assert bot.tree.get_commands(type=discord.AppCommandType.user) == []


MAX_DESCRIPTION = 100  # Discord refuses longer descriptions when commands are synced


async def test_every_command_and_option_is_described_in_english_and_french() -> None:
    """No option keeps discord.py's placeholder "…", and a French member reads every
    command, option and choice in French (what ``sync`` sends to Discord)."""
    bot = new_bot()
    for name in COGS:
        await bot.load_extension(name)
    translator = RootsTranslator()
    missing: list[str] = []

    async def french(text: str, where: str) -> None:
        found = await translator.translate(
            app_commands.locale_str(text),
            discord.Locale.french,
            app_commands.TranslationContext(app_commands.TranslationContextLocation.other, None),
        )
        if not found:
            missing.append(f"{where}: {text!r}")
        elif len(found) > MAX_DESCRIPTION or len(text) > MAX_DESCRIPTION:
            missing.append(f"{where}: longer than Discord allows: {found!r}")

    for command in bot.tree.get_commands():
        if isinstance(command, app_commands.ContextMenu):
            await french(command.name, command.name)
            continue
        commands = [command]
        if isinstance(command, app_commands.Group):
            commands += list(command.walk_commands())
        for each in commands:
            where = each.qualified_name
            assert each.description and each.description != "…", where
            await french(each.description, where)
            if isinstance(each, app_commands.Group):
                continue
            for param in each.parameters:
                assert param.description != "…", f"{where} {param.name}"
                await french(param.description, f"{where} {param.name}")
                for choice in param.choices:
                    await french(choice.name, f"{where} {param.name}: {choice.name}")
    assert not missing, "\n".join(missing)


async def test_every_slash_command_takes_the_registrys_options() -> None:
    """The cogs' options are the registry's arguments: same names, order, required-ness
    and choices; and every Discord slash command runs a registry command."""
    from adapters.discord.options import SLASH_COMMANDS
    from bot.commands.registry import ArgKind

    bot = new_bot()
    for name in COGS:
        await bot.load_extension(name)
    leaves: dict[str, app_commands.Command[Any, ..., Any]] = {}
    groups: dict[str, str] = {}
    for command in bot.tree.get_commands():
        if isinstance(command, app_commands.Group):
            groups[command.name] = command.description
            leaves.update(
                {
                    c.qualified_name: c
                    for c in command.walk_commands()
                    if isinstance(c, app_commands.Command)
                }
            )
        elif isinstance(command, app_commands.Command):
            leaves[command.name] = command
    leaves = {k: v for k, v in leaves.items() if isinstance(v, app_commands.Command)}
    assert sorted([*leaves, *groups]) == sorted(
        {*SLASH_COMMANDS, "prompt-admin", "challenge-admin", "goal-admin"}
    )
    for path, (description, args) in SLASH_COMMANDS.items():
        if path in groups:
            assert groups[path] == description, path
            continue
        params = leaves[path].parameters
        assert leaves[path].description == description, path
        assert [p.name for p in params] == [a.name for a in args], path
        assert [p.required for p in params] == [a.required for a in args], path
        for param, arg in zip(params, args, strict=True):
            assert [c.value for c in param.choices] == [v for _, v in arg.choices], path
            if arg.kind is ArgKind.INT:
                assert (param.min_value, param.max_value) == (arg.low, arg.high), path
