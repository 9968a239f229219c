"""`/roots web` and `/roots web logout` (issue #14): a private, one-time sign-in link, and
the end of every dashboard session of the member. Both backends."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.types import CommandCall, Visibility
from bot.wiring import running_core
from tests.fakes import COMMUNITY, ask, assert_refused, context, en

LINK = re.compile(r"http://127\.0\.0\.1:8080/login/([A-Za-z0-9_-]{43})")


async def sign_in(core, reply) -> str:
    token = LINK.search(reply.as_text())
    assert token is not None, reply.as_text()
    signed = await core.web.sign_in(token.group(1))
    assert signed is not None
    session: str = signed[0]
    return session


async def test_roots_web_answers_privately_with_a_one_time_link(core) -> None:
    reply = await ask(core, "roots", "web", actor="alice")
    assert reply.visibility is Visibility.EPHEMERAL
    found = LINK.search(reply.as_text())
    assert found is not None
    assert reply.as_text() == en("web.link", url=found.group(0))

    token = await core.web.peek(found.group(1))
    assert token is not None
    assert (token.community_id, token.member_id, token.is_admin) == (COMMUNITY, "U-alice", False)
    await sign_in(core, reply)
    assert await core.web.sign_in(found.group(1)) is None  # once only


async def test_an_admins_link_carries_the_admin_right_of_the_moment(core) -> None:
    reply = await ask(core, "roots", "web", actor="root", admin=True)
    session_id = await sign_in(core, reply)
    session = await core.web.session(session_id)
    assert session is not None and session.is_admin is True


async def test_roots_web_logout_ends_every_session_of_the_member(core) -> None:
    laptop = await sign_in(core, await ask(core, "roots", "web", actor="alice"))
    phone = await sign_in(core, await ask(core, "roots", "web", actor="alice"))
    bob = await sign_in(core, await ask(core, "roots", "web", actor="bob"))

    reply = await ask(core, "roots", "web", "logout", actor="alice")
    assert reply.visibility is Visibility.EPHEMERAL
    assert reply.as_text() == en("web.logout_done.other", count=2)
    assert await core.web.session(laptop) is None and await core.web.session(phone) is None
    assert await core.web.session(bob) is not None

    again = await ask(core, "roots", "web", "logout", actor="alice")
    assert again.as_text() == en("web.logout_done.none")
    await sign_in(core, await ask(core, "roots", "web", actor="alice"))
    once = await ask(core, "roots", "web", "logout", actor="alice")
    assert once.as_text() == en("web.logout_done.one")


async def test_discords_typed_options_reach_the_same_answers(core) -> None:
    ctx = context("alice")
    link = await core.router.command(CommandCall(ctx, "roots", sub="web", values={}))
    await sign_in(core, link[0])
    call = CommandCall(ctx, "roots", sub="web", values={"action": "logout"})
    (reply,) = await core.router.command(call)
    assert reply.as_text() == en("web.logout_done.one")


async def test_a_word_after_web_other_than_logout_gets_the_usage(core) -> None:
    reply = await ask(core, "roots", "web", "please", actor="alice")
    assert_refused(reply, "usage.web")


async def test_with_the_dashboard_off_roots_web_says_so(settings, clock) -> None:
    async with running_core(replace(settings, web_enabled=False), clock=clock) as off:
        assert off.web is None
        for words in (("web",), ("web", "logout")):
            assert_refused(await ask(off, "roots", *words, actor="alice"), "web.off")
