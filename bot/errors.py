"""Polite refusals. Services raise them; the router turns them into ephemeral replies."""

from __future__ import annotations


class Refusal(Exception):
    """A request that breaks a rule. ``key`` names the catalog message to show."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
