"""Arabic text that Debian's wkhtmltopdf can lay out (no Odoo import).

wkhtmltopdf built on Debian's unpatched Qt mis-measures a run of Arabic text: it never
breaks it into lines (a paragraph runs off the page), and a word glued to punctuation
(``وبعد،`` ``دراستها.`` ``الرقم:``) shifts the whole line past the right margin. Each
Arabic word in an inline element of its own, with the punctuation outside it, is laid
out, wrapped and aligned correctly::

    <p>نشكركم على تعاونكم.</p>
    ->  <p><span>نشكركم</span> <span>على</span> <span>تعاونكم</span>.</p>

``wrap_words`` does that to every text holding Arabic letters inside the right-to-left
parts of a document, leaving alone left-to-right parts (``dir="ltr"``, ``o_force_ltr``:
numbers, IDs, references), scripts and styles. The text read back from the PDF is the
same; browsers render the result as before.
"""

import re
import unicodedata

from lxml import etree, html

ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_TOKEN = re.compile(r"\S+")
SKIPPED_TAGS = {"script", "style", "head", "title", "textarea"}
WORD_CLASS = "o_br_word"


def _is_word_char(char):
    return unicodedata.category(char)[0] in "LMN"


def split_token(token):
    """``(leading punctuation, word, trailing punctuation)`` of a token without spaces."""
    start = 0
    while start < len(token) and not _is_word_char(token[start]):
        start += 1
    end = len(token)
    while end > start and not _is_word_char(token[end - 1]):
        end -= 1
    return token[:start], token[start:end], token[end:]


def _pieces(text):
    """The text as [str, (word,), str, (word,), ...]: words to put in their own span."""
    pieces = []
    position = 0
    for match in _TOKEN.finditer(text):
        lead, word, trail = split_token(match.group())
        pieces.append(text[position : match.start()] + lead)
        if word:
            pieces.append((word,))
        pieces.append(trail)
        position = match.end()
    pieces.append(text[position:])
    merged = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _spans(text):
    """(text before the first word, [span elements with their tails])."""
    pieces = _pieces(text)
    head = pieces.pop(0) if pieces and isinstance(pieces[0], str) else ""
    spans = []
    for piece in pieces:
        if isinstance(piece, tuple):
            span = etree.Element("span", {"class": WORD_CLASS})
            span.text = piece[0]
            span.tail = ""
            spans.append(span)
        else:
            spans[-1].tail += piece
    return head, spans


def _is_ltr(element):
    classes = (element.get("class") or "").split()
    return element.get("dir") == "ltr" or "o_force_ltr" in classes


def _wrap_element(element):
    if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS or _is_ltr(element):
        return
    if WORD_CLASS in (element.get("class") or "").split():
        return
    for child in list(element):
        _wrap_element(child)
        if child.tail and ARABIC.search(child.tail):
            head, spans = _spans(child.tail)
            child.tail = head
            index = element.index(child)
            for offset, span in enumerate(spans, start=1):
                element.insert(index + offset, span)
    if element.text and ARABIC.search(element.text):
        head, spans = _spans(element.text)
        element.text = head
        for index, span in enumerate(spans):
            element.insert(index, span)


def wrap_words(root, selector="rtl"):
    """Put each Arabic word of the right-to-left parts of ``root`` (an lxml element)
    in a span of its own, punctuation outside. ``selector``: ``"rtl"`` for every
    element with ``dir="rtl"`` (the outermost ones), or an XPath expression."""
    xpath = '//*[@dir="rtl"][not(ancestor::*[@dir="rtl"])]' if selector == "rtl" else selector
    for element in root.xpath(xpath):
        _wrap_element(element)
    return root


def wrap_words_html(document, selector="rtl"):
    """``wrap_words`` on a whole HTML document (bytes or str), returned as UTF-8 bytes."""
    if not document:
        return document
    if isinstance(document, str):
        document = document.encode()
    root = html.fromstring(document, parser=html.HTMLParser(encoding="utf-8"))
    wrap_words(root, selector)
    return html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")
