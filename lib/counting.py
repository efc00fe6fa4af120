"""A number and the noun it counts, agreeing in Arabic (no Odoo import).

Arabic changes the counted noun with the number: ``يوم عمل واحد``, ``يوما عمل``,
``3 أيام عمل``, ``11 يوم عمل``, ``100 يوم عمل``. ``count_phrase(3, "working_day")``
writes that phrase; English gets ``3 working days``. Every count the module shows goes
through it (screens, portal, e-mails, messages and letters), through ``count_text`` and
the ``count`` QWeb widget on the Odoo side (``models/ir_qweb_field_count.py``).

The grammar is the one ``amount_words`` follows for riyals, with the plural categories
of CLDR for Arabic (what Unicode and every Arabic locale use):

- 1: the noun and the word for one after it, ``مقعد واحد``, ``سنة واحدة``;
- 2: the dual alone, ``مقعدان`` (``مقعدين`` after a preposition or as an object:
  ``case="oblique"``);
- 3 to 10 (and 103-110...): the plural, ``3 مقاعد``;
- 11 to 99 (and 111-199...): the singular in the accusative, ``11 مقعداً``;
- 0, 100, 101, 102, 200...: the singular, ``100 مقعد``.

Digits stay ASCII: the module writes one digit system on a page.
"""

ARABIC_FORMS = ("one", "two", "two_oblique", "few", "many", "other")

# noun key: (Arabic forms in ARABIC_FORMS order, English singular, English plural)
NOUNS = {
    "working_day": (
        ("يوم عمل واحد", "يوما عمل", "يومي عمل", "أيام عمل", "يوم عمل", "يوم عمل"),
        "working day",
        "working days",
    ),
    "day": (
        ("يوم واحد", "يومان", "يومين", "أيام", "يوماً", "يوم"),
        "day",
        "days",
    ),
    "year": (
        ("سنة واحدة", "سنتان", "سنتين", "سنوات", "سنة", "سنة"),
        "year",
        "years",
    ),
    "seat": (
        ("مقعد واحد", "مقعدان", "مقعدين", "مقاعد", "مقعداً", "مقعد"),
        "seat",
        "seats",
    ),
    "seat_left": (
        (
            "مقعد واحد متبقٍ",
            "مقعدان متبقيان",
            "مقعدين متبقيين",
            "مقاعد متبقية",
            "مقعداً متبقياً",
            "مقعد متبقٍ",
        ),
        "seat left",
        "seats left",
    ),
    "participant": (
        ("مشارك واحد", "مشاركان", "مشاركَين", "مشاركين", "مشاركاً", "مشارك"),
        "participant",
        "participants",
    ),
    "beneficiary": (
        ("مستفيد واحد", "مستفيدان", "مستفيدَين", "مستفيدين", "مستفيداً", "مستفيد"),
        "beneficiary",
        "beneficiaries",
    ),
    "document": (
        ("مستند واحد", "مستندان", "مستندين", "مستندات", "مستنداً", "مستند"),
        "document",
        "documents",
    ),
}


def plural_category(number):
    """CLDR plural category of an integer in Arabic: ``zero``, ``one``, ``two``,
    ``few`` (3-10 modulo 100), ``many`` (11-99 modulo 100) or ``other``."""
    number = abs(int(number))
    if number == 0:
        return "zero"
    if number == 1:
        return "one"
    if number == 2:
        return "two"
    rest = number % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


def _is_arabic(lang):
    return (lang or "ar").lower().startswith("ar")


def count_phrase(number, noun, lang="ar", case="nominative"):
    """``number`` followed by ``noun`` in the form the number asks for.

    :param number: an integer (a float with no fraction is accepted). A negative number
        (days overdue) is written in digits with the form of its absolute value.
    :param noun: a key of ``NOUNS`` (``working_day``, ``day``, ``year``, ``seat``,
        ``seat_left``, ``participant``, ``beneficiary``, ``document``).
    :param lang: a language code; Arabic for ``ar*`` (and when empty), else English.
    :param case: ``nominative`` (subject, label) or ``oblique`` (after a preposition
        such as ``خلال`` / ``إلى`` / ``حتى``, or as an object): only the Arabic dual
        differs (``يوما عمل`` / ``يومي عمل``).
    :raises KeyError: for an unknown noun; ``ValueError`` for a number with a fraction.
    """
    if int(number) != number:
        raise ValueError(f"Not a whole number: {number!r}")
    number = int(number)
    arabic_forms, singular, plural = NOUNS[noun]
    if not _is_arabic(lang):
        return f"{number} {singular if abs(number) == 1 else plural}"
    forms = dict(zip(ARABIC_FORMS, arabic_forms, strict=True))
    category = plural_category(number)
    if number < 0:
        # an overdue count (``-3 أيام عمل``): the digits and the form of the absolute value
        return f"{number} {forms[category] if category in ('few', 'many') else forms['other']}"
    if category == "one":
        return forms["one"]
    if category == "two":
        return forms["two_oblique" if case == "oblique" else "two"]
    return f"{number} {forms[category] if category in ('few', 'many') else forms['other']}"
