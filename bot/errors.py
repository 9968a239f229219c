"""Polite refusals. Services raise them; the router turns them into ephemeral replies."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.types import Context


class Refusal(Exception):
    """A request that breaks a rule. ``key`` names the catalog message to show."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def require_admin(ctx: Context) -> None:
    """Refuse ``ctx`` unless its actor is an admin of the community.

    The router's guard already refuses the admin commands of the registry
    (bot/commands/registry.py); services keep this one check for their other
    callers (the scheduler, a future web dashboard).
    """
    if not ctx.is_admin:
        raise Refusal("error.admin_only")
