# Full-width punctuation for Chinese official texts: "(一)", ":" the LawRefBook mirror wrote in ASCII become （一）, ：.
"""Chinese official texts (国家法律法规数据库, 国务院公报) write （一）, ：, ；, ， in Chinese sentences; the LawRefBook mirror
often has ASCII "(一)", ":" instead. `restore_fullwidth` puts the full-width marks back, only in Chinese context:
"8:00", "1,000", "GB 6441-1986 (ISO ...)" and other ASCII runs stay as they are.

Used by the statute importer (every text it marks verbatim) and by scripts/fullwidth_punctuation.py (shipped records)."""
from __future__ import annotations

import re

ZH_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e《》“”‘’…—"
_ZH_CHAR = re.compile(f"[{ZH_CHARACTERS}]")
CLOSERS = "）》”’】」』"
_PAIR = re.compile(r"\(([^()\n]*)\)")
_MARKS = {":": "：", ";": "；", ",": "，", "?": "？", "!": "！"}


def _is_zh(char: str) -> bool:
    return bool(char) and (bool(_ZH_CHAR.match(char)) or char in CLOSERS)


def restore_fullwidth(text: str) -> str:
    """`text` with ASCII ( ) : ; , ? ! made full-width where they sit in Chinese text.

    A pair of parentheses changes when what it encloses contains a Chinese character, or when the character just
    before "(" or just after ")" is Chinese, or "(" begins a line ("(一)……", "(1)……").  A : ; , ? ! changes when the
    character before it is Chinese or a closing full-width bracket or quote (so 8:00 and 1,000 stay).
    """
    def pair(match: re.Match) -> str:
        start, end = match.start(), match.end()
        before = text[start - 1] if start else "\n"
        after = text[end] if end < len(text) else ""
        if _ZH_CHAR.search(match.group(1)) or _is_zh(before) or _is_zh(after) or before == "\n":
            return f"（{match.group(1)}）"
        return match.group(0)

    previous = None
    while previous != text:  # nested pairs: the inner pair first, then the one around it
        previous = text
        text = _PAIR.sub(pair, text)
    out = []
    for index, char in enumerate(text):
        if char in _MARKS and index and _is_zh(text[index - 1]):
            out.append(_MARKS[char])
        else:
            out.append(char)
    return "".join(out)
