"""Names and descriptions for the slash commands and menus in French, Spanish and German
(sent by `sync`; Spanish and German are in adapters/discord/i18n_es_de.py).

Discord shows each member the commands in their client's language; anything
missing here stays in English. Public replies follow the community's locale, private ones
the member's (/roots language; on auto, their client's locale; see the core).
"""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.i18n_es_de import GERMAN, SPANISH

FRENCH: dict[str, str] = {
    # context menus
    "Give kudos": "Donner des kudos",
    "Thank for this message": "Remercier pour ce message",
    # /kudos
    "Thank up to 5 members, with a reason": "Remercie jusqu'à 5 membres, avec une raison",
    "who you thank": "qui tu remercies",
    "what for": "pour quoi",
    "someone else to thank": "une autre personne à remercier",
    "a role: thank all its members at once": "un rôle : remercier tous ses membres d'un coup",
    "Take back your last kudos (5 minutes)": "Annule tes derniers kudos (5 minutes)",
    "(admins) Cancel any kudos": "(admins) Annule des kudos",
    "the number shown under the kudos": "le numéro affiché sous les kudos",
    # /leaderboard, /help, /roots
    "Who gives and who receives kudos": "Qui donne et qui reçoit des kudos",
    "both boards when left out": "les deux classements si vide",
    "this week by default": "cette semaine par défaut",
    "givers": "donneurs",
    "receivers": "receveurs",
    "this week": "cette semaine",
    "this month": "ce mois-ci",
    "this season": "cette saison",
    "What Roots can do": "Ce que Roots sait faire",
    "Who helped you most, and whom to thank back": "Qui t'a le plus aidé, et qui remercier",
    "whose roots (yours when left out)": "les racines de qui (les tiennes si vide)",
    "Receive no kudos, leave leaderboards": "Ne plus recevoir de kudos ni apparaître",
    "Receive kudos again": "Recevoir à nouveau des kudos",
    # thank-you detection (issue 15)
    "Whether Roots asks you to keep your thank-yous as kudos": (
        "Si Roots te propose de garder tes remerciements comme kudos"
    ),
    "on: ask me privately; off: never ask me": (
        "on : me demander en privé ; off : ne jamais demander"
    ),
    "Notice thank-yous in messages, ask the thanker": (
        "Repérer les remerciements et demander à leur auteur"
    ),
    "on: offer plain thank-yous as kudos, privately; off: never": (
        "on : proposer les remerciements comme kudos, en privé ; off : jamais"
    ),
    # ---- reconnect (issue 16)
    "People you thanked who went quiet: say hello again": (
        "Des gens remerciés perdus de vue : redire bonjour"
    ),
    "A private weekly nudge: people to say hello to, memories": (
        "Un rappel privé chaque semaine : bonjours, souvenirs"
    ),
    "on or off": "on ou off",
    "the day of the week (Monday when left out)": "le jour de la semaine (lundi si vide)",
    "local time, HH:MM (10:00 when left out)": "heure locale, HH:MM (10:00 si vide)",
    "Monday": "lundi",
    "Tuesday": "mardi",
    "Wednesday": "mercredi",
    "Thursday": "jeudi",
    "Friday": "vendredi",
    "Saturday": "samedi",
    "Sunday": "dimanche",
    "A private sign-in link to your web dashboard": "Un lien privé vers ton tableau de bord web",
    "sign out: end every dashboard session of yours": "se déconnecter : fermer tes sessions web",
    "sign in": "se connecter",
    "sign out everywhere": "se déconnecter partout",
    # /roots-language (issue 18)
    "The language of Roots' private answers to you": (
        "La langue des réponses privées de Roots pour toi"
    ),
    "auto: your app's language when it says, else this server's": (
        "auto : la langue de ton appli quand elle la donne, sinon celle du serveur"
    ),
    "auto": "auto",
    # /roots-config wallboard (issue 14)
    "A read-only page for a screen in the office": (
        "Une page en lecture seule pour un écran au bureau"
    ),
    "on: a new private link (the old one stops); off: no wallboard": (
        "on : un nouveau lien privé (l'ancien cesse) ; off : pas d'écran"
    ),
    # /roots-config announce (issue 15)
    "Where kudos confirmations are posted": "Où sont publiées les confirmations de kudos",
    "here, in a thread, in a log channel, or privately": (
        "ici, dans un fil, dans un salon de suivi, ou en privé"
    ),
    "the log channel (with: in a log channel)": "le salon de suivi (avec : dans un salon de suivi)",
    "here": "ici",
    "in a thread": "dans un fil",
    "in a log channel": "dans un salon de suivi",
    "privately": "en privé",
    # /roots-config
    "(admins) Roots settings for this server": "(admins) Réglages de Roots pour ce serveur",
    "This server's settings": "Les réglages de ce serveur",
    "Time zone for budgets, weeks and months": "Fuseau horaire des budgets, semaines et mois",
    "an IANA time zone, such as Europe/Paris": "un fuseau IANA, par exemple Europe/Paris",
    "Roots' language here": "La langue de Roots ici",
    "Tone in French and German: tu/du or vous/Sie": (
        "Le ton en français et en allemand : tu/du ou vous/Sie"
    ),
    "informal (tu, du) or formal (vous, Sie); English and Spanish have one": (
        "tutoiement (tu, du) ou vouvoiement (vous, Sie) ; l'anglais et l'espagnol n'en ont qu'un"
    ),
    "informal (tu, du)": "tutoiement (tu, du)",
    "formal (vous, Sie)": "vouvoiement (vous, Sie)",
    "Members one may thank per day": "Membres que l'on peut remercier par jour",
    "Seconds before thanking the same person again": "Secondes avant de remercier à nouveau",
    "The reaction that gives kudos": "La réaction qui donne des kudos",
    "Whether kudos need a reason": "Si les kudos demandent une raison",
    "Show rankings, or thanks without ranking": "Classements, ou merci sans classement",
    "Start a new season (history is kept)": "Nouvelle saison (l'historique reste)",
    "Daily prompts: where and when": "Défis quotidiens : où et quand",
    "Weekly digest: where and when": "Résumé de la semaine : où et quand",
    "Minutes a late prompt may still be posted": "Minutes de retard permises pour un défi",
    "List prompt themes, or include/exclude one": "Thèmes des défis, en inclure ou exclure un",
    "where prompts are posted (overview when left out)": "où publier (aperçu si vide)",
    "on, off, or a time and days such as 09:00 weekdays": (
        "on, off, ou heure et jours : 09:00 semaine"
    ),
    "on, off, or a time and days such as 17:00 fri": "on, off, ou heure et jours : 17:00 ven",
    "the language of Roots' replies here": "la langue des réponses de Roots ici",
    "English": "English",
    "Français": "Français",
    "Español": "Español",
    "Deutsch": "Deutsch",
    "how many members each one may thank per day": (
        "combien de membres chacun peut remercier par jour"
    ),
    "seconds to wait before thanking the same member again": (
        "secondes à attendre avant de remercier à nouveau le même membre"
    ),
    "the emoji members react with to give kudos": "l'emoji de réaction qui donne des kudos",
    "on: kudos need a reason; off: a reason is optional": (
        "on : une raison est demandée ; off : la raison est facultative"
    ),
    "on: show rankings; off: thanks without ranking": (
        "on : afficher les classements ; off : merci sans classement"
    ),
    "on": "on (activé)",
    "off": "off (désactivé)",
    "where the digest is posted (overview when left out)": "où publier le résumé (aperçu si vide)",
    "how many minutes late a prompt may still be posted": (
        "combien de minutes de retard un défi peut encore être publié"
    ),
    "exclude or include a theme (the list when left out)": (
        "exclure ou inclure un thème (la liste si vide)"
    ),
    "exclude": "exclure",
    "include": "inclure",
    "the theme to exclude or include": "le thème à exclure ou inclure",
    # /prompt, /prompt-admin, /done
    "Daily pay-it-forward prompts": "Défis quotidiens pour faire suivre",
    "Today's prompt": "Le défi du jour",
    "Suggest a prompt to the admins": "Propose un défi aux admins",
    "The prompt themes": "Les thèmes des défis",
    "(admins) Manage daily prompts": "(admins) Gère les défis quotidiens",
    "Post a prompt now": "Publie un défi maintenant",
    "Add a prompt to this server's rotation": "Ajoute un défi à ce serveur",
    "This server's own prompts": "Les défis propres à ce serveur",
    "Suggestions waiting for a decision": "Les propositions en attente",
    "Approve a suggested prompt": "Approuve une proposition",
    "Reject a suggested prompt": "Refuse une proposition",
    "Remove one of this server's prompts": "Retire un défi de ce serveur",
    "Reject suggestions: a number, several, or a member's": (
        "Refuse des propositions : un numéro, plusieurs, ou celles d'un membre"
    ),
    "the schedule's channel (this one when left out)": "le salon du planning (celui-ci si vide)",
    "the prompt, as members read it": "le défi, tel que les membres le liront",
    "where to post (this channel when left out)": "où publier (ce salon si vide)",
    "the suggestion's number": "le numéro de la proposition",
    "more numbers, separated by spaces": "d'autres numéros, séparés par des espaces",
    "reject all of this member's waiting suggestions": (
        "refuser toutes les propositions en attente de ce membre"
    ),
    "the prompt's number": "le numéro du défi",
    "Check in: you did today's prompt": "Tu as relevé le défi du jour",
    "whom you helped or thanked": "qui tu as aidé ou remercié",
    "a word about it": "un mot à ce sujet",
    # /challenge
    "The gratitude challenge": "Le défi de gratitude",
    "Join the challenge": "Rejoindre le défi",
    "Leave the challenge": "Quitter le défi",
    "How the challenge is going": "Où en est le défi",
    "(admins) Run the gratitude challenge": "(admins) Lance le défi de gratitude",
    "Start a challenge": "Lance un défi",
    "where it runs": "où il a lieu",
    "start date, YYYY-MM-DD": "date de début, AAAA-MM-JJ",
    # /goal, /goal-admin (issue 16)
    "Goals others can give time to": "Des objectifs auxquels les autres donnent du temps",
    "The community's open goals": "Les objectifs en cours de la communauté",
    "Set your goal (one at a time)": "Fixe ton objectif (un à la fois)",
    "your goal, as others will read it": "ton objectif, tel que les autres le liront",
    "Record time you gave to someone's goal": "Note le temps donné à l'objectif de quelqu'un",
    "whose goal you gave time to": "à l'objectif de qui tu as donné du temps",
    "how many minutes (15 when left out)": "combien de minutes (15 si vide)",
    "what you did, for them only": "ce que tu as fait, pour cette personne seulement",
    "Close your goal and thank who helped": "Clôture ton objectif et remercie qui a aidé",
    "Withdraw your goal": "Retire ton objectif",
    "(admins) Moderate members' goals": "(admins) Modère les objectifs des membres",
    "(admins) Remove a member's goal": "(admins) Retire l'objectif d'un membre",
    "whose goal to remove": "l'objectif de qui retirer",
    # /roots-admin
    "(admins) Roots data tools for this server": "(admins) Outils de données de Roots ici",
    "Erase a member's personal data in this server": (
        "Efface les données personnelles d'un membre sur ce serveur"
    ),
    "whose data to erase": "les données de qui effacer",
    "True to erase now; otherwise Roots only says what would be erased": (
        "True pour effacer maintenant ; sinon Roots dit seulement ce qui serait effacé"
    ),
}


# Every Discord locale among Roots' languages (Discord has two Spanish ones).
BY_LOCALE: dict[discord.Locale, dict[str, str]] = {
    discord.Locale.french: FRENCH,
    discord.Locale.spain_spanish: SPANISH,
    discord.Locale.latin_american_spanish: SPANISH,
    discord.Locale.german: GERMAN,
}


class RootsTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        table = BY_LOCALE.get(locale)
        return None if table is None else table.get(string.message)
