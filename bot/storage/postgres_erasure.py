"""Erasing a member's personal data, on PostgreSQL. Mixed into :class:`PostgresStore`.

The same statements as the SQLite mixin (see ``sqlite_erasure`` for what is erased
and why ids become a tombstone rather than rows being deleted), run in one
transaction. It first takes the advisory lock a kudos action takes on (community,
giver), so a kudos the member is giving in another process lands either before the
erasure (and is erased) or after it (and starts the member afresh).
"""

from __future__ import annotations

import re
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

import asyncpg

from bot.storage.records import FORGOTTEN_MENTION, ForgetReport, new_tombstone, normalize_text
from bot.storage.sqlite_erasure import (
    COMMUNITIES_PARAMS,
    COMMUNITIES_SQL,
    COUNTS_PAIRS,
    COUNTS_SQL,
    ERASE_STATEMENTS,
    NAME_SQL,
    PROMPT_TAKEN_SQL,
    REMOVE_PROMPT_SQL,
    TEXT_COLUMNS,
    candidate_params,
    candidates_sql,
    redact,
    statement_params,
    update_sql,
)

# Erasure statements may rewrite many rows: longer than the usual statement timeout
# (bot.storage.postgres.COMMAND_TIMEOUT), still bounded.
ERASURE_TIMEOUT = 30.0


def numbered(sql: str) -> str:
    """SQLite's ``?`` placeholders as PostgreSQL's ``$1, $2…`` (none sit in literals)."""
    counter = iter(range(1, 1000))
    return re.sub(r"\?", lambda _: f"${next(counter)}", sql)


class PostgresErasureMixin:
    """``forget_member`` and ``communities_of_member`` on PostgreSQL."""

    if TYPE_CHECKING:

        def _tx(self) -> AbstractAsyncContextManager[asyncpg.Connection]: ...

        async def _fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]: ...

    async def forget_member(
        self, community_id: str, member_id: str, placeholder: str = FORGOTTEN_MENTION
    ) -> ForgetReport:
        async with self._tx() as conn:
            await conn.execute(
                "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
                community_id,
                member_id,
                timeout=ERASURE_TIMEOUT,
            )
            name = await conn.fetchval(
                numbered(NAME_SQL), community_id, member_id, timeout=ERASURE_TIMEOUT
            )
            counts = await conn.fetchrow(
                numbered(COUNTS_SQL),
                *((community_id, member_id) * COUNTS_PAIRS),
                timeout=ERASURE_TIMEOUT,
            )
            assert counts is not None
            given, received, checkins, prompts, other = (int(v) for v in counts)
            if name is None and not (given or received or checkins or prompts or other):
                return ForgetReport(found=False)
            tombstone = new_tombstone()
            for sql, shape in ERASE_STATEMENTS:
                await conn.execute(
                    numbered(sql),
                    *statement_params(shape, community_id, member_id, tombstone),
                    timeout=ERASURE_TIMEOUT,
                )
            mentions = await _redact_mentions(
                conn, community_id, str(name or ""), member_id, placeholder
            )
            return ForgetReport(True, given, received, checkins, prompts, mentions)

    async def communities_of_member(self, member_id: str) -> list[str]:
        rows = await self._fetch(numbered(COMMUNITIES_SQL), *((member_id,) * COMMUNITIES_PARAMS))
        return [str(r[0]) for r in rows]


async def _redact_mentions(
    conn: asyncpg.Connection, community_id: str, name: str, member_id: str, placeholder: str
) -> int:
    changed = 0
    params = candidate_params(community_id, name, member_id)
    for table, keys, column in TEXT_COLUMNS:
        rows = await conn.fetch(
            numbered(candidates_sql(table, keys, column)), *params, timeout=ERASURE_TIMEOUT
        )
        for row in rows:
            key = tuple(row[i] for i in range(len(keys)))
            before = str(row[len(keys)])
            after = redact(before, name, member_id, placeholder)
            if after == before:
                continue
            changed += 1
            if table != "custom_prompts":
                await conn.execute(
                    numbered(update_sql(table, keys, column)), after, *key, timeout=ERASURE_TIMEOUT
                )
                continue
            norm = normalize_text(after)
            status = str(row[len(keys) + 1])
            if status in ("active", "pending") and await conn.fetchval(
                numbered(PROMPT_TAKEN_SQL), community_id, norm, key[0], timeout=ERASURE_TIMEOUT
            ):
                # Now the same text as another prompt: keep one of them.
                await conn.execute(numbered(REMOVE_PROMPT_SQL), key[0], timeout=ERASURE_TIMEOUT)
            await conn.execute(
                numbered(update_sql(table, keys, column)),
                after,
                norm,
                *key,
                timeout=ERASURE_TIMEOUT,
            )
    return changed
