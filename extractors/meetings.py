"""Meeting triggers from the dependency parse, and what each trigger says about its meeting.

A trigger is a verb such as "meet", "host", "visit" or "hold" + "talks", or a noun
such as "meeting with" / "talks between". Its participants are the people in its
syntactic arguments (subject, object, "with" / "between" / "by" phrases), not every
name in the sentence, so "in the absence of President X" does not attend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractors.lexicon import Lexicon

_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "agent", "attr", "appos", "poss", "conj"}
_PARTNER_PREPS = {"with", "between", "by", "among", "to", "on", "at", "of", "from"}
_CLAUSE_DEPS = {"advcl", "ccomp", "relcl", "acl", "parataxis", "mark", "csubj", "xcomp", "npadvmod"}
_JOINT_VERBS = {"agree", "pledge", "vow", "sign", "reaffirm"}
_SUBORDINATORS = {"after", "since", "before", "when", "as", "while", "because", "once"}
_FRAMING_PREPS = {"during", "following", "after", "at", "in"}
_HOST_VERBS = {"host", "receive", "welcome", "greet"}
_PLANNING_HEADS = {
    "expect", "due", "schedule", "set", "plan", "go", "arrange", "prepare", "aim", "intend",
    "seek", "travel", "fly", "head", "route", "agree", "hope", "want", "propose", "invite",
    "invitation", "accept",
}  # fmt: skip
_HISTORY_MODIFIERS = {"previous", "last", "past", "earlier", "former", "prior", "recent"}
_PLANNED_MODIFIERS = {"upcoming", "forthcoming", "scheduled", "planned", "proposed", "next"}


@dataclass
class Trigger:
    token: Token
    kind: str  # in_person | call | video
    status: str  # held | planned
    subject_tokens: set[int] = field(default_factory=set)
    object_tokens: set[int] = field(default_factory=set)
    host_verb: bool = False
    visit_verb: bool = False
    joint: bool = False


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


class TriggerFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        cues = lexicon.cues
        self.verbs = set(cues["trigger_verbs"])
        self.light_objects = set(cues["object_nouns_for_light_verbs"])
        self.nouns = set(cues["trigger_nouns"])
        self.call_words = {"phone", "telephone", "phone-call", "telephonic"}
        self.video_words = {
            "video", "videoconference", "virtual", "virtually", "teleconference", "online",
        }  # fmt: skip
        self.modals_hypothetical = {"would", "could", "might", "may", "should", "must"}

    # -- status and form -----------------------------------------------------------

    def _status(self, token: Token, sentence: Span) -> str | None:
        """held / planned, or None for negated and hypothetical meetings."""
        chain = [token]
        head = token
        # A subordinate clause ("after they met ...") keeps its own tense.
        subordinate = any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in token.children)
        while not subordinate and head.dep_ in (
            "xcomp",
            "ccomp",
            "advcl",
            "conj",
            "pobj",
            "prep",
            "dobj",
            "acl",
        ):
            if head.head is head:
                break
            head = head.head
            chain.append(head)
            if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("xcomp", "conj", "advcl"):
                break
        planned = False
        for link in chain:
            for child in link.children:
                low = child.lower_
                if child.dep_ == "neg":
                    return None
                if child.dep_ in ("aux", "auxpass"):
                    if low in ("will", "shall", "'ll"):
                        planned = True
                    elif low in self.modals_hypothetical:
                        return None
                if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                    return None
                if child.dep_ == "amod" and low in _PLANNED_MODIFIERS:
                    planned = True
            if link is not token and _lemma(link) in _PLANNING_HEADS:
                planned = True
            if link.lower_ in ("scheduled", "due", "expected", "set", "slated"):
                planned = True
        # An infinitive trigger ("to meet") hanging off a planning word or a present verb.
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            head = token.head
            if _lemma(head) in _PLANNING_HEADS or head.tag_ in ("VBZ", "VBP", "MD"):
                planned = True
        lowered = sentence.text.lower()
        if "ahead of" in lowered and token.pos_ == "NOUN":
            planned = True
        return "planned" if planned else "held"

    def _kind(self, token: Token, sentence: Span) -> str:
        window = [token, *token.children, token.head, *token.head.children]
        words = {t.lower_ for t in window}
        sentence_words = {t.lower_ for t in sentence}
        if words & self.video_words or ({"video"} & sentence_words and "call" in sentence_words):
            return "video"
        if words & self.call_words:
            return "call"
        if sentence_words & {"phone", "telephone", "telephoned", "phoned"}:
            return "call"
        if _lemma(token) == "call" and token.pos_ == "NOUN":
            return "call"
        if sentence_words & self.video_words:
            return "video"
        return "in_person"

    # -- arguments --------------------------------------------------------------

    def _arguments(self, token: Token) -> tuple[set[int], set[int]]:
        """Token ids in the trigger's subject and in its partner arguments."""
        subject: set[int] = set()
        partners: set[int] = set()
        carriers = [token]
        # Light verbs: "hold talks with", "have a phone call with".
        for child in token.children:
            if child.dep_ == "dobj" and _lemma(child) in self.light_objects:
                carriers.append(child)
        for carrier in carriers:
            for child in carrier.children:
                if (
                    child.dep_ in ("nsubj", "nsubjpass")
                    or child.dep_ == "poss"
                    or (
                        child.dep_ == "compound"
                        and child.pos_ == "PROPN"
                        and carrier.pos_ == "NOUN"
                    )
                ):
                    subject |= _subtree_ids(child)
                elif child not in carriers:
                    partners |= self._partner_ids(child)
        # A noun trigger inside a phrase ("during a phone call with X, Y discussed",
        # "following a meeting with X, Y said") takes the clause's subject and objects.
        # "talks between A and B" names everyone; no one else is added.
        names_all = any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children)
        if token.pos_ == "NOUN" and not subject and not names_all:
            head = token.head
            steps = 0
            while head.pos_ not in ("VERB", "AUX") and head.head is not head and steps < 3:
                head = head.head
                steps += 1
            if head.pos_ in ("VERB", "AUX"):
                for child in head.children:
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        subject |= _subtree_ids(child)
                    elif child.dep_ in ("dobj", "dative") and token.i not in _subtree_ids(child):
                        partners |= _subtree_ids(child)
        # A subject shared with a governing or conjoined verb: "X arrived and met Y",
        # "X flew to Hanoi to meet Y".
        # "Y accepted X's invitation to visit": the inviter (possessive) is the partner.
        head = token
        while (
            not subject
            and head.dep_ in ("conj", "xcomp", "advcl", "acl", "dobj")
            and (head.head is not head)
        ):
            head = head.head
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    subject |= _subtree_ids(child)
                elif child.dep_ == "poss" and head.pos_ == "NOUN":
                    partners |= _subtree_ids(child)
        return subject, partners - subject

    def _partner_ids(self, token: Token) -> set[int]:
        """The partner part of an argument, leaving out clauses and other events in it."""
        if token.dep_ in _CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")):
            return set()
        if token.dep_ in ("prep", "agent"):
            if token.lower_ not in _PARTNER_PREPS:
                return set()
            if token.lower_ == "of" and not self._is_trigger(token.head):
                return set()
        if self._is_trigger(token) and token.dep_ not in ("dobj",):
            return set()  # "ahead of a summit between A and B" is another meeting
        found = {token.i}
        for child in token.children:
            found |= self._partner_ids(child)
        return found

    def _is_trigger(self, token: Token) -> bool:
        lemma = _lemma(token)
        if token.pos_ in ("VERB", "AUX"):
            if lemma == "call":
                preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "prt")}
                return "for" not in preps and not any(
                    c.dep_ in ("oprd", "ccomp", "xcomp") for c in token.children
                )
            if lemma in ("hold", "have", "begin", "exchange", "engage", "conduct", "continue"):
                return any(
                    c.dep_ == "dobj" and _lemma(c) in self.light_objects for c in token.children
                )
            if lemma in ("talk", "speak"):
                return any(c.lower_ in ("with", "by", "over", "to") for c in token.children)
            return lemma in self.verbs or lemma in _JOINT_VERBS
        if token.pos_ in ("NOUN", "PROPN"):
            if lemma not in self.nouns:
                return False
            if any(c.lower_ in _HISTORY_MODIFIERS for c in token.children if c.dep_ == "amod"):
                return False
            # "talks with X", "their meeting", or the frame of a clause: "During the
            # talks, X told Y ...".
            return (
                any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in token.children)
                or any(c.dep_ == "poss" for c in token.children)
                or (token.dep_ == "pobj" and token.head.lower_ in _FRAMING_PREPS)
            )
        return False

    def find(self, sentence: Span) -> list[Trigger]:
        triggers = []
        for token in sentence:
            if not self._is_trigger(token):
                continue
            status = self._status(token, sentence)
            if status is None:
                continue
            subject, partners = self._arguments(token)
            lemma = _lemma(token)
            triggers.append(
                Trigger(
                    token=token,
                    kind=self._kind(token, sentence),
                    status=status,
                    subject_tokens=subject,
                    object_tokens=partners,
                    host_verb=lemma in _HOST_VERBS,
                    visit_verb=lemma == "visit",
                    joint=lemma in _JOINT_VERBS,
                )
            )
        return triggers
