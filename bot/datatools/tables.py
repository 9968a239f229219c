"""Every table of the Roots schema, in foreign-key order: the one list the data tools share.

A migration that adds a table must add it here too (tests/bot/test_datatools.py
compares this list with the tables of freshly migrated SQLite and PostgreSQL
databases), otherwise export would leave it out and import would refuse to run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]  # primary key columns (also the export order)
    # SQL condition selecting one community's rows; ``?`` is the placeholder.
    community_filter: str
    serial: str | None = None  # column filled from a sequence (AUTOINCREMENT / BIGSERIAL)
    # Kept by triggers on ``kudos``: imported as they are (see transfer.py), not exported
    # (they follow from the ledger).
    derived: bool = False


BY_COMMUNITY = "community_id = ?"

# Parents before children, so a copy never breaks a foreign key.
TABLES: tuple[Table, ...] = (
    Table("communities", ("community_id",), BY_COMMUNITY),
    Table("members", ("community_id", "member_id"), BY_COMMUNITY),
    Table("kudos", ("kudos_id",), BY_COMMUNITY, serial="kudos_id"),
    Table(
        "kudos_revocations",
        ("kudos_id",),
        "kudos_id IN (SELECT kudos_id FROM kudos WHERE community_id = ?)",
    ),
    Table("kudos_totals", ("community_id", "period", "member_id"), BY_COMMUNITY, derived=True),
    Table("kudos_pairs", ("community_id", "giver_id", "receiver_id"), BY_COMMUNITY, derived=True),
    Table("schedules", ("schedule_id",), BY_COMMUNITY, serial="schedule_id"),
    Table("posts", ("post_id",), BY_COMMUNITY, serial="post_id"),
    Table("rotations", ("community_id", "channel_id"), BY_COMMUNITY),
    Table("excluded_themes", ("community_id", "theme"), BY_COMMUNITY),
    Table("custom_prompts", ("custom_id",), BY_COMMUNITY, serial="custom_id"),
    Table("checkins", ("post_id", "member_id"), BY_COMMUNITY),
    Table("challenges", ("challenge_id",), BY_COMMUNITY, serial="challenge_id"),
    Table(
        "challenge_participants",
        ("challenge_id", "member_id"),
        "challenge_id IN (SELECT challenge_id FROM challenges WHERE community_id = ?)",
    ),
    # Thank-you detection (issue 15): the switch, "don't ask me again", pending offers.
    Table("detect_settings", ("community_id",), BY_COMMUNITY),
    Table("detect_quiet", ("community_id", "member_id"), BY_COMMUNITY),
    Table("detect_offers", ("offer_id",), BY_COMMUNITY, serial="offer_id"),
    # ---- reconnect (issue 16)
    Table("reconnect_snoozes", ("community_id", "member_id", "other_id"), BY_COMMUNITY),
    Table("dm_refusals", ("community_id", "member_id"), BY_COMMUNITY),
    Table("member_departures", ("community_id", "member_id"), BY_COMMUNITY),
    # goals (issue 16)
    Table("goals", ("goal_id",), BY_COMMUNITY, serial="goal_id"),
    Table("goal_help", ("help_id",), BY_COMMUNITY, serial="help_id"),
    Table("audit_log", ("audit_id",), BY_COMMUNITY, serial="audit_id"),
    # Quiet announcements (issue 15): where kudos confirmations go.
    Table("announce_settings", ("community_id",), BY_COMMUNITY),
    # Each member's language for private answers (issue 18).
    Table("member_languages", ("community_id", "member_id"), BY_COMMUNITY),
)

# Bookkeeping the stores keep themselves: never exported nor copied (the target of
# an import is migrated by its own store; ``sqlite_*`` tables belong to SQLite).
# ``seen_requests``: fingerprints of signed requests of the last five minutes (replays).
# ``web_login_tokens``, ``web_sessions``: the dashboard's sign-in links and sessions, a
# few days at most; a copy to another database signs everyone out, which is safe.
# ``web_figures``: the dashboard's figures of finished weeks, computed again when missing.
# ``site_secrets``: keys Roots made for itself (picture URLs), made again when missing.

# ``web_wallboards``: the wallboard's hashed token; after a copy an admin turns it on again.
INTERNAL_TABLES = frozenset(
    {
        "schema_version",
        "seen_requests",
        "web_login_tokens",
        "web_sessions",
        "web_figures",
        "site_secrets",
        "web_wallboards",
    }
)

EXPORTED: tuple[Table, ...] = tuple(t for t in TABLES if not t.derived)


def table_names() -> list[str]:
    return [t.name for t in TABLES]


def is_internal(name: str) -> bool:
    return name in INTERNAL_TABLES or name.startswith("sqlite_")
