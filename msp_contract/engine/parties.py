"""Who is the provider and who the customer, when a contract names the parties instead of their roles.

Rules are written with role words ("the Customer shall provide access"); many real contracts write
"Converge shall provide VNE with access". When the preamble defines two parties by name, the verbs around
those names usually say which one delivers the services and which one pays. The rules then match against a
*role view* of the text in which each such name is overwritten by a role word of the same length (padded
with spaces), so every offset, and therefore every evidence quote taken from the real text, stays exact.
When the roles are not clear, nothing is replaced. A preamble that names one party and defines the other by
its role ('IBM ("IBM") and Quantum ("Customer")') settles the named party's role as the other one. A
contract that defines nobody in quotes is read through the two names that open its obligations, when its
opening "between X and Y" names both; one that calls its parties "Party A" and "Party B" throughout, through
those. A party defined as "Distributor" or "Agent" is placed by who pays: a product distributor buys, a
fund's distributor is paid. Of two parties that both deliver (co-branding, sponsorship), the one that pays
the other is the customer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

# A party defined in the preamble: 'Converge, Inc. ("Converge")', '(hereinafter "VNE")',
# and without brackets: 'hereinafter referred to as: "Acme"'.
# '("BE" or, in its capacity as operator hereunder, "Operator")': the alias is what the text then uses.
_DEFINED = re.compile(
    r"(?:\(\s*(?:the\s+|(?:collectively,?\s+(?:and\s+)?)?hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?"
    r"(?:the\s+)?|herein\s+)?|\b[Hh]ere(?:in)?after\s+(?:referred\s+to\s+as|called)\s*:?\s*(?:the\s+)?)"
    r"[\"“](?:the\s+)?(?P<name>[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*){0,2})[\"”]"
    r"(?:\s+or\b[^\"“”()]{0,80}[\"“](?:the\s+)?(?P<alias>[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*){0,2})[\"”])?"
)
_PREAMBLE_CHARS = 3000
_COVER_CHARS = 20000  # how far a cover page and table of contents may push the preamble
_ENTITY_WINDOW = 160
# "(hereinafter referred to as ...)" defines a party even after a long address and signatory clause.
_HEREINAFTER_WINDOW = 400
# What shows a quoted definition names a party: a legal entity's words or a natural person's.
_ENTITY = re.compile(
    r"\b(?:Inc|Corp|Corporation|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|S\.A|N\.V|B\.V|plc|L\.?P|Co|Company|"
    r"partnership|limited\s+liability|organized|incorporated|existing|"
    # a natural person is a party too: "Joseph Theismann, an individual whose address is ...",
    # "between professional golfer, TOM WATSON, (hereinafter referred to as ...)"
    r"an\s+individual|individually|residing|resident\s+of|professional\s+(?:golfer|athlete|player))\b",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"\b(?:Agreement|Date|Party|Parties|Products?|Services?|Specifications?|Period|Site|Clients?|Act|Code|Law|Systems?|Territor(?:y|ies)|Provisions?|Terms|Conditions|Schedules?|Exhibits?|Addend(?:um|a)|Attachments?|Amendments?)\b"
)
# Words that never name a party on their own. "Reseller" and "Manufacturer" are not among them: a reseller
# buys from its supplier and a manufacturer may be a subcontractor's customer, so, like a name, they are
# scored by what the text has them do. "Distributor" and "Agent" stay: a fund's distributor or a placement
# agent is paid to deliver, a product distributor buys, and the verbs around the word do not tell them apart.
_ROLE_WORDS = {
    "provider", "supplier", "vendor", "contractor", "licensor", "consultant", "seller", "company", "customer",
    "client", "buyer", "purchaser", "licensee", "subscriber", "party", "parties", "agreement", "effective",
    "effective date", "services", "service", "term", "affiliate", "agent", "distributor", "partner",
    "contract", "msa", "sow", "you", "we", "us",
}  # fmt: skip
# A party defined by one of these words has that role (a shared word such as "Company" says nothing).
_ROLE_OF_WORD = {
    **dict.fromkeys(
        ("provider", "service provider", "supplier", "vendor", "contractor", "consultant", "licensor"),
        "provider",
    ),
    **dict.fromkeys(("customer", "client", "buyer", "purchaser", "licensee", "subscriber"), "customer"),
}
# What follows a party's name when it delivers the services, or when it pays; what precedes a payee.
_DELIVERS = re.compile(
    r"(?:['’]s\s+\w+\s+)?\s*(?:shall|will|must|agrees?\s+to|undertakes?\s+to)\s+(?:\w+\s+){0,3}?"
    r"(?:provide|perform|deliver|maintain|support|host|supply|furnish|render|install|repair|correct|respond|resolve)",
    re.IGNORECASE,
)
_PAYS = re.compile(r"\s*(?:shall|will|must|agrees?\s+to)\s+(?:\w+\s+){0,2}?pay\b", re.IGNORECASE)
_PAID = re.compile(r"\bpa(?:y|id)\s+(?:to\s+)?$", re.IGNORECASE)
_MARGIN = 2  # how much clearer one party's role must be than the other's
# A party that also delivers (work orders, information) is still the customer when the provider delivers
# this many times as often.
_CLEAR_LEAD = 3
_ROLES = ("provider", "customer")
# Contracts that never define their parties in quotes ("This agreement ... between Galacticomm and Horst
# Entertainment Inc.", "made between SEV and DCL"): the names that open obligations ("SEV shall ...") are
# the candidates, and the opening lines must name both of them together.
_SUBJECT = re.compile(
    r"\b([A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*)?)\s+(?:shall|will|must|agrees?\s+to|undertakes?\s+to)\b"
)
_NOT_A_NAME = {
    "the", "each", "either", "neither", "such", "this", "that", "any", "all", "no", "if", "it", "he", "she",
    "they", "we", "you", "in", "notwithstanding", "nothing", "both", "its", "their", "these", "there",
}  # fmt: skip
_BETWEEN_WINDOW = 400
_LETTERED_MIN = 5  # "Party A" this often: the contract's own name for a party, not one clause's label
_PLAIN_WORD = re.compile(r"[a-z]+")


def _definitions(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(offset, name) of each party defined in ``text[lo:hi]`` (a legal entity, or a person the preamble
    calls an individual), in order, each name once."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    previous_end = lo
    for match in _DEFINED.finditer(text, lo, min(len(text), hi)):
        name = _working_name(text, match.group("name"), match.group("alias"))
        if "referred" in match.group().lower():  # the long window stops at the previous definition
            start = max(previous_end, match.start() - _HEREINAFTER_WINDOW)
        else:
            start = max(0, match.start() - _ENTITY_WINDOW)
        previous_end = match.end()
        if _ENTITY.search(text, start, match.start()) and len(name) >= 2 and name not in seen:
            found.append((match.start(), name))
            seen.add(name)
    return found


def _working_name(text: str, name: str, alias: str | None) -> str:
    """Of a name and its alias ('"BE" or "Operator"'), the one the text goes on to use more (a role word
    such as "Party" never wins)."""
    name = name.strip()
    if alias is None or alias.strip().lower() in _ROLE_WORDS:
        return name
    alias = alias.strip()
    return alias if len(_occurrences(alias, text)) > len(_occurrences(name, text)) else name


def _defined_parties(text: str) -> list[str]:
    """What the preamble defines legal entities as: names ("Converge") and role words ("Customer"). The
    preamble is the text's start or, when a cover page or contents push it further down, the text from
    the first definition of a legal entity on."""
    defined = _definitions(text, 0, _PREAMBLE_CHARS)
    if not defined:
        first = _definitions(text, 0, _COVER_CHARS)[:1]
        defined = _definitions(text, first[0][0], first[0][0] + _PREAMBLE_CHARS) if first else []
    return [name for _, name in defined]


def party_names(text: str) -> list[str]:
    """Names the preamble defines for legal entities ('Converge, Inc. ("Converge")'), not role words or
    defined terms such as "Agreement"."""
    return _names(_defined_parties(text))


def _names(defined: list[str]) -> list[str]:
    return [name for name in defined if name.lower() not in _ROLE_WORDS and not _TERM.search(name)]


def _defined_roles(defined: list[str]) -> set[str]:
    """The roles of the parties the preamble defines by a role word ('Quantum Group Inc. ("Customer")'); a
    shared word ("Company") counts as a role that says nothing, so two role-defined parties give two."""
    words = [n.lower() for n in defined if n.lower() in _ROLE_OF_WORD or n.lower() == "company"]
    return {_ROLE_OF_WORD.get(word, "either") for word in words}


def _score(name: str, text: str) -> int:
    """Positive when ``name`` looks like the provider (it delivers, or it is paid), negative when it pays."""
    score = 0
    for start in _occurrences(name, text):
        end = start + len(name)
        if _DELIVERS.match(text, end):
            score += 1
        elif _PAYS.match(text, end):
            score -= 1
        if _PAID.search(text, max(0, start - 20), start):
            score += 1
    return score


def _scores(names: list[str], text: str, lowered: str) -> list[tuple[int, str]]:
    """(score, name) per name, case-blind: a name defined as "CORIO" is written "Corio" in the body.
    ``lowered`` is the text lower-cased, or "" when lowering moved offsets (rare characters): then the names
    are scored as written."""
    if not lowered:
        return [(_score(name, text), name) for name in names]
    return [(_score(name.lower(), lowered), name) for name in names]


def _occurrences(name: str, text: str) -> list[int]:
    """Where ``name`` stands as a word (``str.find``: far cheaper than a regex with look-arounds)."""
    found: list[int] = []
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_.") and not (after.isalnum() or after == "_"):
            found.append(start)
        start = text.find(name, start + 1)
    return found


def _word(name: str) -> str:
    return rf"(?<![\w.]){re.escape(name)}(?![\w])"


def _named_between(text: str) -> list[str]:
    """The two names that most often open an obligation, when the opening "between X and Y" names both."""
    counts = Counter(m.group(1) for m in _SUBJECT.finditer(text))
    names = [
        name
        for name, _ in counts.most_common()
        if name.split()[0].lower() not in _NOT_A_NAME
        and name.lower() not in _ROLE_WORDS
        and not _TERM.search(name)
    ][:2]
    if len(names) < 2:
        return []
    head = text[:_COVER_CHARS]
    for first, second in (names, names[::-1]):
        between = re.search(rf"\bbetween\s+(?:the\s+)?{re.escape(first)}\b", head)
        if between and re.search(
            rf"\band\s+(?:the\s+)?{re.escape(second)}\b",
            head[between.end() : between.end() + _BETWEEN_WINDOW],
        ):
            return names
    return []


def _lettered(text: str) -> list[str]:
    """'Party A' and 'Party B', when the contract calls its parties that throughout ("Party A (Shipper):
    ZTO Express Co., Ltd.", common in translated contracts) instead of defining a name."""
    names = ["Party A", "Party B"]
    return names if all(len(_occurrences(name, text)) >= _LETTERED_MIN for name in names) else []


# Role words that name a party without giving its side: a product distributor buys, a fund's distributor or a
# placement agent is paid. Who pays settles it.
_SIDE_BY_PAYMENT = ("distributor", "agent")
_BUYS = re.compile(
    r"\s*(?:shall|will|must|agrees?\s+to)\s+(?:\w+\s+){0,2}?(?:pay|purchase|buy|order)\b", re.I
)
_CHARGED = re.compile(r"\b(?:invoice|charge|bill)s?\s+$", re.IGNORECASE)  # "shall invoice Premier"


def _payment_score(name: str, text: str, *, purchases: bool = True) -> int:
    """Negative when ``name`` pays (is invoiced or charged) or, with ``purchases``, buys; positive when it is
    paid (``text`` and ``name`` lower-case). A manufacturer also "shall purchase all ingredients": purchases
    place a distributor, not one of two parties that both deliver."""
    score = 0
    for start in _occurrences(name, text):
        after = _BUYS.match(text, start + len(name))
        if after and (purchases or after.group().rstrip().endswith("pay")):
            score -= 1
        before = text[max(0, start - 20) : start]
        if _PAID.search(before):
            score += 1
        elif _CHARGED.search(before):
            score -= 1
    return score


def _side_by_payment(defined: list[str], names: list[str], lowered: str) -> dict[str, str]:
    """Roles when one party is defined as "Distributor" or "Agent" and at most one other is named: the one
    that pays is the customer, provided the other does not pay too (``lowered``: the lower-cased text)."""
    words = [word for word in defined if word.lower() in _SIDE_BY_PAYMENT]
    if len(words) != 1 or len(names) > 1:
        return {}
    word, others = words[0], [(name, _payment_score(name.lower(), lowered)) for name in names]
    score = _payment_score(word.lower(), lowered)
    if score <= -1 and all(other >= 0 for _, other in others):
        return {word: "customer", **{name: "provider" for name, _ in others}}
    if score >= 1 and all(other <= -1 for _, other in others):
        return {word: "provider", **{name: "customer" for name, _ in others}}
    return {}


def _payer_of_two(names: list[str], lowered: str) -> dict[str, str]:
    """Of two parties that both deliver (a co-branding deal, a sponsorship), the one that pays the other is
    the customer, when the other pays nothing (``lowered``: the lower-cased text)."""
    if len(names) != 2:
        return {}
    (first, first_score), (second, second_score) = (
        (n, _payment_score(n.lower(), lowered, purchases=False)) for n in names
    )
    if first_score <= -1 and second_score >= 0:
        return {second: "provider", first: "customer"}
    if second_score <= -1 and first_score >= 0:
        return {first: "provider", second: "customer"}
    return {}


def party_roles(text: str, lowered: str | None = None) -> dict[str, str]:
    """{name: "provider" | "customer"} when one named party clearly delivers and another clearly does not,
    or, failing that, when the payments say which side each is on; else {}. Other named parties (a parent
    company, a guarantor) keep their names. ``lowered``: ``text.lower()``, when the caller has it."""
    defined = _defined_parties(text)
    names = _names(defined)
    lowered = text.lower() if lowered is None else lowered
    lowered = lowered if len(lowered) == len(text) else ""  # lowering moved offsets: read as written
    if by_payment := _side_by_payment(defined, names, lowered):
        return by_payment
    if len(names) < 2:  # the parties may go by "Party A" and "Party B", or by names never defined
        names = _lettered(text) or (names if defined else _named_between(text))
    if len(names) == 1:
        return _opposite_of_defined_role(names[0], _defined_roles(defined), text, lowered)
    if len(names) < 2:
        return {}
    scores = sorted(_scores(names, text, lowered), reverse=True)
    (best, provider), (runner_up, _) = scores[0], scores[1]
    if best < _MARGIN or best - runner_up < _MARGIN:
        return _payer_of_two(names, lowered)
    lowest, customer = scores[-1]
    if len(scores) > 2 and scores[-2][0] == lowest:
        return {provider: "provider"}  # several parties look alike: which one is the customer is unclear
    if len(scores) > 2 and lowest > 0 and best < _CLEAR_LEAD * lowest:
        return {provider: "provider"}  # customers deliver too (access, information): the gap must be wide
    return {provider: "provider", customer: "customer"}


def _opposite_of_defined_role(name: str, roles: set[str], text: str, lowered: str) -> dict[str, str]:
    """The one named party's role when the other party is defined by its role: the opposite one. Facing a
    "Customer", the name must also be seen delivering; facing a "Provider", nothing can contradict it
    (customers "provide access" and "furnish information" too, so delivery verbs prove nothing). Not when
    both parties are defined by role words ("Company" and "Licensor"): the name is then someone else."""
    if roles == {"customer"} and _scores([name], text, lowered)[0][0] >= 1:
        return {name: "provider"}
    if roles == {"provider"}:
        return {name: "customer"}
    if roles == {"either"} and _scores([name], text, lowered)[0][0] >= _MARGIN:
        return {name: "provider"}  # facing a "Company", a name seen delivering is the provider
    return {}


# role -> the role words a name may be overwritten with, preferred first
StandIns = Mapping[str, tuple[str, ...]]


def stand_ins(macros: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The single words of the rule set's ``{provider}`` and ``{customer}`` macros, so that a name
    overwritten by one of them is read by the same rules; a word in both (``company``) says nothing."""
    words = {
        role: [w for w in macros.get(role, "").split("|") if _PLAIN_WORD.fullmatch(w)] for role in _ROLES
    }
    shared = set(words["provider"]) & set(words["customer"])
    return {role: tuple(w for w in found if w not in shared) for role, found in words.items()}


# Role words that also name someone else in rules: "vendors" and "contractors" are subcontractors, a
# "seller" sells goods. A name is overwritten with one of them only when no other role word fits.
_AMBIGUOUS_STAND_INS = ("vendor", "contractor", "seller")


def _stand_in(name: str, words: Iterable[str]) -> str | None:
    """The first role word that fits in the name's length, space-padded in front to exactly that length."""
    fitting = sorted((w for w in words if len(w) <= len(name)), key=lambda w: w in _AMBIGUOUS_STAND_INS)
    return fitting[0].rjust(len(name)) if fitting else None  # "HSNS's" -> " you's": possessives hold


def role_view(text: str, roles: Mapping[str, str], stand_ins: StandIns) -> str:
    """``text`` with each party name overwritten by a same-length role word (offsets unchanged)."""
    return role_view_lowered(text, text.lower(), roles, stand_ins)[0]


def role_view_lowered(
    text: str, lowered: str, roles: Mapping[str, str], stand_ins: StandIns
) -> tuple[str, str]:
    """``role_view`` of ``text`` given ``lowered`` (``text.lower()``), with the view's own lower-cased text: a
    review's index needs both, and lowering a long contract again for each name cost 0.4 ms."""
    for name, role in roles.items():
        stand_in = _stand_in(name, stand_ins.get(role, ()))
        if stand_in is None:
            continue
        if len(lowered) != len(text) or len(name.lower()) != len(name):
            text = re.sub(_word(name), stand_in, text, flags=re.IGNORECASE)  # lowering moves offsets
            lowered = text.lower()
            continue
        text, lowered = _overwrite(text, lowered, name.lower(), stand_in)
    return text, lowered


_WORD_CHAR = re.compile(r"\w")


def _overwrite(text: str, lowered: str, name: str, stand_in: str) -> tuple[str, str]:
    """Every whole-word occurrence of ``name`` (lower-case) overwritten by ``stand_in``: what the regex
    ``_word(name)`` with IGNORECASE does, found with ``str.find`` (a case-insensitive regex cannot use the
    fast literal search and cost a millisecond per name on a long contract)."""
    parts: list[str] = []
    lowered_parts: list[str] = []  # the same cuts of ``lowered``: no second lowering of the whole text
    low_stand_in = stand_in.lower()
    cursor = 0
    position = lowered.find(name)
    while position != -1:
        end = position + len(name)
        before = text[position - 1] if position else ""
        after = text[end] if end < len(text) else ""
        if (before == "" or not (before == "." or _WORD_CHAR.match(before))) and not (
            after and _WORD_CHAR.match(after)
        ):
            parts += (text[cursor:position], stand_in)
            lowered_parts += (lowered[cursor:position], low_stand_in)
            cursor = end
            position = lowered.find(name, end)
        else:
            position = lowered.find(name, position + 1)
    if not parts:
        return text, lowered
    parts.append(text[cursor:])
    lowered_parts.append(lowered[cursor:])
    return "".join(parts), "".join(lowered_parts)
