"""Erasing a member's personal data, on SQLite. Mixed into :class:`SqliteStore`.

The member's id is replaced everywhere by a tombstone id (random, one per erasure)
instead of deleting rows: the ledger keeps every kudos, so other members' totals,
ranks among themselves, helpers and "thank back" lists do not move, and the
aggregates (``kudos_totals``, ``kudos_pairs``) are re-keyed the same way so they still
equal a recount of the ledger. The triggers that maintain them fire on INSERT and on
``UPDATE OF revoked_at`` only, so re-keying ids fires none of them.

What identifies the member is blanked: their name, the reasons they wrote, the
excerpts of their own messages that became kudos reasons (a reaction's, and the
default reason of Discord's "Thank for this message", source ``menu``; such kudos
recorded before the ``menu`` source existed were stored as ``command`` and cannot be
told apart from a typed reason, so they keep their text), their check-in
notes, the texts of their withdrawn or rejected suggestions, the platform event ids of
their kudos (a reaction's id embeds the reactor's id, a message id leads back to its
author), and ``@name`` (Unicode case folding) and their platform id in any form
(``<@ID>``, ``<@!ID>``, ``<@ID|name>``, ``@ID``) in what other members wrote.
The tombstone is an opted-out member named by its own random id: opted-out members
appear on no board and in no list, and a rank counts them out. Their active custom
prompts stay in the rotation (an admin approved them for the whole community), now
authored by the tombstone.

The statements (``?`` placeholders, SQL both backends speak) are shared with the
PostgreSQL mixin, which runs them in one transaction too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

import aiosqlite

from bot.storage.records import (
    FORGOTTEN_MENTION,
    ForgetReport,
    new_tombstone,
    normalize_text,
    redact_id,
    redact_name,
)

_Op = Callable[[aiosqlite.Connection], Awaitable[Any]]

# (community, member) repeated as each subquery needs them. Kudos given and received
# count the active ones (what /roots shows); revoked ones are erased too, and count
# in the last column, which only tells whether there is anything at all.
COUNTS_SQL = (
    "SELECT"
    " (SELECT count(*) FROM kudos WHERE community_id = ? AND giver_id = ?"
    "   AND revoked_at IS NULL),"
    " (SELECT count(*) FROM kudos WHERE community_id = ? AND receiver_id = ?"
    "   AND revoked_at IS NULL),"
    " (SELECT count(*) FROM checkins WHERE community_id = ? AND member_id = ?),"
    " (SELECT count(*) FROM custom_prompts WHERE community_id = ? AND author_id = ?),"
    " (SELECT count(*) FROM challenge_participants cp JOIN challenges ch"
    "   ON ch.challenge_id = cp.challenge_id WHERE ch.community_id = ? AND cp.member_id = ?)"
    " + (SELECT count(*) FROM challenges WHERE community_id = ? AND created_by = ?)"
    " + (SELECT count(*) FROM custom_prompts WHERE community_id = ? AND decided_by = ?)"
    " + (SELECT count(*) FROM kudos_revocations r JOIN kudos k ON k.kudos_id = r.kudos_id"
    "   WHERE k.community_id = ? AND r.revoked_by = ?)"
    " + (SELECT count(*) FROM kudos WHERE community_id = ? AND giver_id = ?)"
    " + (SELECT count(*) FROM kudos WHERE community_id = ? AND receiver_id = ?)"
)
COUNTS_PAIRS = 10

NAME_SQL = "SELECT display_name FROM members WHERE community_id = ? AND member_id = ?"

# Parameters: C = community, X = member, T = tombstone. Order matters: texts are
# blanked while rows still carry X, ids are re-keyed after.
ERASE_STATEMENTS: tuple[tuple[str, str], ...] = (
    (
        "UPDATE kudos SET reason = '' WHERE community_id = ?"
        " AND (giver_id = ? OR (receiver_id = ? AND source IN ('reaction', 'menu')))",
        "CXX",
    ),
    (
        "UPDATE kudos SET source_event_id = 'forgotten:' || kudos_id WHERE community_id = ?"
        " AND (giver_id = ? OR receiver_id = ?) AND source_event_id IS NOT NULL",
        "CXX",
    ),
    ("UPDATE kudos SET giver_id = ? WHERE community_id = ? AND giver_id = ?", "TCX"),
    ("UPDATE kudos SET receiver_id = ? WHERE community_id = ? AND receiver_id = ?", "TCX"),
    ("UPDATE kudos_totals SET member_id = ? WHERE community_id = ? AND member_id = ?", "TCX"),
    ("UPDATE kudos_pairs SET giver_id = ? WHERE community_id = ? AND giver_id = ?", "TCX"),
    ("UPDATE kudos_pairs SET receiver_id = ? WHERE community_id = ? AND receiver_id = ?", "TCX"),
    (
        "UPDATE kudos_revocations SET revoked_by = ? WHERE revoked_by = ?"
        " AND kudos_id IN (SELECT kudos_id FROM kudos WHERE community_id = ?)",
        "TXC",
    ),
    (
        "UPDATE checkins SET member_id = ?, note = '' WHERE community_id = ? AND member_id = ?",
        "TCX",
    ),
    (
        "UPDATE challenge_participants SET member_id = ?, active = 0 WHERE member_id = ?"
        " AND challenge_id IN (SELECT challenge_id FROM challenges WHERE community_id = ?)",
        "TXC",
    ),
    ("UPDATE challenges SET created_by = ? WHERE community_id = ? AND created_by = ?", "TCX"),
    (
        "UPDATE custom_prompts SET text = '', norm_text = '',"
        " status = CASE WHEN status = 'pending' THEN 'removed' ELSE status END"
        " WHERE community_id = ? AND author_id = ? AND status <> 'active'",
        "CX",
    ),
    ("UPDATE custom_prompts SET author_id = ? WHERE community_id = ? AND author_id = ?", "TCX"),
    (
        "UPDATE custom_prompts SET decided_by = ? WHERE community_id = ? AND decided_by = ?",
        "TCX",
    ),
    (
        "INSERT INTO members (community_id, member_id, display_name, is_bot, opted_out)"
        " VALUES (?, ?, ?, 0, 1)",
        "CTT",
    ),
    ("DELETE FROM members WHERE community_id = ? AND member_id = ?", "CX"),
)

# Texts other members wrote that may name the member: (table, key columns, text column).
# The SQL only narrows the candidates without losing any (no SQL folds case the way
# Python's str.casefold does): a text with an "@", or the bare name or id as written.
# redact_name() and redact_id() then decide in Python.
TEXT_COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("kudos", ("kudos_id",), "reason"),
    ("checkins", ("post_id", "member_id"), "note"),
    ("custom_prompts", ("custom_id",), "text"),
)


def statement_params(
    shape: str, community_id: str, member_id: str, tombstone: str
) -> tuple[str, ...]:
    values = {"C": community_id, "X": member_id, "T": tombstone}
    return tuple(values[c] for c in shape)


def candidates_sql(table: str, keys: tuple[str, ...], column: str) -> str:
    """Parameters: community, then like_pattern() of "@", of the name and of the id."""
    extra = ", status" if table == "custom_prompts" else ""
    like = f"{column} LIKE ? ESCAPE '\\'"
    return (
        f"SELECT {', '.join(keys)}, {column}{extra} FROM {table} WHERE community_id = ?"
        f" AND {column} <> '' AND ({like} OR {like} OR {like})"
    )


def like_pattern(fragment: str) -> str:
    """``%fragment%`` for LIKE … ESCAPE '\\', wildcards in the fragment escaped."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def candidate_params(community_id: str, name: str, member_id: str) -> tuple[str, ...]:
    # An empty name or id must not match every text: "@" stands in for it.
    return (
        community_id,
        like_pattern("@"),
        like_pattern(name.strip() or "@"),
        like_pattern(member_id.strip() or "@"),
    )


def redact(text: str, name: str, member_id: str, placeholder: str) -> str:
    """``text`` without the member's name (when known) nor platform id."""
    if name.strip():
        text = redact_name(text, name, placeholder)
    return redact_id(text, member_id, placeholder)


def update_sql(table: str, keys: tuple[str, ...], column: str) -> str:
    where = " AND ".join(f"{k} = ?" for k in keys)
    norm = ", norm_text = ?" if table == "custom_prompts" else ""
    return f"UPDATE {table} SET {column} = ?{norm} WHERE {where}"


PROMPT_TAKEN_SQL = (
    "SELECT 1 FROM custom_prompts WHERE community_id = ? AND norm_text = ?"
    " AND status IN ('active', 'pending') AND custom_id <> ?"
)
REMOVE_PROMPT_SQL = "UPDATE custom_prompts SET status = 'removed' WHERE custom_id = ?"


class ErasureStoreMixin:
    """``forget_member`` and ``communities_of_member`` on SQLite."""

    if TYPE_CHECKING:

        async def write(self, op: _Op, *, checkpoint: bool = False) -> Any: ...

        async def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]: ...

    async def forget_member(
        self, community_id: str, member_id: str, placeholder: str = FORGOTTEN_MENTION
    ) -> ForgetReport:
        async def op(db: aiosqlite.Connection) -> ForgetReport:
            names = await db.execute_fetchall(NAME_SQL, (community_id, member_id))
            name = str(names[0][0]) if names else None
            params = (community_id, member_id) * COUNTS_PAIRS
            counts = (await db.execute_fetchall(COUNTS_SQL, params))[0]
            given, received, checkins, prompts, other = (int(v) for v in counts)
            if name is None and not (given or received or checkins or prompts or other):
                return ForgetReport(found=False)
            tombstone = new_tombstone()
            for sql, shape in ERASE_STATEMENTS:
                await db.execute(sql, statement_params(shape, community_id, member_id, tombstone))
            mentions = await _redact_mentions(db, community_id, name or "", member_id, placeholder)
            return ForgetReport(True, given, received, checkins, prompts, mentions)

        # Checkpointed at once: the log must not keep what was just erased.
        return await self.write(op, checkpoint=True)  # type: ignore[no-any-return]

    async def communities_of_member(self, member_id: str) -> list[str]:
        rows = await self._read(COMMUNITIES_SQL, (member_id,) * COMMUNITIES_PARAMS)
        return [str(r[0]) for r in rows]


COMMUNITIES_SQL = (
    "SELECT community_id FROM members WHERE member_id = ?"
    " UNION SELECT community_id FROM kudos WHERE giver_id = ?"
    " UNION SELECT community_id FROM kudos WHERE receiver_id = ?"
    " UNION SELECT community_id FROM checkins WHERE member_id = ?"
    " UNION SELECT community_id FROM custom_prompts WHERE author_id = ?"
    " UNION SELECT ch.community_id FROM challenge_participants cp JOIN challenges ch"
    "   ON ch.challenge_id = cp.challenge_id WHERE cp.member_id = ?"
    " ORDER BY 1"
)
COMMUNITIES_PARAMS = 6


async def _redact_mentions(
    db: aiosqlite.Connection, community_id: str, name: str, member_id: str, placeholder: str
) -> int:
    changed = 0
    params = candidate_params(community_id, name, member_id)
    for table, keys, column in TEXT_COLUMNS:
        rows = await db.execute_fetchall(candidates_sql(table, keys, column), params)
        for row in rows:
            key = tuple(row[: len(keys)])
            before = str(row[len(keys)])
            after = redact(before, name, member_id, placeholder)
            if after == before:
                continue
            changed += 1
            if table != "custom_prompts":
                await db.execute(update_sql(table, keys, column), (after, *key))
                continue
            norm = normalize_text(after)
            status = str(row[len(keys) + 1])
            if status in ("active", "pending") and await db.execute_fetchall(
                PROMPT_TAKEN_SQL, (community_id, norm, key[0])
            ):
                # Now the same text as another prompt: keep one of them.
                await db.execute(REMOVE_PROMPT_SQL, (key[0],))
            await db.execute(update_sql(table, keys, column), (after, norm, *key))
    return changed
