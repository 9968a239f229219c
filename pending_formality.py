"""Messages added by the formality helper (issue 18, item 5): /roots-config formality.

The formal texts (vous, Sie) of every French and German message that addresses the reader
are not here: they are in the variant catalogs, bot/messages/locale/{fr,de}@formal/.
"""

EN = {
    "config.formality_formal": (
        "Saved: in French and German, Roots now addresses members formally (vous, Sie)."
    ),
    "config.formality_informal": (
        "Saved: in French and German, Roots now addresses members informally (tu, du)."
    ),
    "config.formality_no_effect": (
        "English and Spanish have one form of address, so Roots' replies here stay as they"
        " are; the tone applies when this community's language is French or German"
        " (/roots-config locale)."
    ),
    "config.bad_formality": (
        "“{value}” isn't a tone I know. Choose informal (tu, du) or formal (vous, Sie)."
    ),
    "config.name.formality": "Tone (French, German)",
    "formality.informal": "informal (tu, du)",
    "formality.formal": "formal (vous, Sie)",
    "help.config_formality": (
        "/roots-config formality informal|formal: (admins) how Roots addresses members in"
        " French and German: tu/du or vous/Sie (English and Spanish have one form)"
    ),
    "console.private_you": "roots (only you see this)",
    "console.private": "roots (only {name} sees this)",
}

FR = {
    "config.formality_formal": (
        "Enregistré : en français et en allemand, Roots vouvoie désormais les membres (vous, Sie)."
    ),
    "config.formality_informal": (
        "Enregistré : en français et en allemand, Roots tutoie désormais les membres (tu, du)."
    ),
    "config.formality_no_effect": (
        "L'anglais et l'espagnol n'ont qu'une forme d'adresse : les réponses de Roots ici ne"
        " changent donc pas ; le ton s'applique quand la langue de cette communauté est le"
        " français ou l'allemand (/roots-config locale)."
    ),
    "config.bad_formality": (
        "Je ne connais pas le ton « {value} ». Choisis informal (tu, du) ou formal (vous, Sie)."
    ),
    "config.name.formality": "Ton (français, allemand)",
    "formality.informal": "tutoiement (tu, du)",
    "formality.formal": "vouvoiement (vous, Sie)",
    "help.config_formality": (
        "/roots-config formality informal|formal : (admins) comment Roots s'adresse aux"
        " membres en français et en allemand : tu/du ou vous/Sie (l'anglais et l'espagnol"
        " n'ont qu'une forme)"
    ),
    "console.private_you": "roots (visible par toi seulement)",
    "console.private": "roots (visible par {name} seulement)",
}

ES = {
    "config.formality_formal": (
        "Guardado: en francés y en alemán, Roots ahora usa el trato formal con los"
        " miembros (vous, Sie)."
    ),
    "config.formality_informal": (
        "Guardado: en francés y en alemán, Roots ahora tutea a los miembros (tu, du)."
    ),
    "config.formality_no_effect": (
        "El inglés y el español tienen aquí una sola forma de trato, así que las respuestas"
        " de Roots no cambian; el tono se aplica cuando el idioma de esta comunidad es el"
        " francés o el alemán (/roots-config locale)."
    ),
    "config.bad_formality": (
        "No conozco el tono «{value}». Elige informal (tu, du) o formal (vous, Sie)."
    ),
    "config.name.formality": "Tono (francés, alemán)",
    "formality.informal": "tuteo (tu, du)",
    "formality.formal": "trato formal (vous, Sie)",
    "help.config_formality": (
        "/roots-config formality informal|formal: (admins) cómo se dirige Roots a los"
        " miembros en francés y en alemán: tu/du o vous/Sie (el inglés y el español tienen"
        " una sola forma)"
    ),
    "console.private_you": "roots (solo tú lo ves)",
    "console.private": "roots (solo {name} lo ve)",
}

DE = {
    "config.formality_formal": (
        "Gespeichert: Auf Französisch und Deutsch siezt Roots die Mitglieder jetzt (Sie, vous)."
    ),
    "config.formality_informal": (
        "Gespeichert: Auf Französisch und Deutsch duzt Roots die Mitglieder jetzt (du, tu)."
    ),
    "config.formality_no_effect": (
        "Englisch und Spanisch haben nur eine Anredeform, deshalb bleiben die Antworten von"
        " Roots hier, wie sie sind; die Anrede gilt, wenn die Sprache dieser Community"
        " Französisch oder Deutsch ist (/roots-config locale)."
    ),
    "config.bad_formality": (
        "Die Anrede „{value}“ kenne ich nicht. Wähle informal (du, tu) oder formal (Sie, vous)."
    ),
    "config.name.formality": "Anrede (Französisch, Deutsch)",
    "formality.informal": "informell (du, tu)",
    "formality.formal": "förmlich (Sie, vous)",
    "help.config_formality": (
        "/roots-config formality informal|formal: (Admins) wie Roots die Mitglieder auf"
        " Französisch und Deutsch anspricht: informell (du, tu) oder förmlich (Sie, vous);"
        " Englisch und Spanisch haben nur eine Form"
    ),
    "console.private_you": "roots (nur du siehst das)",
    "console.private": "roots (nur {name} sieht das)",
}
