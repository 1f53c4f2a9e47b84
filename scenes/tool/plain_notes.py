"""Narration shown as plain text where a Markdown renderer reads it (the HTML deck's speaker notes).

reveal.js renders speaker notes as Markdown, so narration holding ``[x](javascript:alert(1))`` would become a live
link, ``<script>`` would be HTML, and ``*stars*`` or ``# signs`` would change how it looks. CommonMark lets any
ASCII punctuation be escaped with a backslash, and an escaped character is always shown as itself; ``&``, ``<``
and ``>`` are written as the entities ``&amp;``, ``&lt;`` and ``&gt;``, which Markdown shows as those characters.
The result is Markdown whose rendering is exactly the text: no link, emphasis, heading or HTML in it.
"""

from __future__ import annotations

import html
import re

#: ASCII punctuation (which CommonMark allows to be backslash-escaped) except ``&<>``, written as entities instead.
_PUNCTUATION = re.compile(r"([!-%'-/:;=?@\[-`{-~])")


def markdown_as_text(text: str) -> str:
    """``text`` as Markdown that renders as exactly ``text`` (see the module docstring)."""
    return html.escape(_PUNCTUATION.sub(r"\\\1", text), quote=False)
