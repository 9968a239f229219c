"""The built-in prompts and the seven challenge days in Spanish and German, by prompt id.

:mod:`bot.builtin_prompts` merges them into each :class:`~bot.builtin_prompts.Prompt`'s
``text`` at import. Spanish uses "tú" and avoids adjectives that would have to agree
with the reader's gender; German uses "du". Both keep the English meaning and its
warmth rather than its words.
"""

from __future__ import annotations

ES: dict[str, str] = {
    # ------------------------------------------------------------ gratitude
    "thank-reactors": (
        "Mira quién reaccionó a tu última publicación o mensaje. Elige a una persona y "
        "dale las gracias, por su nombre, por el tiempo que te dedicó."
    ),
    "thank-sharer": (
        "Busca a alguien que haya compartido o recomendado tu trabajo hace poco y cuéntale "
        "lo que significó para ti."
    ),
    "first-supporters": (
        "Piensa en las primeras personas que te echaron una mano aquí. Escríbele unas "
        "líneas a una de ellas para decirle que no lo has olvidado."
    ),
    "learn-about-reactors": (
        "Elige a dos o tres personas que suelen reaccionar a lo que publicas y echa un "
        "vistazo a su perfil o a sus últimos trabajos. Quédate con una cosa de cada una."
    ),
    "thank-quiet-supporter": (
        "Alguien te apoya sin hacer ruido: una reacción por aquí, una lectura por allá. "
        "Fíjate hoy en esa persona y dale las gracias, en público o en privado."
    ),
    "thank-specifically": (
        "Da las gracias a alguien por algo concreto que hizo, en lugar de un «gracias por "
        "todo». Los detalles le muestran que de verdad te diste cuenta."
    ),
    "kudos-for-the-week": (
        "Dale kudos a una persona cuya ayuda te hizo la semana más fácil, y cuenta en una "
        "línea lo que hizo."
    ),
    "thank-a-reviewer": (
        "Da las gracias a alguien que leyó tu trabajo y te dio su opinión, aunque no fuera "
        "fácil de escuchar."
    ),
    # ------------------------------------------------------------ reconnect
    "hello-long-lost": (
        "Saluda a alguien con quien no hablas desde hace meses. No hace falta una excusa: "
        "pregúntale sin más qué tal le va."
    ),
    "scroll-back": (
        "Repasa tus conversaciones antiguas y elige a una persona a la que echas de menos. "
        "Escríbele hoy."
    ),
    "old-collaborator": (
        "Escribe a alguien con quien trabajaste o aprendiste hace tiempo y pregúntale a qué "
        "dedica su tiempo estos días."
    ),
    "shared-memory": (
        "Recuérdale a alguien un recuerdo en común, como un proyecto, un evento o una "
        "broma, y pregúntale qué ha cambiado desde entonces."
    ),
    "reconnect-congrats": (
        "Piensa en alguien con quien perdiste el contacto, mira lo que ha hecho últimamente "
        "y encuentra algo por lo que darle la enhorabuena."
    ),
    "find-them-elsewhere": (
        "Piensa en una persona que conociste en una plataforma o un grupo que ya dejaste. "
        "Búscala donde esté ahora y salúdala."
    ),
    "no-reply-needed": (
        "Escribe a alguien a quien ya casi no ves y dile que no hace falta que conteste. "
        "Con unas palabras amables basta."
    ),
    "update-an-old-helper": (
        "Cuéntale cómo te va a alguien que te echó una mano hace mucho, y dile hasta dónde "
        "te ha llevado su ayuda."
    ),
    # ------------------------------------------------------------ pay it forward
    "fifteen-minutes-for-someone": (
        "Dedica hoy 15 minutos al objetivo de otra persona: lee su borrador, prueba su "
        "proyecto o responde a su pregunta."
    ),
    "ask-about-their-goal": (
        "Pregúntale a alguien qué se ha propuesto este mes y ofrécele una forma concreta "
        "en la que podrías ayudar."
    ),
    "share-their-work": (
        "Comparte el trabajo de otra persona con gente a la que le pueda servir, y añade una "
        "frase sobre por qué merece la pena."
    ),
    "make-an-intro": (
        "Presenta a dos personas que deberían conocerse y explica en una frase por qué "
        "pensaste en ellas."
    ),
    "answer-an-open-question": (
        "Busca en la comunidad una pregunta que nadie haya respondido todavía y dedica "
        "15 minutos a escribir una respuesta útil."
    ),
    "their-goal-first": (
        "Antes de ponerte hoy con tu propia lista de tareas, dedica 15 minutos a ayudar a "
        "otra persona a dar un paso más."
    ),
    "offer-a-skill": (
        "Piensa en una habilidad tuya que pueda servir a la gente de aquí, y ofrécele "
        "15 minutos de ella a la primera persona que te lo pida."
    ),
    "first-feedback": (
        "Sé la primera persona en probar, leer o comentar algo que otro miembro acaba de "
        "lanzar. Las primeras opiniones son las que más cuentan."
    ),
    # ------------------------------------------------------------ learning
    "share-a-til": (
        "Comparte algo que hayas aprendido esta semana en dos o tres líneas, para que otra "
        "persona pueda aprenderlo en un minuto."
    ),
    "share-a-mistake": (
        "Cuéntale a la comunidad un error que cometiste hace poco y lo que aprendiste de él."
    ),
    "share-a-resource": (
        "Publica el artículo, vídeo o herramienta más útil que hayas encontrado "
        "últimamente, con una frase sobre a quién le puede servir."
    ),
    "ask-for-a-lesson": (
        "Elige un tema del que sepas poco y pídele a alguien que lo domine que te lo "
        "explique. Después, dale las gracias por la lección."
    ),
    "teach-in-five-lines": (
        "Elige algo que conozcas bien y explícalo en cinco líneas cortas para alguien que "
        "está empezando."
    ),
    "learned-from-a-member": (
        "Piensa en algo que hayas aprendido de otro miembro este mes y hazle saber que se "
        "te ha quedado grabado."
    ),
    "ask-in-public": (
        "Hazle a la comunidad una pregunta sobre algo que estés intentando aprender. "
        "Preguntar en público también ayuda a quien venga después."
    ),
    "key-idea-credited": (
        "Lee algo que haya escrito un miembro y comparte la idea principal con la que te "
        "quedas, citando su nombre."
    ),
    # ------------------------------------------------------------ unstuck
    "help-someone-stuck": (
        "Busca a alguien que haya dicho que está atascado y ofrécele 15 minutos para "
        "pensarlo juntos."
    ),
    "answer-a-help-request": (
        "Busca una petición de ayuda que se haya quedado sin respuesta. Incluso una pista "
        "a medias o una buena pregunta puede ayudar a alguien a ponerse en marcha de nuevo."
    ),
    "sounding-board": (
        "Ofrécete a escuchar a alguien: deja que te explique su problema en voz alta y, "
        "sobre todo, escucha."
    ),
    "how-i-got-unstuck": (
        "Cuenta una vez en la que no sabías cómo seguir y qué te ayudó a salir adelante. "
        "Quizá alguien que te lea esté justo ahí ahora mismo."
    ),
    "check-on-a-request": (
        "Interésate por un miembro que pidió ayuda y luego no volvió a decir nada, y "
        "pregúntale si la cosa se ha desatascado."
    ),
    "one-small-step": (
        "Ayuda a alguien que se siente en un callejón sin salida a encontrar un pequeño paso "
        "que pueda dar hoy, en lugar de la solución completa."
    ),
    "pair-on-a-problem": (
        "Ofrece una llamada corta o un rato de chat a alguien que está peleándose con un "
        "problema que tú ya resolviste."
    ),
    "stuck-is-normal": (
        "Recuérdale a alguien que lo está pasando mal que atascarse forma parte del "
        "trabajo, y menciona algo que ya supo resolver."
    ),
    # ------------------------------------------------------------ the ten reasons
    "reason-friendship": (
        "La amistad va primero. Pregúntale a un miembro cómo está de verdad, y tómate el "
        "tiempo de leer su respuesta."
    ),
    "reason-outlast-platforms": (
        "Las relaciones duran más que las plataformas. Intercambia otra forma de contacto "
        "con alguien que te importa, por si este sitio desaparece algún día."
    ),
    "reason-emulation": (
        "Una sana emulación nos hace avanzar. Dile a alguien cuyo trabajo te inspira qué "
        "vas a intentar gracias a esa persona."
    ),
    "reason-reality-check": (
        "Una opinión sincera es un regalo. Pídele a alguien de confianza que te diga con "
        "franqueza qué piensa de algo en lo que estás trabajando, y agradéceselo."
    ),
    "reason-courage": (
        "La comunidad nos da valor para arriesgarnos. Comparte una idea atrevida que te "
        "estés guardando y pide ayuda para darle forma."
    ),
    "reason-unstuck": (
        "Nadie debería quedarse atascado a solas. Si algo te frena, pide ayuda hoy; si no, "
        "responde a alguien que la haya pedido."
    ),
    "reason-learning": (
        "Nadie se hace experto en solitario. Publica hoy una pregunta y un consejo: así "
        "aprendes y enseñas a la vez."
    ),
    "reason-innovation": (
        "Las ideas nuevas suelen nacer de una simple conversación. Empieza hoy una sobre un "
        "problema que te encantaría ver resuelto."
    ),
    "reason-mental-health": (
        "Saber que no estamos solos importa. Celebra un pequeño logro con la comunidad o "
        "aplaude el de otra persona."
    ),
    "reason-pay-forward": (
        "Da antes de recibir. Ayuda hoy a una persona a acercarse a su objetivo, sin "
        "esperar nada a cambio."
    ),
    # ------------------------------------------------------------ the 7-day challenge
    "challenge-day-1": (
        "¡Te damos la bienvenida al reto Roots, y gracias por apuntarte! Hoy, simplemente "
        "mira quién reaccionó a tus últimas publicaciones y apunta sus nombres."
    ),
    "challenge-day-2": (
        "Elige a dos o tres de las personas que reaccionan a tus publicaciones. Visita su "
        "perfil o su trabajo y descubre qué les importa."
    ),
    "challenge-day-3": (
        "Dedica 15 minutos a dar las gracias a quienes compartieron o difundieron tu "
        "trabajo. Cuéntale a cada persona qué cambió su gesto."
    ),
    "challenge-day-4": (
        "Dedica 15 minutos a saludar a alguien con quien perdiste el contacto. Basta con un "
        "mensaje corto y cariñoso."
    ),
    "challenge-day-5": (
        "Dedica hoy 15 minutos al objetivo de otra persona: pregúntale qué se ha propuesto "
        "y échale una mano con uno de los pasos."
    ),
    "challenge-day-6": (
        "Vuelve a las personas que has descubierto esta semana. Dale las gracias a una de "
        "ellas y dedica 15 minutos a ayudar a otra a avanzar."
    ),
    "challenge-day-7": (
        "Último día: mirando atrás, ¿a quién le diste las gracias, con quién retomaste el "
        "contacto o a quién ayudaste esta semana? Comparte un momento que quieras guardar, "
        "y que el hábito siga."
    ),
}

DE: dict[str, str] = {
    # ------------------------------------------------------------ gratitude
    "thank-reactors": (
        "Schau, wer auf deinen letzten Beitrag oder deine letzte Nachricht reagiert hat. "
        "Such dir eine Person aus und bedank dich namentlich dafür, dass sie sich die Zeit "
        "genommen hat."
    ),
    "thank-sharer": (
        "Such jemanden, der deine Arbeit kürzlich geteilt oder empfohlen hat, und erzähl "
        "ihm oder ihr, was dir das bedeutet hat."
    ),
    "first-supporters": (
        "Denk an die ersten Menschen, die dir hier unter die Arme gegriffen haben. Schreib "
        "einem von ihnen ein paar Zeilen, um zu sagen, dass du es nicht vergessen hast."
    ),
    "learn-about-reactors": (
        "Such dir zwei oder drei Personen aus, die oft auf deine Beiträge reagieren, und "
        "schau dir ihr Profil oder ihre letzten Arbeiten an. Merk dir über jede eine Sache."
    ),
    "thank-quiet-supporter": (
        "Jemand unterstützt dich ganz leise: hier eine Reaktion, dort ein gelesener "
        "Beitrag. Nimm diese Person heute wahr und bedank dich, öffentlich oder privat."
    ),
    "thank-specifically": (
        "Bedank dich bei jemandem für eine ganz bestimmte Sache statt mit einem "
        "allgemeinen „Danke für alles“. An den Details merkt man, dass du wirklich "
        "hingeschaut hast."
    ),
    "kudos-for-the-week": (
        "Gib Kudos an eine Person, deren Hilfe dir die Woche leichter gemacht hat, und "
        "sag in einer Zeile, was sie getan hat."
    ),
    "thank-a-reviewer": (
        "Bedank dich bei jemandem, der deine Arbeit gelesen und dir Feedback gegeben hat, "
        "auch wenn es nicht leicht zu hören war."
    ),
    # ------------------------------------------------------------ reconnect
    "hello-long-lost": (
        "Sag Hallo zu jemandem, mit dem du seit Monaten nicht gesprochen hast. Du brauchst "
        "keinen Anlass: Frag einfach, wie es so läuft."
    ),
    "scroll-back": (
        "Scroll durch deine alten Unterhaltungen und such dir eine Person aus, die dir "
        "fehlt. Schreib ihr heute eine Nachricht."
    ),
    "old-collaborator": (
        "Schreib jemandem, mit dem du früher zusammengearbeitet oder gelernt hast, und frag, "
        "was ihn oder sie gerade beschäftigt."
    ),
    "shared-memory": (
        "Erinnere jemanden an etwas, das ihr gemeinsam erlebt habt, etwa ein Projekt, ein "
        "Treffen oder einen Witz, und frag, was sich seitdem verändert hat."
    ),
    "reconnect-congrats": (
        "Denk an jemanden, den du aus den Augen verloren hast, schau, was diese Person in "
        "letzter Zeit gemacht hat, und finde etwas, wozu du ihr gratulieren kannst."
    ),
    "find-them-elsewhere": (
        "Denk an eine Person, die du auf einer Plattform oder in einer Gruppe kennengelernt "
        "hast, die du längst verlassen hast. Such sie dort, wo sie heute ist, und sag Hallo."
    ),
    "no-reply-needed": (
        "Schreib jemandem, den du kaum noch siehst, und sag dazu, dass keine Antwort nötig "
        "ist. Ein freundliches Wort genügt."
    ),
    "update-an-old-helper": (
        "Erzähl jemandem, der dir vor langer Zeit geholfen hat, wie es dir inzwischen geht "
        "und wie weit dich diese Hilfe gebracht hat."
    ),
    # ------------------------------------------------------------ pay it forward
    "fifteen-minutes-for-someone": (
        "Nimm dir heute 15 Minuten für das Ziel eines anderen Menschen: Lies einen Entwurf, "
        "teste ein Projekt oder beantworte eine Frage."
    ),
    "ask-about-their-goal": (
        "Frag eine Person, was sie sich für diesen Monat vorgenommen hat, und biete ihr eine "
        "konkrete Möglichkeit an, wie du helfen könntest."
    ),
    "share-their-work": (
        "Teile die Arbeit eines anderen Menschen mit Leuten, denen sie nützt, und schreib "
        "einen Satz dazu, warum sie die Zeit wert ist."
    ),
    "make-an-intro": (
        "Stell zwei Menschen einander vor, die sich kennen sollten, und erklär in einem Satz, "
        "warum du an sie gedacht hast."
    ),
    "answer-an-open-question": (
        "Such in der Community eine Frage, die noch niemand beantwortet hat, und nimm dir "
        "15 Minuten für eine hilfreiche Antwort."
    ),
    "their-goal-first": (
        "Bevor du heute deine eigene To-do-Liste angehst, schenk jemand anderem 15 Minuten, "
        "damit er oder sie einen Schritt weiterkommt."
    ),
    "offer-a-skill": (
        "Überleg, welche deiner Fähigkeiten den Leuten hier helfen könnte, und biete der "
        "ersten Person, die fragt, 15 Minuten davon an."
    ),
    "first-feedback": (
        "Sei die erste Person, die etwas ausprobiert, liest oder kommentiert, das ein "
        "Mitglied gerade gestartet hat. Frühes Feedback zählt am meisten."
    ),
    # ------------------------------------------------------------ learning
    "share-a-til": (
        "Teile in zwei, drei Zeilen etwas, das du diese Woche gelernt hast, damit jemand "
        "anderes es in einer Minute lernen kann."
    ),
    "share-a-mistake": (
        "Erzähl der Community von einem Fehler, den du kürzlich gemacht hast, und was du "
        "daraus gelernt hast."
    ),
    "share-a-resource": (
        "Teile den nützlichsten Artikel, das nützlichste Video oder Werkzeug, das du in "
        "letzter Zeit gefunden hast, mit einem Satz dazu, für wen es gedacht ist."
    ),
    "ask-for-a-lesson": (
        "Such dir ein Thema, von dem du wenig weißt, und bitte jemanden, der sich gut "
        "auskennt, es dir zu erklären. Bedank dich danach für die Lektion."
    ),
    "teach-in-five-lines": (
        "Nimm etwas, das du gut kannst, und erklär es in fünf kurzen Zeilen für jemanden, "
        "der gerade erst anfängt."
    ),
    "learned-from-a-member": (
        "Nenn eine Sache, die du diesen Monat von einem anderen Mitglied gelernt hast, und "
        "lass die Person wissen, dass sie bei dir hängen geblieben ist."
    ),
    "ask-in-public": (
        "Stell der Community eine Frage zu etwas, das du gerade lernen möchtest. Wer "
        "öffentlich fragt, hilft auch der nächsten Person mit derselben Frage."
    ),
    "key-idea-credited": (
        "Lies etwas, das ein Mitglied geschrieben hat, und teile den wichtigsten Gedanken, "
        "den du mitnimmst, mit Namensnennung."
    ),
    # ------------------------------------------------------------ unstuck
    "help-someone-stuck": (
        "Such jemanden, der gesagt hat, dass er oder sie feststeckt, und biete 15 Minuten "
        "an, um gemeinsam nachzudenken."
    ),
    "answer-a-help-request": (
        "Such eine Bitte um Hilfe, auf die niemand geantwortet hat. Schon ein Teil der "
        "Antwort oder eine gute Rückfrage kann jemanden wieder in Bewegung bringen."
    ),
    "sounding-board": (
        "Biete jemandem an, laut mit dir nachzudenken: Lass die Person ihr Problem "
        "erklären, und hör vor allem zu."
    ),
    "how-i-got-unstuck": (
        "Erzähl von einem Moment, in dem du festgesteckt hast, und was dich wieder "
        "vorangebracht hat. Vielleicht steckt gerade jemand, der das liest, genau dort fest."
    ),
    "check-on-a-request": (
        "Hak bei einem Mitglied nach, das um Hilfe gebeten hat und danach still geworden "
        "ist, und frag, ob es inzwischen weitergeht."
    ),
    "one-small-step": (
        "Hilf jemandem, der feststeckt, einen kleinen Schritt für heute zu finden, statt "
        "gleich die ganze Lösung."
    ),
    "pair-on-a-problem": (
        "Biete jemandem, der mit einem Problem ringt, das du schon gelöst hast, ein kurzes "
        "Gespräch oder einen kurzen Chat an."
    ),
    "stuck-is-normal": (
        "Erinnere jemanden, der sich gerade schwertut, daran, dass Feststecken zur Arbeit "
        "dazugehört, und nenn etwas, das er oder sie schon gelöst hat."
    ),
    # ------------------------------------------------------------ the ten reasons
    "reason-friendship": (
        "Freundschaft zuerst. Frag ein Mitglied, wie es ihm wirklich geht, und nimm dir "
        "die Zeit, die Antwort zu lesen."
    ),
    "reason-outlast-platforms": (
        "Beziehungen überdauern Plattformen. Tausch mit einem Menschen, der dir wichtig ist, "
        "noch einen anderen Kontaktweg aus, falls es diesen Ort eines Tages nicht mehr gibt."
    ),
    "reason-emulation": (
        "Gesunder Ansporn bringt uns weiter. Sag jemandem, dessen Arbeit dich inspiriert, "
        "was du dadurch ausprobieren willst."
    ),
    "reason-reality-check": (
        "Eine ehrliche Meinung ist ein Geschenk. Bitte jemanden, dem du vertraust, um "
        "offenes Feedback zu einer Sache, an der du arbeitest, und bedank dich dafür."
    ),
    "reason-courage": (
        "Gemeinschaft gibt uns den Mut, etwas zu wagen. Teile eine kühne Idee, die du "
        "bisher für dich behalten hast, und bitte um Hilfe, sie auszuarbeiten."
    ),
    "reason-unstuck": (
        "Niemand sollte allein feststecken. Wenn dich etwas bremst, bitte heute um Hilfe; "
        "wenn nicht, antworte jemandem, der darum gebeten hat."
    ),
    "reason-learning": (
        "Niemand wird allein zum Profi. Poste heute eine Frage und einen Tipp: So lernst "
        "und lehrst du zugleich."
    ),
    "reason-innovation": (
        "Neue Ideen beginnen oft mit einem einfachen Gespräch. Fang heute eins an, über ein "
        "Problem, das du gern gelöst sehen würdest."
    ),
    "reason-mental-health": (
        "Zu wissen, dass man nicht allein ist, tut gut. Feier einen kleinen Erfolg mit der "
        "Community, oder feier den eines anderen Menschen mit."
    ),
    "reason-pay-forward": (
        "Gib, bevor du bekommst. Hilf heute einem Menschen, seinem Ziel näherzukommen, "
        "ohne etwas dafür zu erwarten."
    ),
    # ------------------------------------------------------------ the 7-day challenge
    "challenge-day-1": (
        "Willkommen bei der Roots-Challenge, und danke, dass du dabei bist! Schau heute "
        "einfach, wer auf deine letzten Beiträge reagiert hat, und schreib dir die Namen auf."
    ),
    "challenge-day-2": (
        "Such dir zwei oder drei der Menschen aus, die auf deine Beiträge reagieren. Schau "
        "dir ihr Profil oder ihre Arbeit an und finde heraus, was ihnen am Herzen liegt."
    ),
    "challenge-day-3": (
        "Nimm dir 15 Minuten, um dich bei denen zu bedanken, die deine Arbeit geteilt oder "
        "weitergegeben haben. Sag jeder Person, was ihre Geste bewirkt hat."
    ),
    "challenge-day-4": (
        "Nimm dir 15 Minuten, um jemandem Hallo zu sagen, den du aus den Augen verloren "
        "hast. Eine kurze, herzliche Nachricht reicht völlig."
    ),
    "challenge-day-5": (
        "Schenk heute 15 Minuten dem Ziel eines anderen Menschen: Frag, was er oder sie "
        "vorhat, und hilf bei einem Schritt davon."
    ),
    "challenge-day-6": (
        "Geh noch einmal auf die Menschen zu, die du diese Woche entdeckt hast. Bedank dich "
        "bei einem von ihnen und nimm dir 15 Minuten, um einem anderen weiterzuhelfen."
    ),
    "challenge-day-7": (
        "Letzter Tag: Wenn du zurückblickst, bei wem hast du dich diese Woche bedankt, wen "
        "hast du wiedergefunden, wem hast du geholfen? Teile einen Moment, den du behalten "
        "möchtest, und bleib dran."
    ),
}
