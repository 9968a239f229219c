"""Every setting the code reads is documented in .env.example and the README."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTING = re.compile(r"\b(?:(?:ROOTS|DISCORD|SLACK)_[A-Z_]+[A-Z]|DATABASE_URL)\b")


def settings_in_code() -> set[str]:
    found: set[str] = set()
    for folder in ("bot", "adapters", "cogs"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(SETTING.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_code_reads_settings() -> None:
    assert {"DATABASE_URL", "DISCORD_TOKEN", "SLACK_BOT_TOKEN"} <= settings_in_code()


def test_env_example_lists_every_setting() -> None:
    documented = set(SETTING.findall((ROOT / ".env.example").read_text(encoding="utf-8")))
    assert settings_in_code() - documented == set()


def test_readme_mentions_every_setting() -> None:
    documented = set(SETTING.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    assert settings_in_code() - documented == set()
