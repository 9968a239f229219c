"""Security issue #12, item 18a: the Discord options allow exactly what the core accepts.

The /roots-config cooldown option let Discord send up to 604,800 seconds while the core
refuses anything over 86,400: the member got a refusal for a value the form offered.
"""

from __future__ import annotations

from discord import app_commands

from adapters.discord.bot import RootsBot
from adapters.discord.config import DiscordSettings
from bot.services.community import MAX_BUDGET, MAX_COOLDOWN_SECONDS
from bot.services.schedules import MAX_CATCHUP_MINUTES


async def test_item18a_config_option_ranges_match_the_core_limits() -> None:
    bot = RootsBot(None, DiscordSettings(token="t"))  # type: ignore[arg-type]  # no core: commands only
    await bot.load_extension("cogs.config")
    group = bot.tree.get_command("roots-config")
    assert isinstance(group, app_commands.Group)
    ranges = {
        (command.name, p.name): (p.min_value, p.max_value)
        for command in group.walk_commands()
        if isinstance(command, app_commands.Command)
        for p in command.parameters
        if p.min_value is not None or p.max_value is not None
    }
    assert ranges[("cooldown", "seconds")] == (0, MAX_COOLDOWN_SECONDS) == (0, 86_400)
    assert ranges[("budget", "recipients")] == (1, MAX_BUDGET)
    assert ranges[("catchup", "minutes")] == (0, MAX_CATCHUP_MINUTES)
