"""Words that report a meeting, and what the grammar around each says about it.

A cue is a verb ("met", "received", "called on", "spoke with", "discussed ... with"),
a light verb with an event noun ("held talks with", "paid a courtesy call on",
"received a phone call from"), or an event noun on its own ("the meeting between",
"their talks", "during the call"). For each, the parse gives the two sides (subject
and partner arguments, the agent of a passive), the status (held; planned when a
future or a plan governs it; none when it is negated, hypothetical, sought or
cancelled) and the form (in person, phone, video).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from domain.models import MeetingKind, MeetingStatus
from extractors.lexicon import Lexicon
from extractors.phrases import medium_noun, own_phrase
from extractors.status import StatusReader

_PARTNER_PREPS = {"with", "between", "among", "to", "by", "on", "from", "of", "and", "for"}
_SKIPPED_CLAUSES = {
    "advcl",
    "ccomp",
    "relcl",
    "acl",
    "parataxis",
    "csubj",
    "mark",
    "xcomp",
    "npadvmod",
}
_FRAMING_PREPS = {"during", "following", "after", "at", "in", "on", "ahead", "before", "since"}
_CONTROL_BY_OBJECT = {
    "send",
    "ask",
    "invite",
    "instruct",
    "dispatch",
    "direct",
    "authorize",
    "authorise",
    "urge",
    "task",
    "mandate",
    "depute",
}
_DELEGATION_LEADS = {"lead", "head"}


@dataclass(frozen=True)
class Cue:
    token: Token
    status: MeetingStatus | None  # None when the meeting did not and will not happen
    conditional: bool  # "would": planned only if the article gives a future date
    kind: MeetingKind
    kind_stated: bool
    subject: frozenset[int]
    partners: frozenset[int]
    host_subject: bool  # "A hosted B", "A received B": A is the host
    visitor_subject: bool  # "A visited B", "A called on B": A is the visitor
    weak: bool  # reports something said or agreed at a meeting rather than the meeting
    joint: bool  # needs a plural subject: "A and B agreed"
    anaphoric: bool  # "the meeting", "Sunday's talks": the meeting already reported
    separately: bool  # "met A and B separately": one meeting with each


_NOT_PEOPLE = {"DATE", "TIME", "GPE", "LOC", "FAC"}
_PLACES = {"GPE", "LOC", "FAC"}
_JOINT_CALL_WORDS = {"joint", "conference", "trilateral", "three-way", "quadrilateral", "together"}
_PLACE_PREPS = {"at", "in"}
_GATHERING = {"bring", "gather", "involve", "include", "unite", "feature", "assemble"}
_AUDIENCES = {
    "reporter", "journalist", "press", "media", "conference", "briefing", "parliament",
    "lawmaker", "legislator", "senator", "correspondent", "audience", "crowd", "nation",
}  # fmt: skip  # where a cue happened, not with whom
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


class CueFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.partner_verbs = lexicon.cue("partner_verbs")
        self.with_verbs = lexicon.cue("with_verbs")
        self.light_verbs = lexicon.cue("light_verbs")
        self.event_nouns = lexicon.cue("event_nouns")
        self.weak_verbs = lexicon.cue("weak_verbs")
        self.host_verbs = lexicon.cue("host_verbs")
        self.visit_verbs = lexicon.cue("visit_verbs")
        self.joint_verbs = lexicon.cue("joint_verbs")
        self.call_words = lexicon.cue("call_words")
        self.video_words = lexicon.cue("video_words")
        self.not_a_call = lexicon.cue("not_a_call")
        self.status = StatusReader(lexicon)
        self.history_modifiers = lexicon.cue("history_modifiers")
        self.written_words = lexicon.cue("written_words")

    # -- which words are cues -----------------------------------------------------------

    def find(self, sentence: Span, *, headline: bool = False) -> list[Cue]:
        cues = []
        for token in sentence:
            kind = self._cue_type(token)
            if kind is None:
                continue
            if kind == "noun" and self._carried_by_verb(token):
                continue  # "held talks with": the verb is the cue
            if kind in ("weak", "joint") and self._in_writing(token):
                continue  # "In the message, A expressed ... to B": a letter, not a meeting
            status, conditional = self.status.read(token, headline)
            subject, partners = self._arguments(token)
            lemma = _lemma(token)
            # "B was received by A", and the reduced relative "a dinner hosted by A".
            passive = any(c.dep_ == "nsubjpass" for c in token.children) or (
                token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)
            )
            host = lemma in self.host_verbs and token.pos_ == "VERB"
            visit = lemma in self.visit_verbs and token.pos_ == "VERB" and self._call_on(token)
            visit = visit or (lemma == "visit" and token.pos_ == "VERB")
            form, stated = self._kind(token)
            cues.append(
                Cue(
                    token=token,
                    status=status,
                    conditional=conditional,
                    kind=form,
                    kind_stated=stated,
                    subject=frozenset(partners if passive else subject),
                    partners=frozenset(subject if passive else partners),
                    # Arguments are swapped for a passive, so the subject is always the actor.
                    host_subject=host,
                    visitor_subject=visit,
                    weak=kind == "weak" or (kind == "noun" and not self._noun_names_sides(token)),
                    joint=kind == "joint",
                    anaphoric=kind == "noun" and self._refers_back(token),
                    separately=any(
                        c.lower_ in ("separately", "individually") for c in token.children
                    )
                    or (form == "call" and not self._joint_call(token))
                    or self._two_settings(token),
                )
            )
        return cues

    def _cue_type(self, token: Token) -> str | None:
        lemma = _lemma(token)
        if token.pos_ in ("VERB", "AUX"):
            return self._verb_cue_type(token, lemma)
        if token.pos_ in ("NOUN", "PROPN") and lemma in self.event_nouns:
            if any(c.dep_ == "amod" and c.lower_ in self.history_modifiers for c in token.children):
                return None
            if lemma == "phone" and token.tag_ in ("NNS", "NNPS"):
                return None  # "pay with their mobile phones": devices, not a call
            if lemma == "visit" and not self._has_prep(token, "with", "by", "from", "to"):
                return None
            if lemma == "call" and any(c.lower_ in ("for",) for c in token.children):
                return None
            if (
                self._has_prep(token, "with", "between", "among")
                # "for talks at the palace with X": the with-phrase hung on the place.
                or any(
                    self._with_on_the_place(c)
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS
                )
                or any(
                    c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON")
                    for c in token.children
                )
                or (token.dep_ == "pobj" and token.head.lower_ in _FRAMING_PREPS)
                or token.dep_ in ("nsubj", "nsubjpass")
                or token.sent.root == token
            ):
                return "noun"
        return None

    def _verb_cue_type(self, token: Token, lemma: str) -> str | None:
        if lemma == "call":
            return "verb" if self._call_is_meeting(token) else None
        # "held talks with", "received a phone call from", "paid a courtesy call on".
        if lemma in self.light_verbs and self._event_object(token) is not None:
            return "verb"
        # "spoke with", "discussed X with", "conferred"; and "the two leaders spoke".
        if lemma in self.with_verbs and (
            self._has_prep(token, "with", "to", "by", "over", "via")
            or lemma == "confer"
            or self._plural_subject(token)
        ):
            return "verb"
        if lemma == "join" and self._joins_for_a_meeting(token):
            return "verb"
        if lemma in self.partner_verbs and (
            self._has_object_or_with(token)
            or self._stray_object(token)
            or self._visitor_on_the_place(token)
        ):
            return "verb"
        if (
            lemma in self.weak_verbs
            and self._has_object_or_with(token)
            and not self._addresses_the_public(token)
        ):
            return "weak"
        if lemma in self.joint_verbs:
            return "joint"
        return None

    def _joins_for_a_meeting(self, verb: Token) -> bool:
        """ "X joined A and B for a trilateral meeting": X meets the people joined."""
        named = any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in verb.children)
        for_a_meeting = any(
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(_lemma(o) in self.event_nouns for o in c.children if o.dep_ == "pobj")
            for c in verb.children
        )
        return named and for_a_meeting

    @staticmethod
    def _addresses_the_public(verb: Token) -> bool:
        """ "told reporters", "told his daily press conference", "briefed lawmakers": words
        to an audience, not to a counterpart."""
        return any(c.dep_ in ("dobj", "dative") and _lemma(c) in _AUDIENCES for c in verb.children)

    @staticmethod
    def _two_settings(token: Token) -> bool:
        """ "met A in Skopje on Wednesday and B in Tirana on Thursday": two places or two
        days in one clause set its partners apart, one meeting each."""
        days: set[str] = set()
        places: set[str] = set()
        for word in token.subtree:
            if word.dep_ != "pobj" or word.head.dep_ != "prep":
                continue
            if word.head.lower_ == "on" and word.ent_type_ == "DATE":
                days.add(word.lower_)
            elif word.head.lower_ == "in" and word.ent_type_ == "GPE":
                places.add(word.lower_)
        return len(days) >= 2 or len(places) >= 2

    @staticmethod
    def _joint_call(token: Token) -> bool:
        """A telephone call joins two parties; "A spoke by phone with B and C" reports one
        call with each, unless the sentence calls it a joint, conference or three-way
        call."""
        return any(t.lower_ in _JOINT_CALL_WORDS for t in token.sent)

    def _in_writing(self, verb: Token) -> bool:
        """ "In the message, A expressed his belief that B ...": what a letter or a
        statement says, framed by "in the <message>"."""
        return any(
            c.dep_ == "prep"
            and c.lower_ == "in"
            and any(_lemma(o) in self.written_words for o in c.children if o.dep_ == "pobj")
            for c in verb.children
        )

    def _event_object(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr") and _lemma(child) in self.event_nouns:
                return child
            if child.dep_ == "dobj" and child.lower_ in ("views", "greetings", "opinions"):
                return child
        return None

    def _carried_by_verb(self, noun: Token) -> bool:
        head = noun.head
        return (
            noun.dep_ in ("dobj", "nsubjpass", "attr")
            and head.pos_ in ("VERB", "AUX")
            and self._cue_type(head) == "verb"
        )

    def _has_prep(self, token: Token, *preps: str) -> bool:
        return any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in preps for c in token.children)

    def _has_object_or_with(self, token: Token) -> bool:
        return any(
            c.dep_ in ("dobj", "dative", "nsubjpass", "agent")
            or (c.dep_ in ("prep", "prt") and c.lower_ in ("with", "to", "on"))
            for c in token.children
        )

    @staticmethod
    def _stray_object(verb: Token) -> set[int]:
        """ "is scheduled to meet Hon. Amina Mwinyi, Cabinet Secretary, to discuss ...": the
        parse hung the name right after an object-less verb elsewhere (on "he", or on the
        verb as a modifier). The run of proper nouns after the verb, with the appositions of
        its last word, is the object."""
        doc = verb.doc
        if any(c.dep_ in ("dobj", "dative") for c in verb.children):
            return set()
        run: list[Token] = []
        for token in doc[verb.i + 1 : verb.sent.end]:
            if token.pos_ != "PROPN" or not token.text[:1].isupper():
                break
            run.append(token)
        if not run or any(t.ent_type_ in _NOT_PEOPLE for t in run):
            return set()  # "met Monday", "visit Lima"
        found = {t.i for t in run}
        for child in run[-1].children:
            if child.dep_ == "appos":
                found |= {t.i for t in child.subtree}
        return found

    def _plural_subject(self, verb: Token) -> bool:
        if verb.dep_ == "xcomp" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
        ):
            verb = verb.head  # "the two leaders agreed to meet again": the subject controls it
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return (
                    child.tag_ in ("NNS", "NNPS")
                    or child.lower_ in ("they", "both")
                    or any(c.dep_ == "conj" for c in child.children)
                )
        return False

    def _call_on(self, token: Token) -> bool:
        return _lemma(token) != "call" or self._has_prep(token, "on", "upon")

    def _call_is_meeting(self, token: Token) -> bool:
        """ "called X", "called on X" are meetings; "called for", "called X a ..." are not."""
        if any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in token.children):
            return False
        preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "prt")}
        if preps & {"for", "off", "out", "up"}:
            return False
        return bool(preps & {"on", "upon", "with"}) or any(c.dep_ == "dobj" for c in token.children)

    def _refers_back(self, noun: Token) -> bool:
        return any(
            (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "their", "its"))
            or (c.dep_ == "poss" and c.pos_ in ("PRON", "NOUN", "PROPN"))
            for c in noun.children
        )

    def _noun_names_sides(self, noun: Token) -> bool:
        of_people = any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "conj" for g in c.subtree)
            for c in noun.children
        )  # "a meeting of A and B", not "a meeting of the Council"
        return (
            of_people
            or self._has_prep(noun, "with", "between", "among")
            or any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" for c in noun.children)
        )

    def _kind(self, token: Token) -> tuple[MeetingKind, bool]:
        """Phone, video or in person, from the words of the cue's own phrase ("spoke by
        phone", "held a video call", "met virtually"); a courtesy call is in person."""
        root = token.head if token.pos_ == "NOUN" and token.head.pos_ in ("VERB", "AUX") else token
        phrase = [token.doc[i] for i in own_phrase(root, self.event_nouns) | {token.i}]
        words = {t.lower_ for t in phrase} | {_lemma(t) for t in phrase}
        lemma = _lemma(token)
        courtesy = lemma == "call" and ("courtesy" in words or self._calls_on_someone(token))
        if words & self.video_words:
            return "video", True
        if not courtesy and (words & self.call_words or lemma in ("phone", "telephone", "ring")):
            return "call", True
        event = self._event_object(token) if token.pos_ in ("VERB", "AUX") else None
        carried = (
            event is not None
            and _lemma(event) == "call"
            and not any(c.lower_ in self.not_a_call for c in event.children)
        )  # "received a call from", not "paid a courtesy call on"
        if (lemma == "call" and not courtesy) or carried:
            return "call", True
        if token.pos_ in ("VERB", "AUX"):
            medium = self._medium_in_sentence(token)
            if medium is not None:
                return medium, True
        return "in_person", False

    @staticmethod
    def _calls_on_someone(token: Token) -> bool:
        """ "called on the President", not "a phone call on Monday"."""
        return any(
            prep.dep_ in ("prep", "prt")
            and prep.lower_ in ("on", "upon")
            and not any(
                o.ent_type_ in ("DATE", "TIME") or o.lower_ in _DAY_WORDS for o in prep.children
            )
            for prep in token.children
        )

    def _medium_in_sentence(self, verb: Token) -> MeetingKind | None:
        noun = medium_noun(verb, self.call_words | self.video_words)
        if noun is None:
            return None
        words = {noun.lower_, _lemma(noun)} | {c.lower_ for c in noun.children}
        return "video" if words & self.video_words else "call"

    # -- arguments ------------------------------------------------------------------------

    def _arguments(self, token: Token) -> tuple[set[int], set[int]]:
        """Token ids on the subject's side and on the partner's side of a cue."""
        subject: set[int] = set()
        partners: set[int] = set()
        carriers = [token]
        event = self._event_object(token) if token.pos_ in ("VERB", "AUX") else None
        if event is not None:
            carriers.append(event)
        for carrier in carriers:
            for child in carrier.children:
                if child in carriers:
                    continue
                if (
                    child.dep_ in ("nsubj", "nsubjpass")
                    or child.dep_ == "poss"
                    or (
                        child.dep_ == "compound"
                        and child.pos_ == "PROPN"
                        and carrier.pos_ == "NOUN"
                    )
                ):
                    subject |= self._argument_ids(child)
                elif child.dep_ == "npadvmod" and child.ent_type_ == "PERSON":
                    # "met with the U.S. special representative, Thomas Hill, on Monday": the
                    # parse hangs an apposed name on the verb as if it were a time.
                    partners |= _subtree(child)
                else:
                    partners |= self._partner_ids(child)
        # "A's first meeting was with B": the copula carries the partner.
        if token.pos_ == "NOUN" and token.dep_ == "nsubj" and _lemma(token.head) == "be":
            for child in token.head.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    partners |= self._partner_ids(child)
        # "The talks brought together A, B and C", "the meeting involved A and B": the
        # verb's object lists the people of the meeting its subject names.
        gathered = (
            token.pos_ == "NOUN" and token.dep_ == "nsubj" and _lemma(token.head) in _GATHERING
        )
        if gathered:
            for child in token.head.children:
                if child.dep_ == "dobj":
                    partners |= self._partner_ids(child)
        # With its people listed ("between A and B", "brought together A and B"), the noun
        # needs no subject from the clause around it.
        between = gathered or any(
            c.dep_ == "prep" and c.lower_ in ("between", "among") for c in token.children
        )
        if token.pos_ in ("NOUN", "PROPN") and not subject and not between:
            subject |= self._clause_subject(token)
        if not subject and not between:
            subject |= self._inherited_subject(token)
            partners |= self._inviters(token)
        if not subject and token.dep_ in ("ROOT", "dep") and token.pos_ in ("VERB", "AUX"):
            # The parse lost the subject (a long dateline or title run into it): the words
            # before the verb in its sentence are the subject's side.
            subject = {t.i for t in token.sent if t.i < token.i and t.dep_ != "punct"} - partners
        if token.dep_ == "relcl":
            # "A and B, who will hold talks": the relative pronoun stands for its antecedent.
            relative = {i for i in subject if token.doc[i].lower_ in ("who", "which", "that")}
            if relative or not subject:
                antecedent = token.head
                while antecedent.dep_ == "conj" and antecedent.head.i != antecedent.i:
                    antecedent = antecedent.head
                subject = (subject - relative) | self._argument_ids(antecedent)
        if not partners and token.pos_ == "VERB" and _lemma(token) in self.partner_verbs:
            stray = self._stray_object(token)
            partners |= stray
            subject -= stray
        nobody = not any(
            token.doc[i].pos_ in ("PROPN", "PRON") and token.doc[i].ent_type_ not in _NOT_PEOPLE
            for i in partners
        )  # "received on Thursday": a day is no partner
        if nobody and token.pos_ == "VERB" and _lemma(token) in self.partner_verbs:
            partners |= self._visitor_on_the_place(token, named=False)
        return subject, partners - subject

    @staticmethod
    def _visitor_on_the_place(verb: Token, *, named: bool = True) -> set[int]:
        """ "received at the palace H.E. Ana Ruiz", "received, at the ministry in Lima, the
        Minister of Trade of Chile, Tomas Vey": with the place before the object, the parse
        hangs the visitor on the place. With ``named``, only a phrase that holds a person's
        name counts ("received at the palace" alone names nobody)."""
        found: set[int] = set()
        for child in verb.children:
            if child.dep_ != "prep" or child.lower_ not in ("at", "in", "on"):
                continue
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.pos_ == "PROPN":
                    found |= {noun.i} | {
                        c.i for c in noun.children if c.dep_ in ("compound", "appos")
                    }
            for word in child.subtree:
                place = word.head.ent_type_ in _PLACES or word.head.head.i == child.i
                if word.dep_ == "appos" and place:
                    found |= _subtree(word)
        if named and not any(verb.doc[i].ent_type_ == "PERSON" for i in found):
            return set()
        return found

    def _argument_ids(self, token: Token) -> set[int]:
        """A subject or object without the clauses hanging off it."""
        found = {token.i}
        for child in token.children:
            if child.dep_ in _SKIPPED_CLAUSES and not self._delegation_lead(child):
                continue
            if child.dep_ == "prep" and child.lower_ not in _PARTNER_PREPS:
                continue
            found |= self._argument_ids(child)
        return found

    def _partner_ids(self, token: Token) -> set[int]:
        """The partner part of an argument, leaving out other events and clauses in it."""
        if token.dep_ in _SKIPPED_CLAUSES and not self._delegation_lead(token):
            return set()
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return set()
        if token.dep_ in ("prep", "agent", "prt"):
            if token.lower_ in _PLACE_PREPS:
                return self._with_on_the_place(token)
            if token.lower_ not in _PARTNER_PREPS:
                return set()
            if token.lower_ == "of" and _lemma(token.head) not in self.event_nouns:
                return set()
            # "a call from X", "received X from": but "greetings from X" came without X.
            if token.lower_ == "from" and not (
                _lemma(token.head) in self.event_nouns or _lemma(token.head) in self.host_verbs
            ):
                return set()
        if token.dep_ in ("npadvmod", "advmod", "punct", "cc", "aux", "neg", "det", "amod", "mark"):
            return set()
        if (
            token.pos_ in ("NOUN", "PROPN")
            and _lemma(token) in self.event_nouns
            and token.dep_ == "pobj"
        ):
            return set()  # "ahead of a summit between A and B" is another meeting
        found = {token.i}
        for child in token.children:
            found |= self._partner_ids(child)
        return found

    def _with_on_the_place(self, prep: Token) -> set[int]:
        """ "held talks at the ministry in Vientiane with X": the parse hangs the "with"
        phrase on the place named before it; a place takes no partner of its own, so the
        phrase is the cue's."""
        found: set[int] = set()
        for word in prep.subtree:
            if word.dep_ == "prep" and word.lower_ == "with" and word.head.dep_ == "pobj":
                found |= self._partner_ids(word)
        return found

    def _delegation_lead(self, token: Token) -> bool:
        """ "a delegation led by X": X stands for the delegation."""
        return token.dep_ == "acl" and _lemma(token) in _DELEGATION_LEADS

    def _clause_subject(self, noun: Token) -> set[int]:
        """ "During the call with X, Y said": the clause's subject meets X."""
        head = noun.head
        steps = 0
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and steps < 3:
            head = head.head
            steps += 1
        found: set[int] = set()
        if head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and noun.i not in _subtree(child):
                    found |= self._argument_ids(child)
        return found

    def _inherited_subject(self, token: Token) -> set[int]:
        """ "X arrived and met Y", "X flew in to meet Y", "A sent X to meet Y"."""
        if token.dep_ == "acl" and (
            token.tag_ == "VBD" or (token.tag_ == "VBN" and self._visitor_on_the_place(token))
        ):
            # "The Chairperson, X, received at the palace Y": a finite past verb the parse
            # hung on the noun before it as a modifier (a name in its place phrase is its
            # object, so it is active); that noun is its subject.
            return self._argument_ids(token.head)
        head = token
        steps = 0
        while (
            # "is due to meet": the adjective carries the clause's subject to the verb.
            head.dep_ in ("conj", "xcomp", "advcl", "acl", "dobj", "pcomp", "pobj", "prep", "acomp")
            and steps < 4
        ):
            governor = head.head
            if governor.i == head.i:
                break
            steps += 1
            if head.dep_ in ("xcomp", "advcl") and _lemma(governor) in _CONTROL_BY_OBJECT:
                for child in governor.children:
                    if child.dep_ == "dobj":
                        return self._argument_ids(child)
            # "A thanked B for hosting him": B hosted.
            if head.dep_ == "pcomp" and governor.lower_ == "for":
                for child in governor.head.children:
                    if child.dep_ == "dobj":
                        return self._argument_ids(child)
            for child in governor.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != head.i:
                    if child.lower_ in ("who", "that") and governor.dep_ == "relcl":
                        # "X, who is set to meet Y": the relative pronoun is X.
                        return self._argument_ids(governor.head)
                    return self._argument_ids(child)
            head = governor
        return set()

    def _inviters(self, token: Token) -> set[int]:
        """ "B accepted A's invitation to visit": A is the one visited."""
        head = token
        for _ in range(3):
            if head.dep_ not in ("acl", "xcomp", "advcl", "relcl") or head.head.i == head.i:
                break
            head = head.head
            if head.pos_ == "NOUN":
                # "A's invitation", "an invitation from A": the one who invites is visited.
                return {
                    t.i
                    for c in head.children
                    if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by"))
                    for t in c.subtree
                    if t.dep_ != "prep"
                }
        return set()
