"""`roots forget --member ID [--community ID] [--yes]`: erase a member's personal data.

The erasure itself is the store's (``forget_member``, the same as `/roots-admin forget`);
this asks for confirmation, covers every community that knows the member unless one is
named, and prints what was erased in each.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from bot.config import Settings
from bot.datatools.common import DataToolError
from bot.messages import text
from bot.storage import store_from_url
from bot.storage.records import CommunityDefaults

YES = ("yes", "y", "oui")


async def forget(
    settings: Settings,
    member_id: str,
    community: str | None,
    yes: bool,
    ask: Callable[[], str] = sys.stdin.readline,
) -> int:
    """0 when erased, 1 when the confirmation is declined; DataToolError (exit 2) when
    there is nothing to erase."""
    member_id = member_id.strip()
    if not member_id:
        raise DataToolError("--member needs a member id.")
    store = store_from_url(settings.database_url, pool_size=1)
    await store.open()
    try:
        known = await store.communities_of_member(member_id)
        targets = [c for c in known if community is None or c == community]
        if not targets:
            where = f" in community {community}" if community else ""
            raise DataToolError(f"no data about member {member_id}{where}; nothing erased.")
        print(f"Member {member_id} has data in: {', '.join(targets)}")
        if not yes:
            print("Erase their personal data there, for good? Type yes to go on: ", end="")
            sys.stdout.flush()
            if ask().strip().lower() not in YES:
                print("Nothing erased.")
                return 1
        for community_id in targets:
            defaults = CommunityDefaults("cli", settings.default_timezone, settings.default_locale)
            locale = (await store.get_community(community_id, defaults)).locale
            report = await store.forget_member(
                community_id, member_id, placeholder=text(locale, "forget.placeholder")
            )
            print(
                f"{community_id}: erased; {report.kudos_given} kudos given and"
                f" {report.kudos_received} received are now anonymous, {report.checkins}"
                f" check-in(s), {report.prompts} prompt(s) and suggestion(s),"
                f" {report.mentions} mention(s) by others"
            )
        return 0
    finally:
        await store.close()
