"""/roots-config (per community, admins only) and process settings from the environment."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings, SettingsError, load_settings
from bot.messages import text
from bot.storage.records import Tally
from bot.types import Tone, plain_text
from bot.wiring import build_core
from tests.fakes import (
    active,
    ask,
    assert_given,
    assert_refused,
    configure,
    db_rows,
    en,
    field_map,
    mention,
    reacted,
    tally,
    thank,
)

COLUMNS = (
    "timezone, locale, daily_budget, cooldown_seconds, kudos_emoji, reason_required,"
    " leaderboards_enabled, season"
)


def community_row(core):
    return db_rows(core, f"SELECT {COLUMNS} FROM communities")


async def admin(core, *args: str):
    return await ask(core, "roots-config", *args, actor="admin", admin=True)


# ---------------------------------------------------------------- who may configure


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("show",),
        ("timezone", "Europe/Paris"),
        ("locale", "fr"),
        ("budget", "10"),
        ("cooldown", "0"),
        ("emoji", "🎉"),
        ("reason", "off"),
        ("leaderboard", "off"),
        ("season",),
        ("colour", "blue"),
    ],
)
async def test_a_non_admin_is_refused_and_nothing_changes(core, args):
    await ask(core, "help")  # the community exists
    before = community_row(core)

    reply = await ask(core, "roots-config", *args, actor="alice")

    assert_refused(reply, "error.admin_only")
    assert community_row(core) == before
    assert before == [("UTC", "en", 5, 60, "🌱", 1, 1, 1)]


async def test_show_lists_every_setting(core):
    reply = await admin(core, "show")

    assert reply.tone is not Tone.ERROR
    assert plain_text(reply.body) == en("config.title")
    assert field_map(reply) == {
        en("config.name.timezone"): "UTC",
        en("config.name.locale"): "en",
        en("config.name.budget"): "5",
        en("config.name.cooldown"): "60",
        en("config.name.emoji"): "🌱",
        en("config.name.reason"): en("on"),
        en("config.name.leaderboard"): en("on"),
        en("config.name.season"): "1",
        en("config.name.detect"): en("on"),  # thank-you detection: on by default
        en("config.name.catchup"): "180",
        en("config.name.announce"): en("announce.mode_here"),  # as before issue 15
        en("config.name.wallboard"): en("off"),  # issue 14: off by default
        en("config.name.formality"): en("formality.informal"),  # tu/du until chosen (issue 18)
    }
    assert field_map(await admin(core)) == field_map(reply)  # show is the default


async def test_show_reflects_changes(core):
    await configure(core, "tz", "Asia/Tokyo")
    await configure(core, "budget", "7")
    await configure(core, "reason", "optional")
    await configure(core, "catchup", "45m")

    shown = field_map(await admin(core, "show"))

    assert shown[en("config.name.timezone")] == "Asia/Tokyo"
    assert shown[en("config.name.budget")] == "7"
    assert shown[en("config.name.reason")] == en("off")
    assert shown[en("config.name.catchup")] == "45"


# ---------------------------------------------------------------- timezone


@pytest.mark.parametrize("word", ["timezone", "tz"])
async def test_a_valid_timezone_is_saved(core, word):
    reply = await configure(core, word, "Europe/Paris")

    assert reply.as_text() == en("config.updated", setting=word, value="Europe/Paris")
    assert community_row(core)[0][0] == "Europe/Paris"


@pytest.mark.parametrize(
    "value", ["Mars/Base", "../../etc/passwd", "", "/etc/localtime", "Europe", "utc+2"]
)
async def test_an_invalid_timezone_is_refused(core, value):
    reply = await admin(core, "timezone", value)

    assert_refused(reply, "config.bad_timezone", value=value)
    assert community_row(core)[0][0] == "UTC"


# ---------------------------------------------------------------- locale


@pytest.mark.parametrize("locale", ["fr", "es", "de"])
async def test_a_locale_switches_replies_to_that_language(core, locale):
    reply = await configure(core, "locale", locale)

    assert reply.as_text() == text(locale, "config.updated", setting="locale", value=locale)
    given = await thank(core, "alice", "bob", reason="merci pour la relecture")
    assert text(locale, "kudos.given", giver=mention("alice"), receivers="@bob") in given.as_text()
    assert text(locale, "kudos.footer", ids="#1", left=4, budget=5) in given.as_text()
    assert_refused(await thank(core, "alice", "alice"), "kudos.self", locale=locale)
    assert_refused(await ask(core, "roots-config", "show"), "error.admin_only", locale=locale)
    assert community_row(core)[0][1] == locale


async def test_spanish_and_german_replies_read_as_written(core):
    await configure(core, "locale", "es")
    given = await thank(core, "alice", "bob", reason="gracias por la revisión")
    assert "🌱 @alice dio las gracias a @bob" in given.as_text()
    await configure(core, "locale", "de")
    given = await thank(core, "carol", "bob", reason="danke fürs Gegenlesen")
    assert "🌱 @carol hat sich bei @bob bedankt" in given.as_text()
    assert "„danke fürs Gegenlesen“" in given.as_text()


@pytest.mark.parametrize(
    ("value", "saved"),
    [("FR", "fr"), ("fr-CA", "fr"), ("en_GB", "en"), ("es-MX", "es"), ("DE_ch", "de")],
)
async def test_locale_variants_are_understood(core, value, saved):
    await configure(core, "language", value)

    assert community_row(core)[0][1] == saved


@pytest.mark.parametrize("value", ["it", "", "klingon"])
async def test_an_unknown_locale_is_refused(core, value):
    assert_refused(await admin(core, "locale", value), "config.bad_locale", value=value)
    assert community_row(core)[0][1] == "en"


# ---------------------------------------------------------------- budget & cooldown


async def test_a_bigger_budget_allows_more_kudos(core):
    reply = await configure(core, "budget", "10")

    assert reply.as_text() == en("config.updated", setting="budget", value="10")
    for who in ("bob", "carol", "dan", "erin", "frank", "gina"):
        assert_given(await thank(core, "alice", who))
    assert await tally(core, "alice") == Tally(given=6)


@pytest.mark.parametrize("value", ["1", "50"])
async def test_budget_bounds_are_accepted(core, value):
    await configure(core, "budget", value)

    assert community_row(core)[0][2] == int(value)


@pytest.mark.parametrize("value", ["0", "51", "abc", "-1", "2.5", ""])
async def test_a_budget_out_of_bounds_is_refused(core, value):
    reply = await admin(core, "budget", value)

    assert_refused(reply, "config.bad_budget", low=1, high=50, value=value)
    assert community_row(core)[0][2] == 5


async def test_cooldown_zero_allows_thanking_the_same_person_again_at_once(core):
    await configure(core, "cooldown", "0")

    assert_given(await thank(core, "alice", "bob"))
    assert_given(await thank(core, "alice", "bob", reason="and again"))
    assert await tally(core, "bob") == Tally(received=2)


async def test_a_longer_cooldown_is_enforced(core, clock):
    await configure(core, "cooldown", "3600")
    await thank(core, "alice", "bob")
    clock.advance(timedelta(minutes=30, seconds=0.5))

    assert_refused(
        await thank(core, "alice", "bob"), "kudos.cooldown", name=mention("bob"), count=1800
    )
    clock.advance(timedelta(minutes=30))
    assert_given(await thank(core, "alice", "bob"))


@pytest.mark.parametrize("value", ["-1", "86401", "soon"])
async def test_a_bad_cooldown_is_refused(core, value):
    reply = await admin(core, "cooldown", value)

    assert_refused(reply, "config.bad_cooldown", low=0, high=86400, value=value)
    assert community_row(core)[0][3] == 60


# ---------------------------------------------------------------- emoji, toggles


async def test_a_new_kudos_emoji_is_the_one_reactions_use(core):
    await configure(core, "emoji", "🎉")

    assert await core.router.reaction(reacted("carol", "bob", emoji="🌱")) == []
    assert len(await core.router.reaction(reacted("carol", "bob", emoji="🎉"))) == 1
    # Slack sends names: ':tada:' is the same emoji.
    assert len(await core.router.reaction(reacted("dan", "bob", emoji="tada"))) == 1
    assert await active(core) == 2
    assert community_row(core)[0][4] == "🎉"


@pytest.mark.parametrize("value", ["", "two words", "x" * 65])
async def test_a_bad_emoji_is_refused(core, value):
    assert_refused(await admin(core, "emoji", value), "config.bad_emoji", value=value)
    assert community_row(core)[0][4] == "🌱"


@pytest.mark.parametrize(("value", "saved"), [("non", 0), ("OFF", 0), ("oui", 1), ("required", 1)])
async def test_toggles_understand_english_and_french(core, value, saved):
    await configure(core, "reason", value)

    assert community_row(core)[0][5] == saved


async def test_a_toggle_must_be_on_or_off(core):
    assert_refused(await admin(core, "leaderboard", "maybe"), "config.bad_toggle", value="maybe")
    assert community_row(core)[0][6] == 1


async def test_an_unknown_setting_is_refused(core):
    assert_refused(await admin(core, "colour", "blue"), "config.unknown", value="colour")


@pytest.mark.parametrize("args", [("budget",), ("budget", "5", "6")])
async def test_a_setting_takes_exactly_one_value(core, args):
    assert_refused(await admin(core, *args), "config.usage", setting="budget")
    assert community_row(core)[0][2] == 5


async def test_settings_are_kept_per_community(core):
    await configure(core, "budget", "1")
    await thank(core, "alice", "bob")

    other = await ask(core, "kudos", "revoke", "1", actor="mod", admin=True, community="T-2")
    assert_refused(other, "kudos.unknown_id", id="1")
    assert db_rows(core, "SELECT community_id, daily_budget FROM communities ORDER BY 1") == [
        ("T-2", 5),
        ("T-roots", 1),
    ]


# ---------------------------------------------------------------- process settings


def test_load_settings_defaults_and_values():
    settings = load_settings(
        {
            "ROOTS_DEFAULT_LOCALE": "fr_FR",
            "ROOTS_DEFAULT_TIMEZONE": "Europe/Paris",
            "DATABASE_URL": "sqlite:///data/roots.db",
            "ROOTS_LOG_LEVEL": "debug",
        }
    )
    assert settings.default_locale == "fr"
    assert settings.default_timezone == "Europe/Paris"
    assert settings.database_url == "sqlite:///data/roots.db"
    assert settings.log_level == "DEBUG"
    assert load_settings({}) == Settings()


@pytest.mark.parametrize(("raw", "locale"), [("es_ES", "es"), ("de", "de"), ("DE-at", "de")])
def test_new_communities_may_default_to_spanish_or_german(raw, locale):
    assert load_settings({"ROOTS_DEFAULT_LOCALE": raw}).default_locale == locale


@pytest.mark.parametrize(
    ("env", "phrases"),
    [
        (
            {"ROOTS_DEFAULT_LOCALE": "it"},
            ["ROOTS_DEFAULT_LOCALE", "'it'", "'en', 'de', 'es' or 'fr'"],
        ),
        ({"ROOTS_DEFAULT_TIMEZONE": "Mars/Base"}, ["ROOTS_DEFAULT_TIMEZONE", "Mars/Base"]),
        ({"ROOTS_DEFAULT_TIMEZONE": "../../etc/passwd"}, ["ROOTS_DEFAULT_TIMEZONE", "Europe/"]),
        ({"DATABASE_URL": "mysql://root@db/roots"}, ["DATABASE_URL", "sqlite:///"]),
        ({"DATABASE_URL": "roots.db"}, ["DATABASE_URL", "sqlite:///"]),
        ({"ROOTS_LOG_LEVEL": "loud"}, ["ROOTS_LOG_LEVEL", "DEBUG"]),
    ],
)
def test_bad_process_settings_raise_a_helpful_error(env, phrases):
    with pytest.raises(SettingsError) as caught:
        load_settings(env)

    for phrase in phrases:
        assert phrase in str(caught.value)


def test_a_default_timezone_from_the_environment_reaches_new_communities(tmp_path, clock):
    settings = load_settings(
        {"ROOTS_DEFAULT_TIMEZONE": "Asia/Tokyo", "DATABASE_URL": f"sqlite:///{tmp_path}/r.db"}
    )

    assert build_core(settings, clock=clock).communities.defaults.timezone == "Asia/Tokyo"


@pytest.mark.parametrize("url", ["sqlite:roots.db", "sqlite://roots.db"])
def test_a_malformed_sqlite_url_is_a_settings_error(url):
    try:
        settings = load_settings({"DATABASE_URL": url})
    except SettingsError as exc:
        assert "sqlite:///" in str(exc)
        return
    build_core(settings)  # what `roots` does next; must not blow up afterwards


def test_settings_repr_never_shows_tokens_or_passwords():
    settings = load_settings(
        {
            "DISCORD_TOKEN": "discord-secret-123",
            "SLACK_BOT_TOKEN": "xoxb-secret-456",
            "SLACK_APP_TOKEN": "xapp-secret-789",
            "SLACK_SIGNING_SECRET": "signing-secret-000",
            "DATABASE_URL": "postgresql://roots:db-password@db.local/roots",
        }
    )

    shown = repr(settings) + str(settings)
    for secret in ("discord-secret-123", "xoxb", "xapp", "signing-secret-000", "db-password"):
        assert secret not in shown
    assert "discord" in shown and "slack" in shown  # what is configured is still visible
    assert "postgresql://roots:***@db.local/roots" in shown


def test_settings_repr_hides_a_password_given_as_a_query_parameter():
    settings = load_settings({"DATABASE_URL": "postgresql://db.local/roots?password=db-password"})

    assert "db-password" not in repr(settings)


async def test_a_setting_changed_by_another_process_is_seen(tmp_path) -> None:
    """Two processes on one database: process B sees A's /roots-config once its cache expires."""
    from bot.config import Settings as _Settings
    from bot.messages import text as _text
    from bot.types import CommandCall, Context, Member
    from bot.wiring import running_core

    settings = _Settings(database_url=f"sqlite:///{tmp_path}/shared.db")
    admin = Context("console", "c1", "general", Member("ana", "ana"), is_admin=True)
    member = Context("console", "c1", "general", Member("bob", "bob"))
    async with running_core(settings) as a, running_core(settings) as b:
        b.communities.settings_ttl = 0.0  # expire at once instead of after 30 s
        before = await b.router.command(CommandCall(member, "frobnicate"))
        assert before[0].as_text() == _text("en", "error.unknown_command", name="frobnicate")
        await a.router.command(CommandCall(admin, "roots-config", ("locale", "fr")))
        after = await b.router.command(CommandCall(member, "frobnicate"))
    assert after[0].as_text() == _text("fr", "error.unknown_command", name="frobnicate")


async def test_commands_that_miss_the_settings_cache_together_read_the_settings_once(
    tmp_path, monkeypatch
) -> None:
    """Fifty concurrent kudos when the cached settings expire: one read, not fifty (on
    PostgreSQL fifty reads queued for the pool and timed out under load)."""
    import asyncio

    from bot.config import Settings as _Settings
    from bot.storage.records import StorageError
    from bot.types import Context, Member
    from bot.wiring import running_core

    settings = _Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    async with running_core(settings) as core:
        store = core.communities.store
        original = store.get_community
        reads = 0
        failing = False

        async def counted(*args, **kwargs):
            nonlocal reads
            reads += 1
            await asyncio.sleep(0.01)
            if failing:
                raise StorageError("the database is away")
            return await original(*args, **kwargs)

        monkeypatch.setattr(store, "get_community", counted)
        contexts = [
            Context("console", "c1", "general", Member(f"m{i}", f"m{i}")) for i in range(50)
        ]
        found = await asyncio.gather(*(core.communities.settings(c) for c in contexts))
        assert reads == 1
        assert {f.community_id for f in found} == {"c1"}

        core.communities.settings_ttl = 0.0
        failing = True
        failed = await asyncio.gather(
            *(core.communities.settings(c) for c in contexts), return_exceptions=True
        )
        assert reads == 2 and all(isinstance(f, StorageError) for f in failed)
        failing = False
        assert (await core.communities.settings(contexts[0])).community_id == "c1"
        assert reads == 3
