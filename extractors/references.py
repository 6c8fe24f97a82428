"""Who a word refers to when it is not a name: pronouns, offices and groups.

"She met him", "the President received the visiting minister", "the two leaders
discussed ...", "the foreign ministers of Peru and Chile held talks": each stands for
people named elsewhere in the article. A pronoun is the nearest compatible person
named before it; an office is the person who holds it (of the state it names, if it
names one), preferring the one mentioned last; a group is the people of the meeting
being reported, or of the states it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from extractors.descriptors import Descriptors
from extractors.lexicon import Lexicon
from extractors.people import Person, Roster

PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "their", "both"}
FIRST_PERSON = {"i", "me", "my"}
# Words of a speaker's label or a byline besides capitalised ones: "Senator the Hon Ana
# Ruiz", "Ana Ruiz, Minister for Foreign Affairs:".
_LABEL_WORDS = {"the", "of", "for", "and", ",", "&", "-"}
_GROUP_COUNTS = {"two", "both", "three", "four", "all"}
_COUNT_VALUES = {"two": 2, "both": 2, "three": 3, "four": 4}
_VISITING = {"visiting", "guest", "visitor", "visitors"}
_HOSTING = {"host", "hosts", "hosting"}
# Courtesy words that stand for a person when no name follows them, and whom they fit.
_COURTESY_HEADS = {"majesty": "monarch", "highness": "royal", "excellency": "anyone"}
_TOGETHER = {"trilateral", "together", "jointly", "joint", "quadrilateral", "multilateral"}


@dataclass(frozen=True)
class Reference:
    people: frozenset[int]
    group: bool  # "the two leaders", "they": stands for the people of the current meeting
    separately: bool = False  # "her Peruvian and Chilean counterparts": one meeting each
    # "the two leaders" before any meeting is reported: the two leaders named just before
    recent: frozenset[int] = frozenset()


class Resolver:
    """Resolves the non-name words of one document (body or headline) to people."""

    def __init__(
        self,
        doc: Doc,
        roster: Roster,
        descriptors: Descriptors,
        lexicon: Lexicon,
        owner: dict[int, int],
        *,
        headline: bool = False,
        home: str | None = None,
    ) -> None:
        self.doc = doc
        self.home = home  # the country the story is set in: its visitors come from elsewhere
        self.headline = headline  # headline words come before the whole body
        self.roster = roster
        self.people = roster.people
        self.descriptors = descriptors
        self.lexicon = lexicon
        self.owner = owner
        self._name_tokens = {
            i
            for person in roster.people
            for m in person.body_mentions
            for i in range(m.start, m.end)
        }
        self._mention_starts = sorted(
            (m.start, index)
            for index, person in enumerate(roster.people)
            for m in person.body_mentions
        )

    def people_in(self, tokens: set[int], exclude: frozenset[int] = frozenset()) -> Reference:
        """The people that the tokens of one argument name or refer to."""
        # "X's envoy", "X's delegation": the possessor sent someone and is not there.
        found = {
            self.owner[i] for i in tokens if i in self.owner and not self._possessor_of_role(i)
        }
        group = separately = False
        recent: set[int] = set()
        for i in sorted(tokens):
            if i in self.owner:
                continue
            token = self.doc[i]
            low = token.lower_
            if low in PRONOUNS and token.dep_ == "poss" and self._is_role(token.head):
                # "she sent her envoy": the envoy goes, not she; "he hosted his counterpart":
                # "his" is the host himself, whoever else the sentence has named.
                if token.head.lemma_.lower() == "counterpart":
                    person = self.previous_subject(i, frozenset())
                    person = person if person is not None else self.previous_person(i, frozenset())
                    if person is not None:
                        found.add(person)
                continue
            if low in PRONOUNS and token.dep_ in (
                "nsubj",
                "nsubjpass",
                "dobj",
                "pobj",
                "poss",
                "dative",
            ):
                taken = frozenset(found) | exclude
                person = None
                if token.dep_ in ("nsubj", "nsubjpass", "poss"):
                    person = self.previous_subject(i, taken)
                person = person if person is not None else self.previous_person(i, taken)
                if person is not None:
                    found.add(person)
            elif low in FIRST_PERSON and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
                # "I will meet ..." in a transcript or a minister's own release: the speaker
                # whose label or byline stands before it.
                person = self.speaker_before(i)
                if person is not None and person not in exclude:
                    found.add(person)
            elif low in GROUP_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss", "pobj"):
                group = True
            elif token.pos_ in ("NOUN", "PROPN") and i in self.descriptors.title_at:
                title = self.descriptors.title_at[i]
                if i != title.end - 1:
                    # "the Home Secretary and Secretary Ruiz": a title ending at "and"
                    # is an office of its own.
                    if token.lower_ in self.lexicon.title_heads and self.doc[i + 1].lower_ == "and":
                        person = self.office_holder(token, frozenset(found) | exclude)
                        if person is not None:
                            found.add(person)
                    continue
                if title.plural and self._names_an_event(title.end):
                    continue  # "held a Foreign Ministers' Meeting with X": a name, not a group
                if title.plural:
                    group = True
                    members = self._group_of_states(token)
                    found |= members
                    recent |= self._counted_recent(token) if not members else set()
                    separately = separately or (len(members) >= 2 and not self._together(token))
                else:
                    person = self.office_holder(token, frozenset(found) | exclude)
                    if person is not None:
                        found.add(person)
            elif (
                token.pos_ in ("NOUN", "PROPN")
                and self._is_group_noun(token)
                and (token.tag_ in ("NNS", "NNPS") or self._counted(token))
            ):
                members = self._group_of_states(token)
                # "delegations from Peru and Chile" with no one named for them are unnamed
                # people, not the meeting being reported ("the two delegations").
                group = bool(members) or not self._names_states(token)
                found |= members
                recent |= self._counted_recent(token) if not members else set()
                # "met the leaders of Peru and Chile", "her Peruvian and Chilean
                # counterparts": one meeting with each, unless they met together.
                separately = separately or (len(members) >= 2 and not self._together(token))
            elif token.lower_ in _COURTESY_HEADS and self._stands_alone(token):
                # "His Majesty said": the monarch the article names; "Her Excellency": the
                # person it is about.
                person = self.office_holder(token, frozenset(found) | exclude)
                if person is not None:
                    found.add(person)
            elif token.pos_ in ("NOUN", "PROPN") and self._is_role_noun(token):
                person = self.office_holder(token, frozenset(found) | exclude)
                if person is not None:
                    found.add(person)
        return Reference(frozenset(found), group, separately, frozenset(recent))

    # -- single people --------------------------------------------------------------------

    def previous_person(self, offset: int, taken: frozenset[int]) -> int | None:
        """The person named last before token ``offset``, not one already taken."""
        if self.headline:
            return None
        best = None
        for start, index in self._mention_starts:
            if start >= offset:
                break
            if index not in taken:
                best = index
        return best

    def protagonist(self) -> int | None:
        """The person the story is about: the first named as the subject of a clause, else
        the first named."""
        if self.headline or not self._mention_starts:
            return None
        for start, index in self._mention_starts:
            head = self.doc[start]
            while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass"):
                return index
        return self._mention_starts[0][1]

    def speaker_before(self, offset: int) -> int | None:
        """The person whose speaker label ("Ana Ruiz, Foreign Minister:") or byline (a line
        of its own: "Senator the Hon Ana Ruiz") comes last before token ``offset``."""
        if self.headline:
            return None
        labels = [
            (m.start, index)
            for index, person in enumerate(self.people)
            for m in person.body_mentions
            if m.start < offset and self._is_label(m.start, m.end)
        ]
        return max(labels)[1] if labels else None

    def speaker_of_turn(self, offset: int) -> int | None:
        """The speaker whose label ("Ana Ruiz, Foreign Minister:") opens the paragraph of
        token ``offset``."""
        if self.headline:
            return None
        doc = self.doc
        line_start = _line_start(doc, offset)
        for start, index in self._mention_starts:
            if line_start <= start < offset:
                end = next(m.end for m in self.people[index].body_mentions if m.start == start)
                colon = next((t.i for t in doc[end : end + 12] if t.text == ":"), None)
                if colon is not None and colon < offset and self._is_label(start, end):
                    return index
                return None  # the paragraph opens with a name that is no label
        return None

    def _is_label(self, start: int, end: int) -> bool:
        doc = self.doc
        before = doc[_line_start(doc, start) : start]
        if len(before) > 4 or not all(_label_word(t) for t in before):
            return False
        for token in doc[end : end + 12]:
            if token.text == ":":
                return True
            if not _label_word(token):
                return False
            if _breaks_line(token):
                return True
        return end >= len(doc) or _breaks_line(doc[end - 1])

    def previous_subject(self, offset: int, taken: frozenset[int]) -> int | None:
        """The last person who was the subject of a clause in this or the previous sentence:
        "A called on B, and then she met C" - "she" continues the subject, A."""
        token = self.doc[offset]
        start = token.sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        best = None
        for i in range(start, offset):
            person = self.owner.get(i)
            word = self.doc[i]
            if person is None and self._office_subject(word):
                # "EAM will call on X. ... he is scheduled to meet Y": an office named alone
                # carries the subject on as a name would.
                person = self.office_holder(word, taken)
                if person is not None and person not in taken:
                    best = person
                continue
            if person is None or person in taken or i not in self._name_tokens:
                continue
            head = word
            while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
                head = head.head
            # "..., spokeswoman X told a briefing. In his talks, ...": the one who reports
            # the news is not who "he" goes on about.
            if head.dep_ in ("nsubj", "nsubjpass") and not self.people[person].spokesperson:
                best = person
        return best

    def _office_subject(self, word: Token) -> bool:
        """ "The President said", "EAM will call on", "Iran's foreign minister said": an
        office, alone, as subject."""
        title = self.descriptors.title_at.get(word.i)
        affiliations = self.descriptors.affiliation_at
        # "Iran's foreign minister said that he ...": a state's office is as definite.
        of_a_state = title is not None and (
            any(c.dep_ == "poss" and c.i in affiliations for c in word.children)
            or any(i in affiliations for i in range(title.start - 1, title.end))
        )  # "Iran's foreign minister", "the Indian foreign secretary"
        return (
            title is not None
            and word.i == title.end - 1
            and (title.capitalised or of_a_state)
            and not title.plural
            and word.dep_ in ("nsubj", "nsubjpass")
            and word.i + 1 not in self.owner
        )

    def office_holder(self, noun: Token, taken: frozenset[int]) -> int | None:
        """The one person "the (Cuban) President", "the visiting minister", "the envoy" means."""
        top = noun
        title = self.descriptors.title_at.get(noun.i)
        # "the Cuban head of state": the phrase of "head", not of "state".
        while title is not None and top.head.i != top.i and title.start <= top.head.i < title.end:
            top = top.head
        words = [t for t in top.subtree if t.i <= noun.i and t.dep_ not in ("det", "case")]
        if any(t.i in self.owner for t in words):
            return None
        country = org = None
        for t in words:
            a = self.descriptors.affiliation_at.get(t.i)
            if a is not None:
                country, org = a.country, a.org
        head = self._head_of(noun)
        visiting = any(t.lower_ in _VISITING for t in words) or noun.lower_ in _VISITING
        hosting = any(t.lower_ in _HOSTING for t in words) or noun.lower_ in _HOSTING
        sided = [
            index
            for index, person in enumerate(self.people)
            if index not in taken
            and person.body_mentions
            and (not (country or org) or (person.country, person.org) == (country, org))
        ]
        # The holder of that office; failing that, "the Cuban head of state" is the one Cuban
        # named before (the article may call his office something else).
        candidates = [k for k in sided if not head or self._holds(self.people[k], head)]
        if title is not None and title.initials:
            # "EAM": the External Affairs Minister, not any minister.
            office = title.text.lower()
            candidates = [k for k in candidates if office in self.people[k].offices] or candidates
        if not candidates and (country or org or visiting):
            # "the visiting envoy": whoever came, whatever the article called their office.
            candidates = [k for k in sided if self.people[k].first_body_token() < noun.i]
        if visiting or hosting:
            candidates = [k for k in candidates if self._side_matches(k, visiting)] or candidates
        if not candidates:
            return None
        before = [
            k for k in candidates if self.headline or self.people[k].first_body_token() < noun.i
        ]
        pool = before or candidates
        if len(pool) == 1:
            return pool[0]
        # Several could hold the office: the one the article is about (named most often),
        # then the one named last before this word.
        mentions = {k: len(self.people[k].body_mentions) for k in pool}
        most = max(mentions.values())
        pool = [k for k in pool if mentions[k] == most]
        if len(pool) == 1:
            return pool[0]
        if visiting or hosting:
            # "the visiting dignitary": the visit's protagonist, whom the story names first.
            return min(pool, key=lambda k: self.people[k].first_body_token())
        others = frozenset(i for i in range(len(self.people)) if i not in pool)
        return self.previous_person(noun.i, others)

    def _names_an_event(self, end: int) -> bool:
        """ "Foreign Ministers' Meeting", "Leaders' Summit": a plural title in possessive
        before an event noun names the event."""
        doc = self.doc
        return (
            end + 1 < len(doc)
            and doc[end].text in ("'", "\u2019", "'s", "\u2019s")
            and doc[end + 1].lemma_.lower() in self.lexicon.cue("event_nouns")
        )

    def _possessor_of_role(self, i: int) -> bool:
        head = self.doc[i]
        person = self.owner[i]
        while head.head.i != head.i and self.owner.get(head.head.i) == person:
            head = head.head
        return head.dep_ == "poss" and self._is_role(head.head)

    def _is_role(self, noun: Token) -> bool:
        """ "envoy", "counterpart", "minister", "delegation": someone a possessor has or
        sends, who is not the possessor."""
        low = noun.lemma_.lower()
        return noun.i not in self.owner and (
            low in self.lexicon.role_nouns
            or noun.lower_ in self.lexicon.title_heads
            or low in self.lexicon.cue("attendance_nouns")
        )

    def _stands_alone(self, token: Token) -> bool:
        """ "His Majesty" not followed by the name it introduces."""
        following = token.i + 1
        return following >= len(self.doc) or following not in self.owner

    def _head_of(self, noun: Token) -> str | None:
        if noun.lower_ in _COURTESY_HEADS:
            return _COURTESY_HEADS[noun.lower_]
        title = self.descriptors.title_at.get(noun.i)
        if title is not None and noun.i == title.end - 1:
            return title.head
        if noun.lower_ in self.lexicon.title_heads:
            return self.lexicon.title_singular.get(noun.lower_, noun.lower_)
        low = noun.lemma_.lower()
        return None if low in ("counterpart", "host", "guest", "visitor", "dignitary") else low

    def _holds(self, person: Person, head: str) -> bool:
        title = " ; ".join([(person.title or "").lower(), *person.offices])
        if head == "monarch":
            return any(t in title for t in ("king", "queen", "emperor", "sultan", "emir", "amir"))
        if head == "royal":
            return any(t in title for t in ("prince", "princess", "sheikh", "emir", "crown"))
        if head == "anyone":
            return True
        if head == "premier":  # a prime minister, in the press's word
            return "premier" in title or "prime minister" in title
        if head in ("leader", "head", "monarch", "ruler"):
            return any(t in title for t in self.lexicon.leader_titles)
        if head == "diplomat":
            # "the top diplomats": foreign ministers, whatever the country calls them.
            return any(t in title for t in self.lexicon.diplomat_titles) or person.title_head in (
                "minister",
                "secretary",
            )
        return person.title_head == head or head in title.replace("-", " ").split()

    def _side_matches(self, index: int, visiting: bool) -> bool:
        # The visitor is the one whose country is not where the article is set; without
        # that knowledge, the person introduced second is the guest more often than not.
        country = self.people[index].country
        if self.home and country:
            return (country != self.home) == visiting
        order = sorted(
            (k for k, p in enumerate(self.people) if p.body_mentions),
            key=lambda k: self.people[k].first_body_token(),
        )
        return (order.index(index) > 0) == visiting if index in order else False

    def _is_role_noun(self, token: Token) -> bool:
        return token.lemma_.lower() in self.lexicon.role_nouns

    def _is_group_noun(self, token: Token) -> bool:
        return token.lemma_.lower() in self.lexicon.group_nouns

    def _together(self, token: Token) -> bool:
        return any(t.lower_ in _TOGETHER for t in token.sent)

    def _counted(self, token: Token) -> bool:
        return any(c.lower_ in _GROUP_COUNTS for c in token.children)

    # -- groups ---------------------------------------------------------------------------

    def _counted_recent(self, noun: Token) -> set[int]:
        """ "the two leaders", "both ministers": the people holding that office named in
        this sentence or the two before, when they are exactly as many as counted."""
        count = next(
            (_COUNT_VALUES[c.lower_] for c in noun.children if c.lower_ in _COUNT_VALUES), None
        )
        head = self._head_of(noun)
        if count is None or self.headline or not head:
            return set()
        sentence = noun.sent
        window_start = sentence.start
        for _ in range(2):
            if window_start > 0:
                window_start = self.doc[window_start - 1].sent.start
        named = {
            index
            for start, index in self._mention_starts
            if window_start <= start < noun.i and self._holds(self.people[index], head)
        }
        return named if len(named) == count else set()

    def _states_of(self, noun: Token) -> set[str]:
        """The states a group noun's own words name: "the leaders of Peru and Chile"."""
        states = set()
        for t in noun.subtree:
            a = self.descriptors.affiliation_at.get(t.i)
            side = (a.country or a.org) if a is not None else None
            if side is not None and t.i != noun.i:
                states.add(side)
        return states

    def _names_states(self, noun: Token) -> bool:
        return len(self._states_of(noun)) >= 2

    def _group_of_states(self, noun: Token) -> set[int]:
        """ "the foreign ministers of Peru and Chile": the people of those states."""
        states = self._states_of(noun)
        if len(states) < 2:
            return set()
        head = self._head_of(noun)
        found = set()
        unheld = []
        # "talks between the Peruvian and Chilean delegations": a delegation is whoever
        # leads it, named in the sentence; not the head of state named elsewhere.
        delegation = noun.lemma_.lower() == "delegation"
        sentence = noun.sent
        for state in sorted(states):
            holders = [
                k
                for k, p in enumerate(self.people)
                if p.side == state and p.body_mentions and (not head or self._holds(p, head))
            ] or [
                k
                for k, p in enumerate(self.people)
                if p.side == state
                and p.body_mentions
                and (
                    not delegation
                    or any(sentence.start <= m.start < sentence.end for m in p.body_mentions)
                )
            ]
            if holders:
                found.add(min(holders, key=lambda k: self.people[k].first_body_token()))
            else:
                unheld.append(state)
        # "The foreign ministers of Peru and Chile": the one minister whose side the article
        # has not stated yet is the one state's left over; with two states left over, or
        # two such ministers, nothing says which is whose.
        unsided = [
            k
            for k, p in enumerate(self.people)
            if not p.side and p.body_mentions and head and self._holds(p, head)
        ]
        if len(unheld) == 1 and len(unsided) == 1:
            self.people[unsided[0]].country = unheld[0]
            found.add(unsided[0])
        return found


def _line_start(doc: Doc, offset: int) -> int:
    """The first token of the line holding token ``offset``."""
    while offset > 0 and not _breaks_line(doc[offset - 1]):
        offset -= 1
    return offset


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _label_word(token: Token) -> bool:
    return token.is_space or token.text[:1].isupper() or token.lower_ in _LABEL_WORDS
