"""Each member's language on Slack (issue 18, item 3): ``auto`` follows the member's
Slack locale, which the member directory keeps from users.list (``include_locale``), so
no Web API call is made per request; /roots language overrides it. The real slack_bolt
against the fake Slack."""

from __future__ import annotations

from bot.messages import text
from bot.wiring import Core
from tests.adapters.slack.conftest import ALICE, BOB, serving
from tests.adapters.slack.fake_slack import FakeSlack
from tests.fakes import db_rows


async def test_a_french_slack_member_reads_private_answers_in_french_and_kudos_in_english(
    core: Core, fake: FakeSlack
) -> None:
    fake.users[ALICE]["locale"] = "fr-FR"
    fake.users[BOB]["locale"] = "en-US"
    async with serving(core, fake) as roots:
        assert all(
            str(call.get("include_locale")).lower() in ("1", "true")
            for call in fake.of("users.list")
        )
        status, refused = await roots.slack.command("/kudos", f"<@{ALICE}> me", user=ALICE)
        assert status == 200 and refused["response_type"] == "ephemeral"
        assert text("fr", "kudos.self") in refused["text"]

        status, given = await roots.slack.command("/kudos", f"<@{BOB}> merci !", user=ALICE)
        assert given["response_type"] == "in_channel"
        assert "thanked" in given["text"]  # the workspace's English, for everyone

        status, bobs = await roots.slack.command("/kudos", f"<@{BOB}> me", user=BOB)
        assert text("en", "kudos.self") in bobs["text"]
        assert fake.count("users.info") == 0  # the locale came with users.list


async def test_roots_language_overrides_the_slack_locale_and_is_stored(
    core: Core, fake: FakeSlack
) -> None:
    fake.users[ALICE]["locale"] = "fr-FR"
    async with serving(core, fake) as roots:
        status, chosen = await roots.slack.command("/roots", "language de", user=ALICE)
        assert status == 200 and chosen["response_type"] == "ephemeral"
        assert text("de", "language.set", language="Deutsch") in chosen["text"]

        status, refused = await roots.slack.command("/kudos", f"<@{ALICE}> me", user=ALICE)
        assert text("de", "kudos.self") in refused["text"]

        status, bad = await roots.slack.command("/roots", "language tlh", user=ALICE)
        assert bad["response_type"] == "ephemeral"
        assert "tlh" in bad["text"] and "auto" in bad["text"]
    assert db_rows(core, "SELECT member_id, locale FROM member_languages") == [(ALICE, "de")]


async def test_a_member_the_directory_learns_later_brings_their_locale(
    core: Core, fake: FakeSlack
) -> None:
    async with serving(core, fake) as roots:
        fake.users["U0DAVE"] = {
            **fake.users[BOB],
            "id": "U0DAVE",
            "name": "dave",
            "locale": "es-ES",
        }
        status, refused = await roots.slack.command("/kudos", "<@U0DAVE> me", user="U0DAVE")
        assert status == 200
        assert text("es", "kudos.self") in refused["text"]
        assert [c["user"] for c in fake.of("users.info")] == ["U0DAVE"]
