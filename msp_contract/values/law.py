"""Governing law: which jurisdiction's law governs the contract, normalized ("State of New York" -> "New York").

The choice-of-law sentence often names other places too ("without regard to the conflict of laws of any
other jurisdiction", "courts located in Alexandria, Virginia"), so the jurisdiction is the first place named
as the *source of law* in a sentence that says the agreement is governed/construed by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..budget import within_budget
from ._text import sentences_matching

US_STATES = [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
    "Washington", "Wisconsin", "Wyoming",
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
    "Rhode Island", "South Carolina", "South Dakota", "West Virginia", "District of Columbia",
]  # fmt: skip
CANADIAN_PROVINCES = [
    "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia",
    "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island",
]  # fmt: skip
# Written name (lowercase) -> canonical name. Official long forms stay long because that is how they are cited.
_COUNTRIES = {
    "people's republic of china": "People's Republic of China", "peoples republic of china": "People's Republic of China",
    "p.r.c.": "People's Republic of China", "prc": "People's Republic of China", "china": "China",
    "england and wales": "England and Wales", "england & wales": "England and Wales", "england": "England",
    "scotland": "Scotland", "northern ireland": "Northern Ireland", "united kingdom": "United Kingdom",
    "ireland": "Ireland", "republic of ireland": "Ireland", "hong kong": "Hong Kong", "singapore": "Singapore",
    "taiwan": "Taiwan", "republic of china": "Taiwan", "r.o.c.": "Taiwan", "japan": "Japan", "korea": "Korea",
    "republic of korea": "Republic of Korea", "india": "India", "israel": "Israel", "state of israel": "Israel",
    "netherlands": "Netherlands", "the netherlands": "Netherlands", "germany": "Germany",
    "federal republic of germany": "Federal Republic of Germany", "france": "France", "spain": "Spain",
    "italy": "Italy", "switzerland": "Switzerland", "sweden": "Sweden", "norway": "Norway", "denmark": "Denmark",
    "finland": "Finland", "belgium": "Belgium", "luxembourg": "Luxembourg", "austria": "Austria",
    "colombia": "Colombia", "republic of colombia": "Colombia", "mexico": "Mexico", "brazil": "Brazil",
    "argentina": "Argentina", "chile": "Chile", "australia": "Australia", "new zealand": "New Zealand",
    "canada": "Canada", "bermuda": "Bermuda", "cayman islands": "Cayman Islands",
    "british virgin islands": "British Virgin Islands", "south africa": "South Africa", "russia": "Russia",
    "russian federation": "Russian Federation", "malaysia": "Malaysia", "thailand": "Thailand",
    "philippines": "Philippines", "indonesia": "Indonesia", "vietnam": "Vietnam", "poland": "Poland",
    "czech republic": "Czech Republic", "portugal": "Portugal", "greece": "Greece", "turkey": "Turkey",
    "united arab emirates": "United Arab Emirates", "cyprus": "Cyprus", "malta": "Malta",
    "united states": "United States", "united states of america": "United States", "u.s.a.": "United States",
}  # fmt: skip
_ADJECTIVES = {
    "english": "England", "scottish": "Scotland", "irish": "Ireland", "german": "Germany", "french": "France",
    "swiss": "Switzerland", "dutch": "Netherlands", "japanese": "Japan", "chinese": "China", "prc": "People's Republic of China",
    "israeli": "Israel", "spanish": "Spain", "italian": "Italy", "swedish": "Sweden", "singapore": "Singapore",
    "hong kong": "Hong Kong", "canadian": "Canada", "australian": "Australia", "indian": "India",
}  # fmt: skip

_PLACES: dict[str, str] = {s.lower(): s for s in US_STATES}
_PLACES.update({p.lower(): f"{p}, Canada" for p in CANADIAN_PROVINCES})
_PLACES.update(_COUNTRIES)
# Curly and straight apostrophes both occur ("People’s Republic of China").
_PLACE_ALT = "|".join(re.escape(p).replace("'", "['’]") for p in sorted(_PLACES, key=len, reverse=True))
_PREFIX = r"(?:the\s+)?(?:(?:state|commonwealth|province|republic|kingdom|country)\s+of\s+)?(?:the\s+)?"
_PLACE_RE = re.compile(rf"(?<![\w'])(?:{_PREFIX})(?P<place>{_PLACE_ALT})(?![\w])", re.I)
# "laws of", "laws and judicial decisions of", "laws, other than choice of law rules, of", "laws (...) of"
_LAWS_OF = re.compile(
    r"\b(?:laws?|regulations|statutes)\b(?:\s+and\s+(?:judicial\s+)?decisions)?\s*(?:\([^)]*\)\s*)?"
    r"(?:,[^,;]{1,60},\s*)?(?:of|in|(?:applicable|in\s+force|in\s+effect)\s+in)\b",
    re.I,
)
_LAW_WORD = re.compile(r"\b(?:laws?|regulations|statutes)\b", re.I)  # in every match of the three below
# "laws thereof" / "laws of that State" point back at a place named earlier in the sentence.
_LAWS_THEREOF = re.compile(
    r"\blaws?\s+(?:thereof|of\s+(?:that|such|said)\s+(?:state|country|jurisdiction))\b", re.I
)
# "organized under the laws of the State of Tennessee" is about a party, not the contract.
_CORPORATE = re.compile(
    r"\b(?:organi[sz]ed|incorporated|existing|formed|chartered|registered)\s+(?:\w+\s+){0,3}$", re.I
)
# "... of the United States and of the Commonwealth of Pennsylvania": a second source of law.
_AND_PLACE = re.compile(r"^\s*,?\s*and\s+(?:of\s+)?(?:the\s+)?(?:federal\s+laws?\s+of\s+)?", re.I)
_ADJ_LAW = re.compile(
    rf"\b(?P<place>{_PLACE_ALT}|{'|'.join(_ADJECTIVES)})\s+(?:substantive\s+|governing\s+)?laws?\b", re.I
)
_GOVERNS = re.compile(
    r"\b(?:govern(?:ed|s|ing)?|constru(?:ed|e|ction)|interpret(?:ed|ation)?|enforced|subject\s+to\s+(?:the\s+)?laws?|"
    r"in\s+accordance\s+with\s+(?:the\s+)?(?:\w+\s+)?laws?|applicable\s+law|choice\s+of\s+law|shall\s+apply|"
    r"application\s+of|pursuant\s+to\s+(?:the\s+)?laws?)\b",
    re.I,
)
# Everything after these words in a choice-of-law sentence is about *other* laws, not the chosen one.
_EXCLUSION = re.compile(
    r"\b(?:without\s+(?:regard|reference|recourse|giving\s+effect)|other\s+than|conflicts?[\s-]+of[\s-]+laws?|"
    r"choice[\s-]+of[\s-]+laws?\s+(?:rules|principles|provisions)|exclusive\s+of|excluding|disregarding|"
    r"notwithstanding|except\s+(?:that|to\s+the\s+extent))\b",
    re.I,
)


_ABOUT_CONTRACT = re.compile(
    r"\b(?:this|the)\s+(?:\w+\s+)?(?:agreement|contract|amendment|addendum|sow|order|terms)\b|\bhereunder\b|\bhereof\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class GoverningLaw:
    """The governing-law jurisdiction; ``text[start:end]`` is the sentence that chooses it."""

    jurisdiction: str  # "New York", "Ontario, Canada", "England and Wales", "People's Republic of China"
    country: str | None  # "United States", "Canada", ... when known
    start: int
    end: int
    alternatives: tuple[str, ...] = ()  # further jurisdictions named as governing in the same sentence


def _country_of(jurisdiction: str) -> str | None:
    if jurisdiction in US_STATES:
        return "United States"
    if jurisdiction.endswith(", Canada") or jurisdiction == "Canada":
        return "Canada"
    if jurisdiction in {"England", "England and Wales", "Scotland", "Northern Ireland", "United Kingdom"}:
        return "United Kingdom"
    return jurisdiction


def _normalize(place: str) -> str:
    low = re.sub(r"\s+", " ", place.lower().replace("’", "'"))
    return _PLACES.get(low) or _ADJECTIVES.get(low) or place


def _excluded(sentence: str, position: int) -> bool:
    """True when a conflict-of-laws/exception phrase sits between the choice-of-law verb and ``position``."""
    verbs = [m.end() for m in _GOVERNS.finditer(sentence[:position])]
    if not verbs:
        return False
    return bool(_EXCLUSION.search(sentence[verbs[0] : position]))


def _near_governs(sentence: str, position: int) -> bool:
    """A law citation counts only close to a choice-of-law verb, not anywhere in a long sentence."""
    return any(-250 <= position - m.start() <= 250 for m in _GOVERNS.finditer(sentence))


def _cited(sentence: str, start: int, end: int) -> str | None:
    """The place cited right after a "laws of" phrase ending at ``end``, or None."""
    if _excluded(sentence, start) or _CORPORATE.search(sentence[max(0, start - 40) : start]):
        return None
    if not _near_governs(sentence, start):
        return None
    tail = sentence[end : end + 120]
    stripped = tail.lstrip(" \t\n,:")
    place = _PLACE_RE.match(stripped)
    return _normalize(place.group("place")) if place else None


def _law_places(sentence: str) -> list[str]:
    """Places cited as a source of law in one sentence, in order, ignoring conflict-of-law tails."""
    if not _LAW_WORD.search(sentence):
        return []  # each citation pattern below needs one of these words: skip their costly place lists
    places: list[tuple[int, str]] = []
    for match in _LAWS_OF.finditer(sentence):
        place = _cited(sentence, match.start(), match.end())
        if place is None:
            continue
        places.append((match.start(), place))
        # follow "and (of) the State of X" chains after the first place
        rest = sentence[match.end() :].lstrip(" \t\n,:")
        first = _PLACE_RE.match(rest)
        chained = _AND_PLACE.match(rest[first.end() :]) if first else None
        if first and chained:
            second = _PLACE_RE.match(rest[first.end() + chained.end() :])
            if second:
                places.append((match.start() + 1, _normalize(second.group("place"))))
    for match in _ADJ_LAW.finditer(sentence):
        if not _excluded(sentence, match.start()) and _near_governs(sentence, match.start()):
            places.append((match.start(), _normalize(match.group("place"))))
    for match in _LAWS_THEREOF.finditer(sentence):
        earlier = list(_PLACE_RE.finditer(sentence[: match.start()]))
        if earlier and _near_governs(sentence, match.start()):
            places.append((match.start(), _normalize(earlier[-1].group("place"))))
    ordered = [p for _, p in sorted(places)]
    # "laws of the United States and ... of the Commonwealth of Kentucky": the state law is the choice.
    specific = [p for p in ordered if p != "United States"]
    ordered = specific or ordered
    # "Province of Ontario and the federal laws of Canada": the province already says Canada.
    if any(p.endswith(", Canada") for p in ordered):
        ordered = [p for p in ordered if p != "Canada"]
    return list(dict.fromkeys(ordered))


def governing_law_in(sentence: str) -> list[str]:
    """Normalized jurisdictions chosen by a single sentence (empty when it does not choose a law)."""
    if not _GOVERNS.search(sentence):
        return []
    return _law_places(sentence)


def find_governing_law(text: str) -> tuple[GoverningLaw, ...]:
    """Every choice-of-law sentence in ``text`` with its normalized jurisdiction, in document order."""
    found: list[GoverningLaw] = []
    # governing_law_in requires _GOVERNS anyway
    for start, end in within_budget(sentences_matching(text, _GOVERNS)):
        places = governing_law_in(text[start:end])
        if places:
            found.append(GoverningLaw(places[0], _country_of(places[0]), start, end, tuple(places[1:])))
    return tuple(found)


def governing_law(text: str) -> GoverningLaw | None:
    """The contract's governing law. A sentence about the agreement itself beats one about, say, a legal
    opinion; "governed by" beats "construed in accordance with"; earlier beats later."""
    candidates = find_governing_law(text)
    if not candidates:
        return None

    # Federal law alone rarely answers the question; a state or country named elsewhere does.
    def rank(item: GoverningLaw) -> tuple[bool, bool, bool, int]:
        sentence = text[item.start : item.end]
        about_contract = bool(_ABOUT_CONTRACT.search(sentence))
        strong = bool(re.search(r"\bgovern(?:ed|s|ing)\b", sentence, re.I))
        return (item.jurisdiction == "United States", not about_contract, not strong, item.start)

    return min(candidates, key=rank)
