"""Saudi riyal amounts in words, in Arabic and English (no Odoo import).

``amount_in_words(1250.5)`` gives ``ألف ومئتان وخمسون ريالاً وخمسون هللة``; with
``only=True`` the text is framed as on Saudi cheques and payment vouchers:
``فقط ألف ومئتان وخمسون ريالاً وخمسون هللة لا غير``. English:
``amount_in_words(1250.5, lang="en_US")`` gives
``One thousand, two hundred and fifty Saudi riyals and fifty halalas``.

Built on ``num2words>=0.5.14``: English comes from it as is, and so do the Arabic
words of every group of three digits (1-999). num2words' own Arabic amounts are wrong
in several ways, so this module assembles the Arabic itself:

- the counted noun comes before the number for one and two (``ريال واحد``,
  ``ريالان``), not ``واحد ريال`` / ``اثنان ريالان``;
- groups of thousands whose count has hundreds are mangled (101000 gives
  ``مائة و ألف ألف``, 110000 ``مائة و عشرة ألف``);
- one and two halalas (``إحدى هللة``, ``اثنتان هللتان``) instead of ``هللة واحدة``,
  ``هللتان``; eight halalas are ``ثماني هللات``;
- an amount below one riyal starts with a dangling ``و``, integers passed to
  English ``to_currency`` are read as halalas, and the conjunction ``و`` is written
  apart from the next word.

The noun follows the last part of the number, as Arabic grammar wants: ``ريال``
after hundreds, thousands, millions (``مائة ريال``, ``ألفا ريال``), ``ريالات`` after
3-10 (``مائة وخمسة ريالات``), ``ريالاً`` after 11-99 (``أحد عشر ريالاً``); a thousands
count of 11-99 is ``ألفاً`` when more follows and ``ألف`` right before the noun.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from num2words import num2words

MAX_AMOUNT = Decimal(10) ** 15

RIYAL = {"one": "ريال", "two": "ريالان", "plural": "ريالات", "accusative": "ريالاً"}
HALALA = {"one": "هللة", "two": "هللتان", "plural": "هللات", "accusative": "هللة"}

# (singular, dual, dual before a noun, plural after 3-10, accusative after 11-99)
_SCALES = {
    1: ("ألف", "ألفان", "ألفا", "آلاف", "ألفاً"),
    2: ("مليون", "مليونان", "مليونا", "ملايين", "مليوناً"),
    3: ("مليار", "ملياران", "مليارا", "مليارات", "ملياراً"),
    4: ("تريليون", "تريليونان", "تريليونا", "تريليونات", "تريليوناً"),
}

# Feminine numbers, for halalas (هللة is feminine): 3-10 take the masculine form of
# the digit, as Arabic wants for a feminine counted noun.
_FEMININE_UNITS = ("", "إحدى", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع")
_TENS = ("", "عشر", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون")

AND_AR = " و"
ONLY_AR = ("فقط", "لا غير")


def split_amount(amount):
    """Return ``(riyals, halalas)`` as integers for a non-negative amount, rounded
    half up to the halala. Raise ``ValueError`` for a negative, non-numeric or too
    large (10^15 and above) amount."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValueError(f"Not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"Not an amount: {amount!r}")
    if value < 0:
        raise ValueError(f"Negative amounts cannot be written in words: {amount!r}")
    if value >= MAX_AMOUNT or value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) >= MAX_AMOUNT:
        raise ValueError(f"Amount too large to be written in words: {amount!r}")
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    halalas = int(value * 100)
    return halalas // 100, halalas % 100


def is_arabic(lang):
    """True for an Arabic language code (``ar``, ``ar_001``, ``ar_SA``...), and when
    no language is given: the module's documents are Arabic first."""
    return (lang or "ar").lower().startswith("ar")


def _join_ar(parts):
    return AND_AR.join(part for part in parts if part)


def _group_ar(number, before_noun=False):
    """Masculine Arabic words of 1-999 (num2words), the conjunction attached to the
    next word. 200 is ``مئتان``, or ``مئتا`` right before its noun."""
    words = num2words(number, lang="ar").strip()
    words = " ".join(words.split()).replace(" و ", AND_AR)
    if number == 200:
        words = "مئتا" if before_noun else "مئتان"
    return words


def _integer_ar(number):
    """Arabic words of a whole number of riyals (>= 3) written before the noun."""
    groups = []
    level = 0
    while number:
        number, group = divmod(number, 1000)
        if group:
            groups.append((level, group))
        level += 1
    groups.reverse()
    parts = []
    for index, (level, group) in enumerate(groups):
        last = index == len(groups) - 1
        if not level:
            parts.append(_group_ar(group, before_noun=last))
            continue
        one, two, two_before_noun, plural, accusative = _SCALES[level]
        rest = group % 100
        if group == 1:
            parts.append(one)
        elif group == 2:
            parts.append(two_before_noun if last else two)
        elif 3 <= rest <= 10:
            parts.append(f"{_group_ar(group)} {plural}")
        elif rest == 0:
            parts.append(f"{_group_ar(group, before_noun=True)} {one}")
        elif rest <= 2 or last:
            parts.append(f"{_group_ar(group)} {one}")
        else:
            parts.append(f"{_group_ar(group)} {accusative}")
    return _join_ar(parts)


def _counted_ar(number, noun):
    """``number`` followed by ``noun`` (masculine riyal) in the right form."""
    if number == 1:
        return f"{noun['one']} واحد"
    if number == 2:
        return noun["two"]
    rest = number % 100
    if 3 <= rest <= 10:
        form = noun["plural"]
    elif rest >= 11:
        form = noun["accusative"]
    else:
        form = noun["one"]
    return f"{_integer_ar(number)} {form}"


def _feminine_ar(number):
    """Feminine Arabic words of 3-99 (for halalas)."""
    tens, units = divmod(number, 10)
    if number == 10:
        return _TENS[1]
    if tens == 0:
        return _FEMININE_UNITS[units]
    if tens == 1:
        return {1: "إحدى عشرة", 2: "اثنتا عشرة"}.get(units) or f"{_FEMININE_UNITS[units]} عشرة"
    if not units:
        return _TENS[tens]
    unit = "ثمان" if units == 8 else _FEMININE_UNITS[units]
    return f"{unit}{AND_AR}{_TENS[tens]}"


def _halalas_ar(number):
    if number == 1:
        return "هللة واحدة"
    if number == 2:
        return HALALA["two"]
    form = HALALA["plural"] if number <= 10 else HALALA["accusative"]
    return f"{_feminine_ar(number)} {form}"


def _amount_ar(riyals, halalas):
    if not riyals and not halalas:
        return f"صفر {RIYAL['one']}"
    return _join_ar(
        [
            _counted_ar(riyals, RIYAL) if riyals else "",
            _halalas_ar(halalas) if halalas else "",
        ]
    )


def _amount_en(riyals, halalas):
    parts = []
    if riyals or not halalas:
        words = num2words(riyals, lang="en")
        parts.append(f"{words} Saudi riyal" if riyals == 1 else f"{words} Saudi riyals")
    if halalas:
        words = num2words(halalas, lang="en")
        parts.append(f"{words} halala" if halalas == 1 else f"{words} halalas")
    text = " and ".join(parts)
    return text[0].upper() + text[1:]


def amount_in_words(amount, lang="ar", only=False):
    """Write a Saudi riyal amount in words.

    :param amount: int, float, Decimal or numeric string, >= 0 and < 10^15; rounded
        half up to the halala (two decimals). Zero halalas are not written.
    :param lang: a language code; Arabic for ``ar*`` (and when empty), else English.
    :param only: frame the words as on cheques and vouchers: ``فقط ... لا غير`` in
        Arabic, ``... only`` in English.
    :raises ValueError: for a negative, non-numeric or too large amount.
    """
    riyals, halalas = split_amount(amount)
    if is_arabic(lang):
        text = _amount_ar(riyals, halalas)
        return f"{ONLY_AR[0]} {text} {ONLY_AR[1]}" if only else text
    text = _amount_en(riyals, halalas)
    return f"{text} only" if only else text


def frame_only(text, lang="ar"):
    """Frame any amount already in words the cheque way (``فقط ... لا غير`` /
    ``... only``), e.g. one Odoo wrote for another currency."""
    if not text:
        return text
    if is_arabic(lang):
        return f"{ONLY_AR[0]} {text} {ONLY_AR[1]}"
    return f"{text} only"
