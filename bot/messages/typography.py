"""Each language's punctuation rules, checked on every translation (tests and tools).

- French: a no-break space (U+00A0, or the narrow U+202F) before ``: ; ! ?`` and ``»``,
  and after ``«``; never a plain space there, and ``; ! ?`` never glued to a word. (A colon
  glued to a word stays allowed: ``HH:MM``, ``admin:<nom>``, ``confirm:True``.)
- Spanish: a question opens with ``¿`` and an exclamation with ``¡``.
- German: quotations in „…“, never "…", “…” or ”…”.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"
_FR_SPACED = f"[{NBSP}{NNBSP}]"
_FR_PLAIN_BEFORE = re.compile(r"[ \t]([:;!?»])")
_FR_PLAIN_AFTER = re.compile(r"«[ \t]")
_FR_GLUED = re.compile(r"[\w})»]([;!?])")
_FR_BARE_OPEN = re.compile(rf"«(?!{_FR_SPACED})")
_FR_BARE_CLOSE = re.compile(rf"(?<!{_FR_SPACED})»")


def fix_french(text: str) -> str:
    """Plain spaces before ``: ; ! ? »`` and after ``«`` become no-break spaces."""
    return _FR_PLAIN_AFTER.sub(f"«{NBSP}", _FR_PLAIN_BEFORE.sub(rf"{NBSP}\1", text))


_DE_QUOTED = re.compile(r"[“\"”]([^“\"”„]+?)[”\"“]")


def fix_german(text: str) -> str:
    """English-style quotes (“…”, "…") become German ones („…“)."""
    return _DE_QUOTED.sub(r"„\1“", text)


def typography_problems(locale: str, text: str) -> list[str]:
    """What breaks ``locale``'s punctuation rules in ``text`` (empty when nothing)."""
    lang = locale.split("_")[0].split("-")[0].lower()
    if lang == "fr":
        return _french(text)
    if lang == "es":
        return _spanish(text)
    if lang == "de":
        return _german(text)
    return []


def _french(text: str) -> list[str]:
    out = []
    for m in _FR_PLAIN_BEFORE.finditer(text):
        out.append(f"plain space before “{m.group(1)}” (use a no-break space)")
    if _FR_PLAIN_AFTER.search(text):
        out.append("plain space after “«” (use a no-break space)")
    for m in _FR_GLUED.finditer(text):
        out.append(f"no space before “{m.group(1)}” (use a no-break space)")
    if _FR_BARE_OPEN.search(text) or _FR_BARE_CLOSE.search(text):
        out.append("« » need a no-break space inside")
    return out


def _spanish(text: str) -> list[str]:
    out = []
    if text.count("?") > text.count("¿"):
        out.append("a question without its opening “¿”")
    if text.count("!") > text.count("¡"):
        out.append("an exclamation without its opening “¡”")
    return out


def _german(text: str) -> list[str]:
    out = []
    if '"' in text or "”" in text:
        out.append("quotes must be „…“")
    depth = 0
    for ch in text:
        if ch == "„":
            depth += 1
        elif ch == "“":
            if depth == 0:
                out.append("“ without its opening „ (quotes must be „…“)")
                break
            depth -= 1
    if depth:
        out.append("„ without its closing “")
    return out
