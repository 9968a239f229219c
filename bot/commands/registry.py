"""The command registry: one table describes every command, on every platform.

Each :class:`Command` says its name, its sub-commands (with the words that name
them in English and French), its typed arguments, whether it is for admins, and
the /help lines it adds. The router's dispatch, /help, the admin guard, Slack's
slash commands (and the manifest check), the metrics' command names and the
Discord cogs' options (names, descriptions, choices, ranges) are all read from
here. Argument types are platform-neutral (:class:`ArgKind`); each adapter maps
them onto its own (Discord: ``adapters/discord/options.py``).

Adding a command: see CONTRIBUTING.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ArgKind(Enum):
    """What an argument holds, whatever the platform."""

    TEXT = "text"  # free text (a reason, a prompt, a time and days)
    INT = "int"  # a whole number (kudos number, budget, minutes)
    MEMBER = "member"  # a member of the community
    CHANNEL = "channel"  # a channel of the community (vouched for by the platform)
    CHOICE = "choice"  # one of ``choices``
    BOOL = "bool"  # yes or no
    ROLE = "role"  # a group of members (a Discord role): team kudos, issue 15


@dataclass(frozen=True)
class Arg:
    """One typed argument. ``description`` is the short English text platforms show
    next to the option (Discord translates it, see adapters/discord/i18n.py)."""

    name: str
    kind: ArgKind
    description: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (shown name, value)
    low: int | None = None  # INT: smallest value; TEXT: shortest length
    high: int | None = None  # INT: largest value; TEXT: longest length
    autocomplete: bool = False
    # Text platforms (console, Slack) type words: each value with every word that
    # names it there, English first ("givers": givers, giver, donneurs).
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def value_of(self, word: str) -> str | None:
        """The value a typed ``word`` names (any case), None when it names none."""
        word = word.lower()
        return next((value for value, names in self.words if word in names), None)


@dataclass(frozen=True)
class Sub:
    """A sub-command: ``/command <word> …``.

    ``words`` are every way of typing it (the first is its name); ``discord`` is the
    Discord command that runs it ("kudos-undo", "prompt-admin now"), None when
    Discord has none.
    """

    words: tuple[str, ...]
    description: str
    args: tuple[Arg, ...] = ()
    admin: bool = False
    discord: str | None = None

    @property
    def name(self) -> str:
        return self.words[0]

    def arg(self, name: str) -> Arg:
        return next(a for a in self.args if a.name == name)


@dataclass(frozen=True)
class HelpLine:
    """One /help line (catalog key ``help.<key>``), for admins only or for everyone,
    shown when the service ``needs`` names is there, and only on ``platforms`` when
    set (what one platform can't do is not offered there)."""

    key: str
    admin: bool = False
    needs: str | None = None
    platforms: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Command:
    """A slash command.

    ``handler`` names the Router method that answers it. ``admin``: the whole
    command is for admins (else only its admin sub-commands are). ``needs``: the
    optional service it runs on ("prompts", "challenges"); without it the command
    does not exist. ``slack``: Slack has a ``/name`` slash command for it.
    ``discord``: the Discord command or group that carries it (None: none).
    """

    name: str
    handler: str
    description: str
    subs: tuple[Sub, ...] = ()
    args: tuple[Arg, ...] = ()
    admin: bool = False
    help: tuple[HelpLine, ...] = ()
    needs: str | None = None
    slack: bool = True
    discord: str | None = None

    def sub(self, word: str) -> Sub | None:
        """The sub-command ``word`` names (any case, English or French), if any."""
        word = word.lower()
        return next((s for s in self.subs if word in s.words), None)

    def subcommand(self, name: str) -> Sub:
        """The sub-command called ``name`` (its registry name); KeyError when none is."""
        found = next((s for s in self.subs if s.name == name), None)
        if found is None:
            raise KeyError(f"/{self.name} has no sub-command {name!r}")
        return found

    def sub_name(self, word: str) -> str | None:
        """The name of the sub-command ``word`` names (``"suivant"`` -> ``"next"``)."""
        found = self.sub(word)
        return found.name if found else None

    def arg(self, name: str) -> Arg:
        return next(a for a in self.args if a.name == name)

    def admin_for(self, args: tuple[str, ...], sub: str | None = None) -> bool:
        """Whether ``/name args`` (or its typed sub-command ``sub``) is for admins only."""
        if self.admin:
            return True
        word = sub if sub is not None else args[0] if args else None
        found = self.sub(word) if word else None
        return found is not None and found.admin


# ---------------------------------------------------------------- arguments used often

ON_OFF = (("on", "on"), ("off", "off"))
DETECT_WORDS = (
    "detect",
    "détection",
    "detection",
    "detectar",
    "detección",
    "erkennung",
)  # /roots detect, /roots-config detect
SWITCH_WORDS = (
    ("on", ("on", "oui", "sí", "si", "ja", "an")),
    ("off", ("off", "non", "no", "nein", "aus")),
)  # a schedule on or off
WEEKDAY_CHOICES = (
    ("Monday", "mon"),
    ("Tuesday", "tue"),
    ("Wednesday", "wed"),
    ("Thursday", "thu"),
    ("Friday", "fri"),
    ("Saturday", "sat"),
    ("Sunday", "sun"),
)
# /roots-config formality (issue 18): how Roots addresses members in French and German.
FORMALITY_WORDS = ("formality", "tone", "ton", "tono", "anrede", "formalité", "formalidad")
ANNOUNCE_WORDS = (
    "announce",
    "annonces",
    "annonce",
    "anuncios",
    "ankündigungen",
)  # /roots-config announce (issue 15)
NUMBER = Arg("number", ArgKind.INT, "the number shown under the kudos", required=True, low=1)
SUGGESTION = Arg("number", ArgKind.INT, "the suggestion's number", required=True, low=1)
PROMPT_NUMBER = Arg("number", ArgKind.INT, "the prompt's number", required=True, low=1)
PROMPT_TEXT = Arg("text", ArgKind.TEXT, "the prompt, as members read it", True, low=1, high=280)
NEXT_CHANNEL = Arg("channel", ArgKind.CHANNEL, "the schedule's channel (this one when left out)")
NOW_CHANNEL = Arg("channel", ArgKind.CHANNEL, "where to post (this channel when left out)")

# ---------------------------------------------------------------- the table

COMMANDS: tuple[Command, ...] = (
    Command(
        "kudos",
        "_kudos",
        "Thank up to 5 members, with a reason",
        subs=(
            Sub(
                ("undo", "annuler", "deshacer", "rückgängig"),
                "Take back your last kudos (5 minutes)",
                discord="kudos-undo",
            ),
            Sub(
                ("revoke", "revoquer", "révoquer", "revocar", "widerrufen"),
                "(admins) Cancel any kudos",
                (NUMBER,),
                admin=True,
                discord="kudos-revoke",
            ),
        ),
        args=(
            Arg("member", ArgKind.MEMBER, "who you thank"),
            Arg("reason", ArgKind.TEXT, "what for", high=280),
            *(Arg(f"member{n}", ArgKind.MEMBER, "someone else to thank") for n in range(2, 6)),
            # team kudos (issue 15): everyone in a role instead of members
            Arg("team", ArgKind.ROLE, "a role: thank all its members at once"),
        ),
        help=(
            HelpLine("kudos"),
            HelpLine("kudos_team", platforms=("slack", "discord")),  # the console has no groups
            HelpLine("plusplus"),
            HelpLine("reaction"),
            HelpLine("undo"),
            HelpLine("revoke", admin=True),
        ),
        discord="kudos",
    ),
    Command(
        "leaderboard",
        "_leaderboard",
        "Who gives and who receives kudos",
        args=(
            Arg(
                "board",
                ArgKind.CHOICE,
                "both boards when left out",
                choices=(("givers", "givers"), ("receivers", "receivers")),
                words=(
                    ("givers", ("givers", "giver", "donneurs", "donantes", "gebende")),
                    (
                        "receivers",
                        ("receivers", "receiver", "receveurs", "receptores", "empfangende"),
                    ),
                ),
            ),
            Arg(
                "period",
                ArgKind.CHOICE,
                "this week by default",
                choices=(("this week", "week"), ("this month", "month"), ("this season", "all")),
                words=(
                    ("week", ("week", "semaine", "semana", "woche")),
                    ("month", ("month", "mois", "mes", "monat")),
                    (
                        "all",
                        ("all", "alltime", "tout", "saison", "todo", "temporada", "alle", "gesamt"),
                    ),
                ),
            ),
        ),
        help=(
            HelpLine("leaderboard"),
            HelpLine("leaderboard_team", platforms=("slack", "discord")),
        ),
        discord="leaderboard",
    ),
    Command(
        "roots",
        "_roots",
        "Who helped you most, and whom to thank back",
        subs=(
            Sub(
                ("optout", "opt-out", "salir", "aussteigen"),
                "Receive no kudos, leave leaderboards",
                discord="roots-optout",
            ),
            Sub(
                ("optin", "opt-in", "volver", "einsteigen"),
                "Receive kudos again",
                discord="roots-optin",
            ),
            Sub(
                DETECT_WORDS,
                "Whether Roots asks you to keep your thank-yous as kudos",
                (
                    Arg(
                        "asks",
                        ArgKind.CHOICE,
                        "on: ask me privately; off: never ask me",
                        required=True,
                        choices=ON_OFF,
                    ),
                ),
                discord="roots-detect",
            ),
            # ---- reconnect (issue 16)
            Sub(
                ("reconnect", "renouer", "reconnecter", "reconectar", "wiederfinden"),
                "People you thanked who went quiet: say hello again",
                discord="roots-reconnect",
            ),
            Sub(
                ("nudges", "rappels", "recordatorios", "erinnerungen"),
                "A private weekly nudge: people to say hello to, memories",
                (
                    Arg("state", ArgKind.CHOICE, "on or off", required=True, choices=ON_OFF),
                    Arg(
                        "day",
                        ArgKind.CHOICE,
                        "the day of the week (Monday when left out)",
                        choices=WEEKDAY_CHOICES,
                    ),
                    Arg("time", ArgKind.TEXT, "local time, HH:MM (10:00 when left out)", high=5),
                ),
                discord="roots-nudges",
            ),
            Sub(
                ("web",),
                "A private sign-in link to your web dashboard",
                (
                    Arg(
                        "action",
                        ArgKind.CHOICE,
                        "sign out: end every dashboard session of yours",
                        choices=(("sign in", "link"), ("sign out everywhere", "logout")),
                    ),
                ),
                discord="roots-web",
            ),
            Sub(
                ("language", "langue", "idioma", "sprache"),
                "The language of Roots' private answers to you",
                (
                    Arg(
                        "language",
                        ArgKind.CHOICE,
                        "auto: your app's language when it says, else this server's",
                        choices=(
                            ("auto", "auto"),
                            ("English", "en"),
                            ("Français", "fr"),
                            ("Español", "es"),
                            ("Deutsch", "de"),
                        ),
                    ),
                ),
                discord="roots-language",
            ),
        ),
        args=(Arg("member", ArgKind.MEMBER, "whose roots (yours when left out)"),),
        help=(
            HelpLine("roots"),
            HelpLine("optout"),
            HelpLine("detect"),
            HelpLine("reconnect"),
            HelpLine("nudges"),
            HelpLine("web"),
            HelpLine("language"),
        ),
        discord="roots",
    ),
    Command(
        "roots-config",
        "_config",
        "(admins) Roots settings for this server",
        subs=(
            Sub(
                ("show", "mostrar", "zeigen"), "This server's settings", discord="roots-config show"
            ),
            Sub(
                ("timezone", "tz", "zona", "zeitzone"),
                "Time zone for budgets, weeks and months",
                (
                    Arg(
                        "zone",
                        ArgKind.TEXT,
                        "an IANA time zone, such as Europe/Paris",
                        required=True,
                        autocomplete=True,
                    ),
                ),
                discord="roots-config timezone",
            ),
            Sub(
                ("locale", "language", "langue", "idioma", "sprache"),
                "Roots' language here",
                (
                    Arg(
                        "language",
                        ArgKind.CHOICE,
                        "the language of Roots' replies here",
                        required=True,
                        choices=(
                            ("English", "en"),
                            ("Français", "fr"),
                            ("Español", "es"),
                            ("Deutsch", "de"),
                        ),
                    ),
                ),
                discord="roots-config locale",
            ),
            Sub(
                FORMALITY_WORDS,
                "Tone in French and German: tu/du or vous/Sie",
                (
                    Arg(
                        "tone",
                        ArgKind.CHOICE,
                        "informal (tu, du) or formal (vous, Sie); English and Spanish have one",
                        required=True,
                        choices=(
                            ("informal (tu, du)", "informal"),
                            ("formal (vous, Sie)", "formal"),
                        ),
                    ),
                ),
                discord="roots-config formality",
            ),
            Sub(
                ("budget", "presupuesto"),
                "Members one may thank per day",
                (
                    Arg(
                        "recipients",
                        ArgKind.INT,
                        "how many members each one may thank per day",
                        required=True,
                        low=1,
                        high=50,
                    ),
                ),
                discord="roots-config budget",
            ),
            Sub(
                ("cooldown", "espera", "wartezeit"),
                "Seconds before thanking the same person again",
                (
                    Arg(
                        "seconds",
                        ArgKind.INT,
                        "seconds to wait before thanking the same member again",
                        required=True,
                        low=0,
                        high=86400,
                    ),
                ),
                discord="roots-config cooldown",
            ),
            Sub(
                ("emoji",),
                "The reaction that gives kudos",
                (
                    Arg(
                        "emoji",
                        ArgKind.TEXT,
                        "the emoji members react with to give kudos",
                        required=True,
                        low=1,
                        high=64,
                    ),
                ),
                discord="roots-config emoji",
            ),
            Sub(
                ("reason", "motivo", "grund"),
                "Whether kudos need a reason",
                (
                    Arg(
                        "required",
                        ArgKind.CHOICE,
                        "on: kudos need a reason; off: a reason is optional",
                        required=True,
                        choices=ON_OFF,
                    ),
                ),
                discord="roots-config reason",
            ),
            Sub(
                ("leaderboard", "leaderboards", "clasificación", "rangliste"),
                "Show rankings, or thanks without ranking",
                (
                    Arg(
                        "shown",
                        ArgKind.CHOICE,
                        "on: show rankings; off: thanks without ranking",
                        required=True,
                        choices=ON_OFF,
                    ),
                ),
                discord="roots-config leaderboard",
            ),
            Sub(
                DETECT_WORDS,
                "Notice thank-yous in messages, ask the thanker",
                (
                    Arg(
                        "enabled",
                        ArgKind.CHOICE,
                        "on: offer plain thank-yous as kudos, privately; off: never",
                        required=True,
                        choices=ON_OFF,
                    ),
                ),
                discord="roots-config detect",
            ),
            Sub(
                ANNOUNCE_WORDS,
                "Where kudos confirmations are posted",
                (
                    Arg(
                        "where",
                        ArgKind.CHOICE,
                        "here, in a thread, in a log channel, or privately",
                        required=True,
                        choices=(
                            ("here", "here"),
                            ("in a thread", "thread"),
                            ("in a log channel", "channel"),
                            ("privately", "private"),
                        ),
                    ),
                    Arg("channel", ArgKind.CHANNEL, "the log channel (with: in a log channel)"),
                ),
                discord="roots-config announce",
            ),
            Sub(
                ("wallboard", "écran", "ecran", "pantalla", "wandbildschirm"),
                "A read-only page for a screen in the office",
                (
                    Arg(
                        "shown",
                        ArgKind.CHOICE,
                        "on: a new private link (the old one stops); off: no wallboard",
                        required=True,
                        choices=ON_OFF,
                    ),
                ),
                discord="roots-config wallboard",
            ),
            Sub(
                ("season", "temporada", "saison"),
                "Start a new season (history is kept)",
                discord="roots-config season",
            ),
            Sub(
                ("prompts", "prompt", "impulsos", "impulse"),
                "Daily prompts: where and when",
                (
                    Arg(
                        "channel",
                        ArgKind.CHANNEL,
                        "where prompts are posted (overview when left out)",
                    ),
                    Arg(
                        "when",
                        ArgKind.TEXT,
                        "on, off, or a time and days such as 09:00 weekdays",
                        words=SWITCH_WORDS,
                    ),
                ),
                discord="roots-config prompts",
            ),
            Sub(
                ("digest", "résumé", "resume", "resumen", "rückblick"),
                "Weekly digest: where and when",
                (
                    Arg(
                        "channel",
                        ArgKind.CHANNEL,
                        "where the digest is posted (overview when left out)",
                    ),
                    Arg(
                        "when",
                        ArgKind.TEXT,
                        "on, off, or a time and days such as 17:00 fri",
                        words=SWITCH_WORDS,
                    ),
                ),
                discord="roots-config digest",
            ),
            Sub(
                ("catchup", "rattrapage", "recuperación", "nachholen"),
                "Minutes a late prompt may still be posted",
                (
                    Arg(
                        "minutes",
                        ArgKind.INT,
                        "how many minutes late a prompt may still be posted",
                        required=True,
                        low=0,
                        high=2880,
                    ),
                ),
                discord="roots-config catchup",
            ),
            Sub(
                ("themes", "theme", "thèmes", "temas", "themen"),
                "List prompt themes, or include/exclude one",
                (
                    Arg(
                        "action",
                        ArgKind.CHOICE,
                        "exclude or include a theme (the list when left out)",
                        choices=(("exclude", "exclude"), ("include", "include")),
                        words=(
                            ("exclude", ("exclude", "exclure", "off", "excluir", "ausschließen")),
                            ("include", ("include", "inclure", "on", "incluir", "einschließen")),
                        ),
                    ),
                    Arg("theme", ArgKind.TEXT, "the theme to exclude or include"),
                ),
                discord="roots-config themes",
            ),
        ),
        admin=True,
        help=(
            HelpLine("config", admin=True),
            HelpLine("config_detect", admin=True),
            HelpLine("config_announce", admin=True),
            HelpLine("config_wallboard", admin=True),
            HelpLine("config_formality", admin=True),
        ),
        discord="roots-config",
    ),
    Command(
        "roots-admin",
        "_admin",
        "(admins) Roots data tools for this server",
        subs=(
            Sub(
                ("forget", "oublier", "effacer", "olvidar", "borrar", "vergessen", "löschen"),
                "Erase a member's personal data in this server",
                (
                    Arg("member", ArgKind.MEMBER, "whose data to erase", required=True),
                    Arg(
                        "confirm",
                        ArgKind.BOOL,
                        "True to erase now; otherwise Roots only says what would be erased",
                        words=(
                            (
                                "confirm",
                                (
                                    "confirm",
                                    "confirmer",
                                    "yes",
                                    "oui",
                                    "confirmar",
                                    "sí",
                                    "bestätigen",
                                    "ja",
                                ),
                            ),
                        ),
                    ),
                ),
                discord="roots-admin forget",
            ),
        ),
        admin=True,
        help=(HelpLine("admin_forget", admin=True),),
        discord="roots-admin",
    ),
    Command(
        "done",
        "_done",
        "Check in: you did today's prompt",
        args=(
            Arg("member", ArgKind.MEMBER, "whom you helped or thanked"),
            Arg("note", ArgKind.TEXT, "a word about it", high=280),
        ),
        help=(HelpLine("done", needs="prompts"),),
        needs="prompts",
        discord="done",
    ),
    Command(
        "prompt",
        "_prompt",
        "Daily pay-it-forward prompts",
        subs=(
            Sub(
                ("next", "suivant", "prochain", "siguiente", "nächster"),
                "Today's prompt",
                (NEXT_CHANNEL,),
                discord="prompt next",
            ),
            Sub(
                ("suggest", "suggerer", "suggérer", "proposer", "sugerir", "vorschlagen"),
                "Suggest a prompt to the admins",
                (PROMPT_TEXT,),
                discord="prompt suggest",
            ),
            Sub(
                ("themes", "thèmes", "temas", "themen"),
                "The prompt themes",
                discord="prompt themes",
            ),
            Sub(
                ("now", "maintenant", "ahora", "jetzt"),
                "Post a prompt now",
                (NOW_CHANNEL,),
                admin=True,
                discord="prompt-admin now",
            ),
            Sub(
                ("add", "ajouter", "añadir", "hinzufügen"),
                "Add a prompt to this server's rotation",
                (PROMPT_TEXT,),
                admin=True,
                discord="prompt-admin add",
            ),
            Sub(
                ("list", "liste", "lista"),
                "This server's own prompts",
                admin=True,
                discord="prompt-admin list",
            ),
            Sub(
                ("queue", "file", "cola", "warteschlange"),
                "Suggestions waiting for a decision",
                admin=True,
                discord="prompt-admin queue",
            ),
            Sub(
                ("approve", "approuver", "aprobar", "freigeben"),
                "Approve a suggested prompt",
                (SUGGESTION,),
                admin=True,
                discord="prompt-admin approve",
            ),
            Sub(
                ("reject", "rejeter", "refuser", "rechazar", "ablehnen"),
                "Reject suggestions: a number, several, or a member's",
                (
                    Arg("number", ArgKind.INT, "the suggestion's number", low=1),
                    Arg("more", ArgKind.TEXT, "more numbers, separated by spaces", high=300),
                    Arg(
                        "member",
                        ArgKind.MEMBER,
                        "reject all of this member's waiting suggestions",
                        # text platforms: /prompt reject all @member
                        words=(
                            ("all", ("all", "tout", "tous", "toutes", "todas", "todos", "alle")),
                        ),
                    ),
                ),
                admin=True,
                discord="prompt-admin reject",
            ),
            Sub(
                ("remove", "retirer", "supprimer", "quitar", "entfernen"),
                "Remove one of this server's prompts",
                (PROMPT_NUMBER,),
                admin=True,
                discord="prompt-admin remove",
            ),
        ),
        help=(
            HelpLine("prompt", needs="prompts"),
            HelpLine("prompt_admin", admin=True, needs="prompts"),
            # /roots-config prompts|digest|catchup|themes: the prompts' schedules
            HelpLine("schedule", admin=True, needs="prompts"),
        ),
        needs="prompts",
        discord="prompt",
    ),
    Command(
        "challenge",
        "_challenge",
        "The gratitude challenge",
        subs=(
            Sub(
                ("join", "rejoindre", "participer", "unirme", "mitmachen"),
                "Join the challenge",
                discord="challenge join",
            ),
            Sub(
                ("leave", "quitter", "salir", "verlassen"),
                "Leave the challenge",
                discord="challenge leave",
            ),
            Sub(
                ("status", "statut", "etat", "état", "estado"),
                "How the challenge is going",
                discord="challenge status",
            ),
            Sub(
                ("start", "lancer", "demarrer", "démarrer", "empezar", "starten"),
                "Start a challenge",
                (
                    Arg("channel", ArgKind.CHANNEL, "where it runs"),
                    Arg("start", ArgKind.TEXT, "start date, YYYY-MM-DD"),
                ),
                admin=True,
                discord="challenge-admin start",
            ),
        ),
        help=(
            HelpLine("challenge", needs="challenges"),
            HelpLine("challenge_admin", admin=True, needs="challenges"),
        ),
        needs="challenges",
        discord="challenge",
    ),
    # ---- goals (issue 16)
    Command(
        "goal",
        "_goal",
        "Goals others can give time to",
        subs=(
            Sub(("list", "liste", "lista"), "The community's open goals", discord="goal list"),
            Sub(
                ("set", "fixer", "définir", "definir", "fijar", "setzen"),
                "Set your goal (one at a time)",
                (
                    Arg(
                        "text",
                        ArgKind.TEXT,
                        "your goal, as others will read it",
                        required=True,
                        low=1,
                        high=200,
                    ),
                ),
                discord="goal set",
            ),
            Sub(
                ("help", "aider", "ayudar", "helfen"),
                "Record time you gave to someone's goal",
                (
                    Arg("member", ArgKind.MEMBER, "whose goal you gave time to", required=True),
                    Arg(
                        "minutes",
                        ArgKind.INT,
                        "how many minutes (15 when left out)",
                        low=5,
                        high=240,
                    ),
                    Arg("note", ArgKind.TEXT, "what you did, for them only", high=200),
                ),
                discord="goal help",
            ),
            Sub(
                ("done", "atteint", "fini", "terminé", "termine", "logrado", "erreicht"),
                "Close your goal and thank who helped",
                discord="goal done",
            ),
            Sub(
                ("drop", "abandonner", "abandonar", "aufgeben"),
                "Withdraw your goal",
                discord="goal drop",
            ),
            Sub(
                ("remove", "retirer", "supprimer", "quitar", "entfernen"),
                "(admins) Remove a member's goal",
                (Arg("member", ArgKind.MEMBER, "whose goal to remove", required=True),),
                admin=True,
                discord="goal-admin remove",
            ),
        ),
        help=(HelpLine("goal", needs="goals"), HelpLine("goal_admin", admin=True, needs="goals")),
        needs="goals",
        discord="goal",
    ),
    Command(
        "help",
        "_help",
        "What Roots can do",
        help=(HelpLine("help"),),
        slack=False,  # Slack's /help belongs to Slack: there it is /roots help
        discord="help",
    ),
)

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}


def command(name: str) -> Command | None:
    """The command called ``name`` (any case), if any."""
    return BY_NAME.get(name.lower())


def slack_commands() -> tuple[str, ...]:
    """The names Slack declares as slash commands (manifest.yml)."""
    return tuple(c.name for c in COMMANDS if c.slack)


def help_keys(services: frozenset[str], admin: bool, platform: str | None = None) -> list[str]:
    """The /help lines, everyone's first, then (for an admin) the admins' ones."""
    lines = [line for c in COMMANDS for line in c.help]
    shown = [
        x
        for x in lines
        if (x.needs is None or x.needs in services)
        and (x.platforms is None or platform is None or platform in x.platforms)
    ]
    keys = [x.key for x in shown if not x.admin]
    if admin:
        keys += [x.key for x in shown if x.admin]
    return keys
