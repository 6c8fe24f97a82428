"""Whose side each participant is on when the words around their names do not say.

Officials listed as attending take their delegation's side, else that of the
principal they accompany, else the host's; a host acts for the country it hosts in;
the one participant left unknown takes the one other state the article pairs with the
known ones ("Peru-Chile ties"), or names around the meeting.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from urllib.parse import urlsplit

import pycountry
from spacy.tokens import Doc, Span, Token

from domain.models import Location
from extractors.context import ArticleContext
from extractors.descriptors import Descriptors
from extractors.encounters import Encounter
from extractors.people import Person


def attendee_sides(encounter: Encounter, people: tuple[Person, ...]) -> None:
    """Officials listed as attending take the side their delegation names, else the
    host's: readouts list the host's officials without saying whose they are."""
    hosts = {people[p].side for p, role in encounter.roles.items() if role == "host"} - {None}
    # "A was accompanied by Peru's ambassador X": one delegation, one side, when everyone
    # listed with A agrees on it.
    for lead in set(encounter.companions.values()):
        if people[lead].side:
            continue
        with_them = [p for p, q in encounter.companions.items() if q == lead]
        sides = {(people[p].country, people[p].org) for p in with_them}
        if len(sides) == 1 and all(people[p].side for p in with_them):
            people[lead].country, people[lead].org = next(iter(sides))
    for person, side in encounter.attended.items():
        principal = encounter.companions.get(person)
        if people[person].side:
            continue
        if side:
            people[person].country = side
        elif principal is not None and people[principal].side:
            other = people[principal]
            people[person].country, people[person].org = other.country, other.org
        elif len(hosts) == 1:
            people[person].country = next(iter(hosts))


def host_of_the_place(
    encounter: Encounter,
    people: tuple[Person, ...],
    location: Location | None,
    seats: frozenset[str] = frozenset(),
) -> None:
    """A host whose side the article never states acts for the country it hosts in; so
    does the one participant of unknown side when no one else acts for that country,
    unless the place is the seat of organisations where delegations meet (``seats``)."""
    if location is None or not location.country:
        return
    for person, role in encounter.roles.items():
        if role == "host" and not people[person].side:
            people[person].country = location.country
    if location.city not in seats:
        # Readouts list the host's officials without saying whose they are; a visiting
        # delegation's are introduced by their principal or their side.
        principals = {people[p].country for p in encounter.people - encounter.attended.keys()}
        for person in encounter.attended:
            if not people[person].side and location.country in principals:
                people[person].country = location.country
    unknown = [p for p in encounter.people if not people[p].side]
    known = {people[p].country for p in encounter.people}
    if len(unknown) == 1 and location.country not in known and location.city not in seats:
        people[unknown[0]].country = location.country


def infer_sides(
    encounter: Encounter,
    ctx: ArticleContext,
    *,
    is_lead: bool = True,
    everyone: list[Encounter] | None = None,
) -> None:
    """Give the one participant of unknown side the one other state the article names.

    Nearest evidence first: the headline and the meeting's sentence, then the lead,
    then the whole article when one state clearly dominates it. Places ("in Peru",
    "to Chile") are where things happen, not sides.
    """
    people = ctx.roster.people
    unknown = [p for p in encounter.people if not people[p].side]
    # A story datelined in a capital ("Islamabad (Agency): X met Y in New York") is
    # written from that state's side, as a government's own site is.
    dateline = ctx.dateline_place
    seat = dateline is not None and dateline.city in ctx.lexicon.organisation_seats
    home = ctx.publisher or (dateline.country if dateline and not seat else None)
    principals = encounter.people - encounter.attended.keys()
    if home and unknown and home not in {people[p].country for p in principals}:
        # A government's own readout: its official is the one it names first.
        own = min(unknown, key=lambda p: people[p].first_body_token())
        people[own].country = home
        unknown.remove(own)
    if len(unknown) != 1:
        return
    # The states of the other principals are not this one's, nor are those of the people
    # it meets in the article's other meetings; attendees may share it.
    known = {people[p].country for p in principals} - {None}
    for other in everyone or ():
        if other is not encounter and unknown[0] in other.people:
            met = other.people - other.attended.keys() - {unknown[0]}
            known |= {people[p].country for p in met} - {None}
    # "In Peru, she will meet President X", "head to Peru, where she will meet X": the
    # country the meeting is set in is the side of the one it does not bring there.
    scene = {_scene_country(c.cue.token, ctx.body_descriptors) for c in encounter.candidates}
    scene = scene - {None} - known
    if len(scene) == 1:
        people[unknown[0]].country = scene.pop()
        return
    # "Peru-Chile relations", "talks between Peru and Chile": a pair of states that holds
    # one principal's is the other's.
    partners = {b for a, b in _state_pairs(ctx) if a in known and b not in known}
    if len(partners) == 1:
        people[unknown[0]].country = partners.pop()
        return
    sentences = ctx.parsed.sentences
    # A state named as another person's ("Japanese Prime Minister X") is that person's
    # side, not evidence for this one's.
    person = unknown[0]
    roster = ctx.roster
    theirs = {i for i, owner in roster.body_owner.items() if owner != person}
    theirs_in_title = {i for i, owner in roster.title_owner.items() if owner != person}
    # The headline is about the lead meeting; a later one's people are not in it.
    headline = (
        _sides_named(ctx.title_descriptors, ctx.parsed.title[:], owned=theirs_in_title)
        if is_lead
        else []
    )
    skip = ctx.parsed.lead_start
    body = ctx.body_descriptors
    first = (
        _sides_named(body, sentences[encounter.first_sentence], skip, theirs)
        if encounter.sentences
        else []
    )
    lead = [c for s in sentences[:2] for c in _sides_named(body, s, skip, theirs)]
    everywhere = _sides_named(body, ctx.parsed.body[:], skip, theirs)
    tiers = [headline + first, headline + first + lead, headline + everywhere]
    for level, codes in enumerate(tiers):
        counts = Counter(code for code in codes if code not in known)
        ranked = counts.most_common()
        if len(ranked) == 1 or (
            level == 2 and len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1]
        ):
            people[unknown[0]].country = ranked[0][0]
            return


def _scene_country(cue: Token, descriptors: Descriptors) -> str | None:
    """The country a cue's clause is set in: a fronted or clause-level "in <country>", or
    the country a "where" clause hangs on."""
    verb = cue.head if cue.pos_ == "NOUN" and cue.head.pos_ in ("VERB", "AUX") else cue
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        a = descriptors.affiliation_at.get(verb.head.i)
        if a is not None and a.country:
            return a.country
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for noun in child.children:
                a = descriptors.affiliation_at.get(noun.i)
                if noun.dep_ == "pobj" and a is not None and a.country:
                    return a.country
    return None


def own_officials(encounter: Encounter, people: tuple[Person, ...], publisher: str | None) -> None:
    """On a government's own site, the officials it names without a state are its own:
    a readout gives the other side's nationality and leaves out its own. Applied last, to
    whoever nothing else placed, and only in a meeting the publisher takes part in."""
    if publisher is None or publisher not in {people[p].country for p in encounter.people}:
        return
    for person in encounter.people:
        if not people[person].side:
            people[person].country = publisher


_GOVERNMENT_LABELS = {"gov", "go", "gob", "gouv", "govt", "mfa", "mofa", "mid"}


def publisher_country(url: str | None) -> str | None:
    """The state whose government publishes ``url`` ("https://www.mfa.gov.xx/..."), if any:
    a country-code domain under a government label. News sites say nothing of the sort."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    labels = host.lower().split(".")
    if len(labels) < 2 or not _GOVERNMENT_LABELS & set(labels[:-1]):
        return None
    code = {"uk": "GB"}.get(labels[-1], labels[-1].upper())
    return code if len(code) == 2 and pycountry.countries.get(alpha_2=code) else None


def _state_pairs(ctx: ArticleContext) -> set[tuple[str, str]]:
    """Pairs of states the article joins: "A-B ties", "between A and B", both orders."""
    pairs: set[tuple[str, str]] = set()
    found = [a for a in ctx.body_descriptors.affiliations if a.country]
    doc = ctx.parsed.body
    for first, second in pairwise(found):
        joined = doc[first.end : second.start]
        hyphen = len(joined) == 1 and joined[0].text in ("-", "\u2013", "\u2010")
        between = (
            [t.lower_ for t in joined] in (["and"], ["and", "the"])
            and first.start > 0
            and doc[first.start - 1 - (doc[first.start - 1].lower_ == "the")].lower_ == "between"
        )
        if (hyphen or between) and first.country != second.country:
            assert first.country is not None and second.country is not None
            pairs |= {(first.country, second.country), (second.country, first.country)}
    return pairs


def _sides_named(
    descriptors: Descriptors, span: Span, lead_start: int = 0, owned: set[int] | None = None
) -> list[str]:
    codes = []
    doc = span.doc
    for a in descriptors.affiliations:
        if not (span.start <= a.start < span.end) or not a.country:
            continue
        if owned and a.start in owned:
            continue
        if _describes_counterparts(doc, a.start, a.end):
            continue  # "his Cambodian and Japanese counterparts": theirs, not his
        if doc[a.start].idx < lead_start:
            continue  # the dateline's agency ("Some Point News") is not a side
        before = doc[a.start - 1].lower_ if a.start > 0 else ""
        before = doc[a.start - 2].lower_ if before == "the" and a.start > 1 else before
        if before in ("in", "to", "at", "from", "near", "visit", "visits", "visited", "visiting"):
            continue
        if _listed_after_a_place(doc[a.start]):
            continue  # "a visit to Uzbekistan and Kazakhstan": both are places
        if _after_a_place(doc, a.start, descriptors):
            continue  # "Jakarta, Indonesia": the state of a place named before it
        codes.append(a.country)
    return codes


def _after_a_place(doc: Doc, start: int, descriptors: Descriptors) -> bool:
    """Whether the state at ``start`` follows "<place>," as that place's state, not a side
    ("Jakarta, Indonesia"; but "Ana Ruiz, Peru's Foreign Minister" names her side, and
    "Japan, India and Brazil" lists states)."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    following = doc[start + 1] if start + 1 < len(doc) else None
    if following is not None and following.tag_ == "POS":
        return False
    place = doc[start - 2]
    return place.ent_type_ in ("GPE", "LOC", "FAC") and place.i not in descriptors.affiliation_at


def _listed_after_a_place(token: Token) -> bool:
    """A state joined by "and" to one that a place's preposition governs."""
    head = token
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return (
        head.i != token.i
        and head.dep_ == "pobj"
        and head.head.lower_ in ("in", "to", "at", "from", "near")
    )


def _describes_counterparts(doc: Doc, start: int, end: int) -> bool:
    """Whether the state at ``start:end`` qualifies "counterpart(s)", directly or as one of
    a list of states before it ("her Peruvian and Chilean counterparts")."""
    k = end
    while k < len(doc) and (doc[k].lower_ in ("and", ",", "or") or doc[k].ent_type_ == "NORP"):
        k += 1
    return k < len(doc) and doc[k].lemma_.lower() == "counterpart"
