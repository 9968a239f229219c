"""The built-in prompt library: small actions a member can do today, in English and French.

Every prompt has a stable id (a slug written by hand, never derived from its position, so
stored references survive reordering) and one theme from :data:`THEMES`. The seven
:data:`CHALLENGE_PROMPTS` belong to the one-week Roots challenge and carry the theme
``"challenge"``, which is deliberately not in :data:`THEMES`: they are posted in order to
members who opted in, never drawn at random.

French texts use "tu" throughout and avoid past participles that would have to agree with
the reader's gender. Write them with a plain space before ``? ! : ;`` and inside « »;
:func:`_french_spacing` turns those spaces into no-break spaces so a chat client never
wraps a lone "?" onto a new line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DEFAULT_LOCALE = "en"

THEMES: tuple[str, ...] = (
    "gratitude",  # notice who reacts to your work, and thank them
    "reconnect",  # say hello to someone you have not talked to in a long time
    "pay-forward",  # spend 15 minutes on someone else's goal
    "learning",  # share what you learned
    "unstuck",  # help someone who is stuck
    "reasons",  # the ten reasons community matters, each turned into an action
)
CHALLENGE_THEME = "challenge"

_NBSP = "\u00a0"
_SPACE_BEFORE = re.compile(r" ([?!:;»])")
_SPACE_AFTER = re.compile(r"(«) ")


def _french_spacing(text: str) -> str:
    """Make the spaces French typography requires around ? ! : ; « » unbreakable."""
    return _SPACE_AFTER.sub(rf"\1{_NBSP}", _SPACE_BEFORE.sub(rf"{_NBSP}\1", text))


@dataclass(frozen=True)
class Prompt:
    id: str
    theme: str
    text: dict[str, str] = field(hash=False)  # {"en": ..., "fr": ...}

    def text_for(self, locale: str) -> str:
        """The text in ``locale`` ('fr', 'fr-CA', 'fr_FR'...), else in English."""
        if locale in self.text:
            return self.text[locale]
        base = locale.strip().lower().replace("_", "-").split("-")[0]
        return self.text.get(base) or self.text[DEFAULT_LOCALE]


def _p(prompt_id: str, theme: str, en: str, fr: str) -> Prompt:
    return Prompt(id=prompt_id, theme=theme, text={"en": en, "fr": _french_spacing(fr)})


_GRATITUDE = (
    _p(
        "thank-reactors",
        "gratitude",
        "Look at who reacted to your last post or message. Pick one person and thank them "
        "by name for taking the time.",
        "Regarde qui a réagi à ton dernier post ou message. Choisis une personne et "
        "remercie-la, en la nommant, pour le temps qu'elle t'a accordé.",
    ),
    _p(
        "thank-sharer",
        "gratitude",
        "Find someone who shared or recommended your work recently, and tell them what it "
        "meant to you.",
        "Retrouve quelqu'un qui a partagé ou recommandé ton travail récemment, et dis-lui ce "
        "que ça a représenté pour toi.",
    ),
    _p(
        "first-supporters",
        "gratitude",
        "Think back to the first people who gave you a hand here. Send one of them a short "
        "note to say you remember.",
        "Repense aux toutes premières personnes qui t'ont donné un coup de main ici. "
        "Écris quelques mots à l'une d'elles pour lui dire que tu n'as pas oublié.",
    ),
    _p(
        "learn-about-reactors",
        "gratitude",
        "Choose two or three people who often react to what you post, and look at their "
        "profile or recent work. Learn one thing about each.",
        "Choisis deux ou trois personnes qui réagissent souvent à ce que tu publies, et va "
        "voir leur profil ou leurs derniers travaux. Retiens une chose sur chacune.",
    ),
    _p(
        "thank-quiet-supporter",
        "gratitude",
        "Someone supports you quietly: a reaction here, a read there. Notice that person "
        "today and thank them, in public or in private.",
        "Quelqu'un te soutient sans bruit : une réaction par-ci, une lecture par-là. Repère "
        "cette personne aujourd'hui et remercie-la, en public ou en privé.",
    ),
    _p(
        "thank-specifically",
        "gratitude",
        "Thank someone for one specific thing they did, rather than a general thanks. The "
        "details show you really noticed.",
        "Remercie une personne pour un geste précis, au lieu d'un simple « merci pour tout ». "
        "Les détails lui montrent que tu as vraiment remarqué.",
    ),
    _p(
        "kudos-for-the-week",
        "gratitude",
        "Give kudos to one person whose help made your week easier, and say in one line "
        "what they did.",
        "Donne un kudos à une personne dont l'aide t'a simplifié la semaine, et résume en "
        "une ligne ce qu'elle a fait.",
    ),
    _p(
        "thank-a-reviewer",
        "gratitude",
        "Thank someone who read your work and gave you feedback, even if it was hard to hear.",
        "Remercie une personne qui a relu ton travail et t'a fait un retour, même si ce "
        "retour était difficile à entendre.",
    ),
)

_RECONNECT = (
    _p(
        "hello-long-lost",
        "reconnect",
        "Say hello to someone you have not talked to in months. No reason needed: just ask "
        "how things are going.",
        "Dis bonjour à quelqu'un à qui tu n'as pas parlé depuis des mois. Pas besoin de "
        "prétexte : demande-lui simplement comment ça va.",
    ),
    _p(
        "scroll-back",
        "reconnect",
        "Scroll back through your old conversations and pick one person you miss. Send them "
        "a message today.",
        "Remonte dans tes anciennes conversations et choisis une personne qui te manque. "
        "Envoie-lui un message aujourd'hui.",
    ),
    _p(
        "old-collaborator",
        "reconnect",
        "Write to someone you once worked or learned with, and ask what keeps them busy "
        "these days.",
        "Écris à quelqu'un avec qui tu as travaillé ou appris autrefois, et demande-lui ce "
        "qui l'occupe en ce moment.",
    ),
    _p(
        "shared-memory",
        "reconnect",
        "Remind someone of a memory you share, like a project, an event or a joke, and ask "
        "what has changed since.",
        "Rappelle à quelqu'un un souvenir commun, un projet, un événement ou une blague, et "
        "demande-lui ce qui a changé depuis.",
    ),
    _p(
        "reconnect-congrats",
        "reconnect",
        "Think of someone you lost touch with, look at what they have done lately, and find "
        "something to congratulate them on.",
        "Pense à quelqu'un que tu as perdu de vue, regarde ce que cette personne a fait "
        "récemment et trouve de quoi la féliciter.",
    ),
    _p(
        "find-them-elsewhere",
        "reconnect",
        "Think of a person you met on a platform or group you have since left. Find them "
        "where they are now and say hi.",
        "Pense à une personne rencontrée sur une plateforme ou dans un groupe que tu as "
        "quitté. Retrouve-la là où elle est aujourd'hui et fais-lui signe.",
    ),
    _p(
        "no-reply-needed",
        "reconnect",
        "Write to someone you rarely see anymore, and tell them there is no need to answer. "
        "A kind word is enough.",
        "Écris à quelqu'un que tu ne croises presque plus, et précise-lui que rien ne "
        "l'oblige à répondre. Un mot gentil suffit.",
    ),
    _p(
        "update-an-old-helper",
        "reconnect",
        "Send news to someone who gave you a hand long ago, and tell them how far their "
        "help let you go.",
        "Donne des nouvelles à quelqu'un qui t'a donné un coup de main il y a longtemps, et "
        "raconte-lui jusqu'où cette aide t'a permis d'aller.",
    ),
)

_PAY_FORWARD = (
    _p(
        "fifteen-minutes-for-someone",
        "pay-forward",
        "Spend 15 minutes today on someone else's goal from /goal list: read their draft, "
        "test their project or answer their question.",
        "Consacre 15 minutes aujourd'hui à l'objectif de quelqu'un d'autre (vois /goal list) : "
        "relis son brouillon, teste son projet ou réponds à sa question.",
    ),
    _p(
        "ask-about-their-goal",
        "pay-forward",
        "Ask one person what they are aiming for this month, then offer one concrete way "
        "you could help.",
        "Demande à une personne ce qu'elle vise ce mois-ci, puis propose-lui une façon "
        "concrète de l'aider.",
    ),
    _p(
        "share-their-work",
        "pay-forward",
        "Share someone else's work with people who would benefit from it, and add one "
        "sentence on why it is worth their time.",
        "Fais découvrir le travail de quelqu'un d'autre à des gens à qui il sera utile, en "
        "ajoutant une phrase sur ce qui le rend précieux.",
    ),
    _p(
        "make-an-intro",
        "pay-forward",
        "Introduce two people who should know each other, and explain in one sentence why "
        "you thought of them.",
        "Présente l'une à l'autre deux personnes qui gagneraient à se connaître, et explique "
        "en une phrase pourquoi tu as pensé à elles.",
    ),
    _p(
        "answer-an-open-question",
        "pay-forward",
        "Find a question in the community that nobody has answered yet, and spend 15 "
        "minutes writing a useful reply.",
        "Trouve une question restée sans réponse dans la communauté, et prends 15 minutes "
        "pour y répondre utilement.",
    ),
    _p(
        "their-goal-first",
        "pay-forward",
        "Before you start on your own to-do list today, pick a goal in /goal list and give 15 "
        "minutes to helping its owner move one step forward.",
        "Avant d'attaquer ta propre liste aujourd'hui, choisis un objectif dans /goal list et "
        "offre 15 minutes pour aider la personne à avancer d'un pas.",
    ),
    _p(
        "offer-a-skill",
        "pay-forward",
        "Name one skill of yours that could help people here, and offer 15 minutes of it to "
        "the first person who asks.",
        "Identifie une de tes compétences qui pourrait servir ici, et offres-en 15 minutes à "
        "la première personne qui te le demande.",
    ),
    _p(
        "first-feedback",
        "pay-forward",
        "Be the first to try, read or comment on something a member just launched. Early "
        "feedback counts the most.",
        "Sois la première personne à essayer, lire ou commenter ce qu'un membre vient de "
        "lancer. Les premiers retours sont ceux qui comptent le plus.",
    ),
)

_LEARNING = (
    _p(
        "share-a-til",
        "learning",
        "Share one thing you learned this week in two or three lines, so someone else can "
        "learn it in a minute.",
        "Partage une chose que tu as apprise cette semaine, en deux ou trois lignes, pour "
        "que quelqu'un d'autre l'apprenne en une minute.",
    ),
    _p(
        "share-a-mistake",
        "learning",
        "Tell the community about a mistake you made recently and what it taught you.",
        "Raconte à la communauté une erreur que tu as faite récemment, et ce qu'elle t'a appris.",
    ),
    _p(
        "share-a-resource",
        "learning",
        "Post the most useful article, video or tool you found lately, with one sentence on "
        "who it is for.",
        "Publie la ressource la plus utile que tu aies trouvée récemment (article, vidéo, "
        "outil) et dis en une phrase à qui elle servira.",
    ),
    _p(
        "ask-for-a-lesson",
        "learning",
        "Pick a topic you know little about and ask someone who knows it well to explain "
        "it. Then thank them for the lesson.",
        "Choisis un sujet que tu connais mal et demande à une personne qui s'y connaît de "
        "te l'expliquer. Puis remercie-la pour la leçon.",
    ),
    _p(
        "teach-in-five-lines",
        "learning",
        "Pick something you know well and explain it in five short lines for someone who "
        "is just starting out.",
        "Choisis un sujet que tu maîtrises et explique-le en cinq lignes courtes pour "
        "quelqu'un qui débute.",
    ),
    _p(
        "learned-from-a-member",
        "learning",
        "Name one thing you learned from another member this month, and let them know it "
        "stayed with you.",
        "Cite une chose que tu as apprise grâce à un autre membre ce mois-ci, et fais-lui "
        "savoir que tu ne l'as pas oubliée.",
    ),
    _p(
        "ask-in-public",
        "learning",
        "Ask the community one question about something you are trying to learn. Asking in "
        "public helps the next person too.",
        "Pose à la communauté une question sur ce que tu essaies d'apprendre. Demander en "
        "public aide aussi la prochaine personne qui se la posera.",
    ),
    _p(
        "key-idea-credited",
        "learning",
        "Read something a member wrote and share the main idea you took from it, crediting "
        "them by name.",
        "Lis un texte écrit par un membre et partage l'idée principale que tu en retiens, en "
        "citant son nom.",
    ),
)

_UNSTUCK = (
    _p(
        "help-someone-stuck",
        "unstuck",
        "Look for someone who said they are stuck, and offer 15 minutes to think it through "
        "together.",
        "Cherche quelqu'un qui a dit être bloqué, et propose-lui 15 minutes pour réfléchir "
        "ensemble.",
    ),
    _p(
        "answer-a-help-request",
        "unstuck",
        "Find a request for help that got no reply. Even a partial answer or a good question "
        "can get someone moving again.",
        "Trouve une demande d'aide restée sans réponse. Même une piste partielle ou une "
        "bonne question peut aider quelqu'un à repartir.",
    ),
    _p(
        "sounding-board",
        "unstuck",
        "Offer to be someone's sounding board: let them explain their problem out loud, and "
        "mostly listen.",
        "Propose à quelqu'un de réfléchir à voix haute avec toi : demande-lui d'expliquer "
        "son problème, et contente-toi surtout d'écouter.",
    ),
    _p(
        "how-i-got-unstuck",
        "unstuck",
        "Describe a time you were stuck and what got you moving again. Someone reading it "
        "may be stuck right now.",
        "Raconte un blocage que tu as vécu et ce qui t'a permis d'avancer à nouveau. "
        "Quelqu'un qui te lit en est peut-être là en ce moment.",
    ),
    _p(
        "check-on-a-request",
        "unstuck",
        "Check in on a member who went quiet after asking for help, and ask whether things "
        "got moving.",
        "Prends des nouvelles d'un membre qui s'est fait discret après avoir demandé de "
        "l'aide, et demande-lui si la situation s'est débloquée.",
    ),
    _p(
        "one-small-step",
        "unstuck",
        "Help someone who feels stuck find one small step they can take today, rather than "
        "the whole solution.",
        "Aide une personne qui se sent bloquée à trouver un petit pas à faire aujourd'hui, "
        "plutôt que la solution complète.",
    ),
    _p(
        "pair-on-a-problem",
        "unstuck",
        "Offer a short call or chat to someone wrestling with a problem you have already solved.",
        "Propose un court appel ou un échange écrit à quelqu'un qui se débat avec un "
        "problème que tu as déjà résolu.",
    ),
    _p(
        "stuck-is-normal",
        "unstuck",
        "Remind someone who is struggling that being stuck is part of the work, and point "
        "to something they already solved.",
        "Rappelle à une personne en difficulté que les blocages font partie du chemin, et "
        "cite-lui une chose qu'elle a déjà su résoudre.",
    ),
)

# The ten reasons community matters, in the order of the founding text.
_REASONS = (
    _p(
        "reason-friendship",
        "reasons",
        "Friendship comes first. Ask one member how they are really doing, and take the time "
        "to read the answer.",
        "L'amitié passe avant tout. Demande à un membre comment ça va vraiment de son côté, "
        "et prends le temps de lire sa réponse.",
    ),
    _p(
        "reason-outlast-platforms",
        "reasons",
        "Relationships outlast platforms. Swap another way to stay in touch with someone "
        "who matters to you, in case this place ever goes away.",
        "Les liens durent plus longtemps que les plateformes. Échange un autre moyen de "
        "contact avec une personne qui compte pour toi, au cas où cet endroit disparaîtrait.",
    ),
    _p(
        "reason-emulation",
        "reasons",
        "Healthy emulation moves us forward. Tell someone whose work inspires you what you "
        "plan to try because of it.",
        "Une saine émulation nous fait progresser. Dis à une personne dont le travail "
        "t'inspire ce que tu comptes essayer grâce à elle.",
    ),
    _p(
        "reason-reality-check",
        "reasons",
        "An honest opinion is a gift. Ask someone you trust for frank feedback on one thing "
        "you are working on, and thank them for it.",
        "Un avis honnête est un cadeau. Demande à une personne de confiance ce qu'elle pense "
        "franchement d'un de tes projets, et remercie-la de sa franchise.",
    ),
    _p(
        "reason-courage",
        "reasons",
        "Community gives us the nerve to take risks. Share a bold idea you have been keeping "
        "to yourself, and ask for help shaping it.",
        "La communauté donne le courage de prendre des risques. Partage une idée audacieuse "
        "que tu gardes pour toi, et demande de l'aide pour la façonner.",
    ),
    _p(
        "reason-unstuck",
        "reasons",
        "Nobody should stay stuck alone. If something is blocking you, ask for help today; "
        "if not, answer someone who did.",
        "Personne ne devrait rester bloqué dans son coin. Si quelque chose te freine, "
        "demande de l'aide aujourd'hui ; sinon, réponds à quelqu'un qui l'a fait.",
    ),
    _p(
        "reason-learning",
        "reasons",
        "Nobody becomes an expert alone. Post one question and one tip today, so you learn "
        "and teach at once.",
        "Personne ne devient expert tout seul. Publie aujourd'hui une question et une "
        "astuce : tu apprendras et tu transmettras à la fois.",
    ),
    _p(
        "reason-innovation",
        "reasons",
        "New ideas often start with a simple conversation. Start one today about a problem "
        "you would love to see solved.",
        "Les idées neuves naissent souvent d'une simple conversation. Lances-en une "
        "aujourd'hui sur un problème que tu aimerais voir résolu.",
    ),
    _p(
        "reason-mental-health",
        "reasons",
        "Knowing you are not alone matters. Celebrate a small win with the community, or "
        "cheer on someone else's.",
        "Savoir qu'on n'est pas seul, ça compte. Célèbre une petite victoire avec la "
        "communauté, ou applaudis celle de quelqu'un d'autre.",
    ),
    _p(
        "reason-pay-forward",
        "reasons",
        "Give before you receive. Help one person get closer to their goal today, and "
        "expect nothing back.",
        "Donne avant de recevoir. Aide une personne à se rapprocher de son objectif "
        "aujourd'hui, sans rien attendre en retour.",
    ),
)

BUILTIN_PROMPTS: tuple[Prompt, ...] = (
    *_GRATITUDE,
    *_RECONNECT,
    *_PAY_FORWARD,
    *_LEARNING,
    *_UNSTUCK,
    *_REASONS,
)

# One week, in order: welcome, see who reacts, learn about them, thank those who shared,
# reconnect, give time to someone else's goal, then look back on the week.
CHALLENGE_PROMPTS: tuple[Prompt, ...] = (
    _p(
        "challenge-day-1",
        CHALLENGE_THEME,
        "Welcome to the Roots challenge, and thanks for joining! Today, just look at who "
        "reacted to your recent posts and note their names.",
        "Bienvenue dans le défi Roots, et merci d'en être ! Aujourd'hui, regarde simplement "
        "qui a réagi à tes derniers posts et note leurs noms.",
    ),
    _p(
        "challenge-day-2",
        CHALLENGE_THEME,
        "Pick two or three of the people who react to your posts. Visit their profile or "
        "work and learn what they care about.",
        "Choisis deux ou trois des personnes qui réagissent à tes posts. Va voir leur profil "
        "ou leur travail, et découvre ce qui leur tient à cœur.",
    ),
    _p(
        "challenge-day-3",
        CHALLENGE_THEME,
        "Take 15 minutes to thank the people who shared or passed on your work. Tell each "
        "one what their gesture changed.",
        "Prends 15 minutes pour remercier les personnes qui ont partagé ou relayé ton "
        "travail. Dis à chacune ce que son geste a changé.",
    ),
    _p(
        "challenge-day-4",
        CHALLENGE_THEME,
        "Spend 15 minutes saying hello to someone you lost touch with. A short, warm message "
        "is plenty.",
        "Passe 15 minutes à dire bonjour à quelqu'un que tu as perdu de vue. Un message "
        "court et chaleureux suffit.",
    ),
    _p(
        "challenge-day-5",
        CHALLENGE_THEME,
        "Give 15 minutes to someone else's goal today: pick one in /goal list, help with one "
        "step of it, then record your time with /goal help.",
        "Consacre 15 minutes aujourd'hui à l'objectif de quelqu'un d'autre : choisis-en un "
        "dans /goal list, donne un coup de main sur une étape, puis note ton temps avec "
        "/goal help.",
    ),
    _p(
        "challenge-day-6",
        CHALLENGE_THEME,
        "Go back to the people you discovered this week. Thank one of them, and spend 15 "
        "minutes helping another move forward on a goal from /goal list.",
        "Reviens vers les personnes découvertes cette semaine. Remercie l'une d'elles, et "
        "passe 15 minutes à aider une autre personne à avancer sur un objectif de /goal list.",
    ),
    _p(
        "challenge-day-7",
        CHALLENGE_THEME,
        "Last day: looking back, who did you thank, find again or help this week? Share one "
        "moment you want to keep, and keep the habit going.",
        "Dernier jour : en repensant à ta semaine, qui as-tu remercié, retrouvé ou aidé ? "
        "Partage un moment que tu retiens, et garde cette habitude.",
    ),
)

_BY_ID: dict[str, Prompt] = {p.id: p for p in (*BUILTIN_PROMPTS, *CHALLENGE_PROMPTS)}


def builtin_by_id(prompt_id: str) -> Prompt | None:
    """The built-in or challenge prompt with this id, or None."""
    return _BY_ID.get(prompt_id)
