"""Erasing a member's personal data: the statements and text helpers ``SqlStore`` runs.

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

Goals (issue 16): the texts of the member's goals, every help note on them and every note
the member wrote are blanked; their goals, the time they gave and the audit rows naming
them are re-keyed to the tombstone, so other members' minutes and the digest stay as
they were. An open goal of theirs becomes ``erased`` and leaves /goal list.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from typing import TYPE_CHECKING

from bot.storage.records import TOMBSTONE_PREFIX, ForgetReport

if TYPE_CHECKING:
    from bot.storage.sql import Tx

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
    # goals (issue 16): their goals, the time they gave, what they did as an admin
    " + (SELECT count(*) FROM goals WHERE community_id = ? AND member_id = ?)"
    " + (SELECT count(*) FROM goal_help WHERE community_id = ? AND helper_id = ?)"
    " + (SELECT count(*) FROM audit_log WHERE community_id = ? AND actor_id = ?)"
)
COUNTS_PAIRS = 13

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
    # ---- goals (issue 16): their goals' texts and every help note on them or by them go;
    # the minutes stay, anonymously, so helpers' totals and the digest don't change.
    (
        "UPDATE goal_help SET note = '' WHERE goal_id IN"
        " (SELECT goal_id FROM goals WHERE community_id = ? AND member_id = ?)",
        "CX",
    ),
    (
        "UPDATE goal_help SET helper_id = ?, note = '', event_id = NULL"
        " WHERE community_id = ? AND helper_id = ?",
        "TCX",
    ),
    (
        "UPDATE goals SET member_id = ?, text = '',"
        " status = CASE WHEN status = 'open' THEN 'erased' ELSE status END"
        " WHERE community_id = ? AND member_id = ?",
        "TCX",
    ),
    ("UPDATE goals SET closed_by = ? WHERE community_id = ? AND closed_by = ?", "TCX"),
    ("UPDATE audit_log SET actor_id = ? WHERE community_id = ? AND actor_id = ?", "TCX"),
    ("UPDATE audit_log SET subject_id = ? WHERE community_id = ? AND subject_id = ?", "TCX"),
    # Thank-you detection (issue 15): pending offers by or to them, and their "don't ask".
    (
        "DELETE FROM detect_offers WHERE community_id = ?"
        " AND (giver_id = ? OR ' ' || receiver_ids || ' ' LIKE '% ' || ? || ' %')",
        "CXX",
    ),
    ("DELETE FROM detect_quiet WHERE community_id = ? AND member_id = ?", "CX"),
    # Their language for private answers (issue 18).
    ("DELETE FROM member_languages WHERE community_id = ? AND member_id = ?", "CX"),
    # Reconnect (issue 16): their snoozes (theirs, and others' of them), a refused
    # direct message, a departure, and their weekly nudge (schedule and claims) go.
    (
        "DELETE FROM reconnect_snoozes WHERE community_id = ? AND (member_id = ? OR other_id = ?)",
        "CXX",
    ),
    ("DELETE FROM dm_refusals WHERE community_id = ? AND member_id = ?", "CX"),
    ("DELETE FROM member_departures WHERE community_id = ? AND member_id = ?", "CX"),
    (
        "DELETE FROM posts WHERE community_id = ? AND kind = 'nudge' AND channel_id = ?",
        "CX",
    ),
    (
        "DELETE FROM schedules WHERE community_id = ? AND kind = 'nudge' AND channel_id = ?",
        "CX",
    ),
    (
        "INSERT INTO members (community_id, member_id, display_name, is_bot, opted_out)"
        " VALUES (?, ?, ?, 0, 1)",
        "CTT",
    ),
    ("DELETE FROM members WHERE community_id = ? AND member_id = ?", "CX"),
    # The dashboard: their open sessions end and their unused sign-in links stop working.
    ("DELETE FROM web_sessions WHERE community_id = ? AND member_id = ?", "CX"),
    ("DELETE FROM web_login_tokens WHERE community_id = ? AND member_id = ?", "CX"),
)

# Texts other members wrote that may name the member: (table, key columns, text column).
# The SQL only narrows the candidates without losing any (no SQL folds case the way
# Python's str.casefold does): a text with an "@", or the bare name or id as written.
# redact_name() and redact_id() then decide in Python.
TEXT_COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("kudos", ("kudos_id",), "reason"),
    ("checkins", ("post_id", "member_id"), "note"),
    ("custom_prompts", ("custom_id",), "text"),
    ("goals", ("goal_id",), "text"),
    ("goal_help", ("help_id",), "note"),
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


COMMUNITIES = (
    "SELECT community_id FROM members WHERE member_id = ?"
    " UNION SELECT community_id FROM kudos WHERE giver_id = ?"
    " UNION SELECT community_id FROM kudos WHERE receiver_id = ?"
    " UNION SELECT community_id FROM checkins WHERE member_id = ?"
    " UNION SELECT community_id FROM custom_prompts WHERE author_id = ?"
    " UNION SELECT ch.community_id FROM challenge_participants cp JOIN challenges ch"
    "   ON ch.challenge_id = cp.challenge_id WHERE cp.member_id = ?"
    " UNION SELECT community_id FROM goals WHERE member_id = ?"
    " UNION SELECT community_id FROM goal_help WHERE helper_id = ?"
    " ORDER BY 1"
)
COMMUNITIES_PARAMS = 8


async def forget(tx: Tx, community_id: str, member_id: str, placeholder: str) -> ForgetReport:
    """Erase the member in ``tx`` (the caller holds the write transaction)."""
    name = await tx.value(NAME_SQL, community_id, member_id)
    counts = await tx.row(COUNTS_SQL, *(community_id, member_id) * COUNTS_PAIRS)
    assert counts is not None
    given, received, checkins, prompts, other = (int(v) for v in counts)
    if name is None and not (given or received or checkins or prompts or other):
        return ForgetReport(found=False)
    tombstone = new_tombstone()
    for sql, shape in ERASE_STATEMENTS:
        await tx.run(sql, *statement_params(shape, community_id, member_id, tombstone))
    mentions = await _redact_mentions(tx, community_id, str(name or ""), member_id, placeholder)
    return ForgetReport(True, given, received, checkins, prompts, mentions)


async def _redact_mentions(
    tx: Tx, community_id: str, name: str, member_id: str, placeholder: str
) -> int:
    changed = 0
    params = candidate_params(community_id, name, member_id)
    for table, keys, column in TEXT_COLUMNS:
        for row in await tx.rows(candidates_sql(table, keys, column), *params):
            key = tuple(row[i] for i in range(len(keys)))
            before = str(row[len(keys)])
            after = redact(before, name, member_id, placeholder)
            if after == before:
                continue
            changed += 1
            if table != "custom_prompts":
                await tx.run(update_sql(table, keys, column), after, *key)
                continue
            norm = normalize_text(after)
            status = str(row[len(keys) + 1])
            if status in ("active", "pending") and await tx.value(
                PROMPT_TAKEN_SQL, community_id, norm, key[0]
            ):
                # Now the same text as another prompt: keep one of them.
                await tx.run(REMOVE_PROMPT_SQL, key[0])
            await tx.run(update_sql(table, keys, column), after, norm, *key)
    return changed


def new_tombstone() -> str:
    """A fresh id for a forgotten member: random, so two forgets never link up, and
    never a platform id (Discord ids are digits, Slack's start with U or W)."""
    return TOMBSTONE_PREFIX + secrets.token_hex(12)


def redact_name(text: str, name: str, placeholder: str) -> str:
    """``text`` with the forgotten member's name replaced by ``placeholder``.

    ``@name`` is replaced whatever its case, under Unicode case folding (``@élodie``
    and ``@ÉLODIE`` for "Élodie", ``@STRASSE`` for "Straße"); the bare name only as a
    whole word in the same case, and only when it has 3 characters or more, so other
    members' words ("Al" in "Also", "will" for a "Will") survive. Text and name are
    compared in NFC, so a name typed with combining accents is found too.
    """
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        return text
    if name.casefold() in placeholder.casefold():
        placeholder = "@…"
    original = text
    text = unicodedata.normalize("NFC", text)
    redacted = _redact_at_name(text, name.casefold(), placeholder)
    if len(name) >= 3:
        redacted = re.sub(rf"(?<![\w@]){re.escape(name)}(?!\w)", placeholder, redacted)
    return original if redacted == text else redacted


def _redact_at_name(text: str, folded: str, placeholder: str) -> str:
    out: list[str] = []
    i = 0
    while (at := text.find("@", i)) >= 0:
        end = _folded_match(text, at + 1, folded)
        if end is None:
            out.append(text[i : at + 1])
            i = at + 1
        else:
            out.append(text[i:at] + placeholder)
            i = end
    out.append(text[i:])
    return "".join(out)


def _folded_match(text: str, start: int, folded: str) -> int | None:
    """The end of the word at ``start`` whose case folding is ``folded``, if any."""
    seen = ""
    k = start
    while k < len(text) and len(seen) < len(folded):
        seen += text[k].casefold()
        k += 1
        if not folded.startswith(seen):
            return None
    if seen != folded:
        return None
    if k < len(text) and (text[k].isalnum() or text[k] == "_"):
        return None  # a longer word: "@élodies" is not "@élodie"
    return k


# The shortest platform id also erased where it stands alone (not after "@" or in
# "<@…>"): Discord ids have 17+ digits, Slack's 9+ characters; shorter ones could be
# an ordinary word.
BARE_ID_MIN = 6


def redact_id(text: str, member_id: str, placeholder: str) -> str:
    """``text`` with every form of the member's platform id replaced by ``placeholder``.

    ``<@ID>``, ``<@!ID>`` (Discord's nickname form), ``<@ID|name>`` (Slack's),
    ``@ID`` (a mention whose member was not resolved when the text was stored), and
    the bare id as a whole word when it is long enough to be nothing else.
    """
    member_id = member_id.strip()
    if not member_id:
        return text
    escaped = re.escape(member_id)
    text = re.sub(rf"<@!?{escaped}(?:\|[^>]*)?>", placeholder, text)
    text = re.sub(rf"@{escaped}(?!\w)", placeholder, text)
    if len(member_id) >= BARE_ID_MIN:
        text = re.sub(rf"(?<![\w@]){escaped}(?!\w)", placeholder, text)
    return text


def normalize_text(raw: str) -> str:
    """Case- and space-insensitive form of a custom prompt (as bot/services/prompts.py)."""
    return " ".join(raw.casefold().split())
