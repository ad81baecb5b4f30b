"""The languages matching knows by code, and reading them from what a referrer wrote.

Referrers write languages as words ("Nederlands, Arabisch"); matching compares codes. The list
holds the languages most spoken in Groningen's neighbourhoods; another code still matches, it is
only shown as its code.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LANGUAGES: dict[str, Promise] = {
    "nl": _("Dutch"),
    "en": _("English"),
    "ar": _("Arabic"),
    "tr": _("Turkish"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "fa": _("Persian"),
    "zgh": _("Tamazight"),
    "pl": _("Polish"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "de": _("German"),
    "fr": _("French"),
    "es": _("Spanish"),
    "pap": _("Papiamento"),
    "srn": _("Sranantongo"),
}

# What people write, in Dutch and English, lowercased → the code.
_WRITTEN: dict[str, str] = {
    "nederlands": "nl",
    "dutch": "nl",
    "engels": "en",
    "english": "en",
    "arabisch": "ar",
    "arabic": "ar",
    "turks": "tr",
    "turkish": "tr",
    "tigrinya": "ti",
    "tigrinia": "ti",
    "somalisch": "so",
    "somali": "so",
    "perzisch": "fa",
    "persian": "fa",
    "farsi": "fa",
    "dari": "fa",
    "tamazight": "zgh",
    "berbers": "zgh",
    "pools": "pl",
    "polish": "pl",
    "oekraïens": "uk",
    "ukrainian": "uk",
    "russisch": "ru",
    "russian": "ru",
    "duits": "de",
    "german": "de",
    "frans": "fr",
    "french": "fr",
    "spaans": "es",
    "spanish": "es",
    "papiaments": "pap",
    "papiamento": "pap",
    "sranantongo": "srn",
    "sranan": "srn",
}


def language_name(code: str) -> Promise | str:
    return LANGUAGES.get(code, code)


def codes_in(text: str) -> frozenset[str]:
    """'Nederlands, Arabisch' → {'nl', 'ar'}; words it does not know are left out."""
    words = (part.strip().lower() for part in text.replace(";", ",").split(","))
    return frozenset(
        _WRITTEN.get(word, word) for word in words if word in _WRITTEN or word in LANGUAGES
    )


def choices() -> list[tuple[str, Promise]]:
    return list(LANGUAGES.items())
