"""Who did it when the clause does not say: the subject a verb inherits from the verb that
governs it ("urged him to press"), the owner of a nominal event ("Kenyan efforts to help"),
the subject of a light verb ("carried out attacks"), what a relative pronoun stands for, the
user of a weapon ("rockets fired by the militants") and who a participle is about ("aided by")."""

from __future__ import annotations

from spacy.tokens import Token

SUBJ = frozenset({"nsubj", "csubj"})
OBJ = frozenset({"dobj", "iobj", "attr", "dative"})
# verbs whose object is the subject of their complement ("urged him to press")
OBJECT_CONTROL = frozenset({"ask", "urge", "press", "call", "encourage", "help", "allow", "force", "tell",
                            "warn", "invite", "embolden", "enable", "persuade", "order", "lead", "request"})
# verbs that carry a nominal event: "carried out attacks", "held talks", "signed an agreement"
LIGHT = frozenset({"carry", "launch", "conduct", "hold", "make", "have", "lead", "wage", "reach", "express",
                   "issue", "take", "continue", "mount", "stage", "begin", "start", "announce", "raise",
                   "reaffirm", "extend", "offer", "give", "deliver", "sign", "step", "escalate", "resume",
                   "intensify", "perpetrate", "commit", "claim", "pursue", "complete", "do", "build",
                   "order", "impose", "reimpose", "approve", "adopt", "introduce", "declare", "unveil",
                   "propose", "lodge", "file", "end", "keep", "maintain", "provide", "send"})
RELATIVES = frozenset({"that", "which", "what", "who", "whom", "whatever"})
NAMED = frozenset({"GPE", "NORP", "ORG", "PERSON"})
HELP = frozenset({"assist", "help", "support", "aid", "empower", "protect", "defend", "enable"})
TEXTS = frozenset({"resolution", "statement", "law", "bill", "text", "declaration", "communique",
                   "decree", "motion", "letter", "report"})
WEAPONS = frozenset({"missile", "rocket", "drone", "strike", "airstrike", "attack", "raid", "offensive",
                     "bomb", "shell", "grenade", "torpedo", "assault", "barrage", "operation"})


def wielder(tok: Token) -> Token:
    """"rockets fired by militants killed 12": the weapon's user acts."""
    if tok.lemma_.lower() not in WEAPONS:
        return tok
    for acl in tok.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for agent in acl.children:
                if agent.dep_ == "agent":
                    users = [p for p in agent.children if p.dep_ == "pobj"]
                    if users:
                        return users[0]
    return tok


def relative_antecedent(tok: Token) -> Token:
    """"who", "which", "that" as subject stand for the noun their clause modifies; a text
    ("a resolution that demands") stands for whoever adopted or issued it."""
    if tok.lower_ in {"who", "which", "that", "whom"} and tok.head.dep_ == "relcl":
        noun = tok.head.head
        if noun.lemma_.lower() in TEXTS and noun.dep_ == "dobj":
            issuer = [c for c in noun.head.children if c.dep_ == "nsubj"]
            if issuer:  # the subject nearest the verb (a dateline may parse as another)
                return min(issuer, key=lambda c: abs(noun.head.i - c.i))
        return noun
    return tok


def inherited_subject(tok: Token) -> list[Token]:
    """The subject a verb without one takes from the verb that governs it."""
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return []
        if cur.dep_ == "conj":
            subj = [c for c in head.children if c.dep_ in SUBJ]
            if subj:
                return subj
            cur = head
            continue
        if cur.dep_ in {"xcomp", "ccomp", "advcl", "acomp"} or (cur.dep_ == "pcomp" and head.dep_ == "prep"):
            gov = head.head if cur.dep_ == "pcomp" else head
            if gov.pos_ == "NOUN" and of_owner(gov):
                return of_owner(gov)  # "the outcome of the opposition's meeting, including reaching"
            if gov.lemma_ in OBJECT_CONTROL:
                objs = [c for c in gov.children if c.dep_ in OBJ]
                if objs:
                    return objs
            subj = [c for c in gov.children if c.dep_ in SUBJ or (
                cur.dep_ == "xcomp" and c.dep_ == "nsubjpass")]  # "inspectors are expected to visit"
            if subj:
                return subj
            cur = gov
            continue
        if cur.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            return noun_owner(head)  # "began an operation to liberate the town": whose operation
        if cur.dep_ == "relcl":
            return [head]
        if cur.dep_ in {"dobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
            # "Russia had no intention of attacking": the subject of the verb holding the noun
            subj = [c for c in head.children if c.dep_ in SUBJ]
            return subj
        if cur.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
            return noun_owner(head)
        if cur.dep_ in {"pobj", "pcomp", "prep", "advmod", "npadvmod", "prt"} and head.pos_ != "NOUN":
            # "stopped short of accusing": up through "of" and "short" to "stopped"
            subj = [c for c in head.children if c.dep_ in SUBJ] if head.pos_ in {"VERB", "AUX"} else []
            if subj:
                return subj
            cur = head
            continue
        return []
    return []


def source_of(noun: Token) -> list[Token]:
    """"support from Iran": the giver of a help noun."""
    if noun.lemma_.lower() not in HELP | {"assistance", "backing", "help"}:
        return []
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
            if p.dep_ == "pobj"]


def aided(head: Token) -> list[Token]:
    """Who a participle ("aided by", "backed by") is about: the subject of the verb it hangs on,
    the subject of the clause of the noun it hangs on ("news that the forces took the town,
    aided by"), or the noun itself ("forces backed by Turkey")."""
    if head.pos_ in {"VERB", "AUX"}:
        return [c for c in head.children if c.dep_ == "nsubj"]
    for clause in head.children:
        if clause.dep_ in {"acl", "relcl", "ccomp"} and clause.i < head.i + 30:
            subj = [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVES]
            if subj:
                return subj
    return [head]


def of_owner(noun: Token) -> list[Token]:
    """Who a noun is of: "the result of the meeting of the Kenyan opposition" -> opposition."""
    for _ in range(3):
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            return poss
        of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
              if p.dep_ == "pobj"]
        if not of:
            return []
        noun = of[0]
        if noun.ent_type_ in NAMED or any(c.ent_type_ in NAMED for c in noun.children
                                           if c.dep_ in {"amod", "compound", "poss"}):
            return [noun]
    return []


def noun_owner(noun: Token) -> list[Token]:
    """The possessor or subject that owns a noun: "Coalition efforts to support" -> Coalition."""
    owners = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod"} and c.i < noun.i]
    if owners:
        return owners
    return light_verb_subject(noun)


def light_verb_subject(noun: Token) -> list[Token]:
    """Subject of the verb a nominal event hangs on: "The group carried out atrocities"."""
    cur = noun
    for _ in range(3):
        head = cur.head
        if head.i == cur.i:
            return []
        if cur.dep_ in {"dobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
            if head.lemma_ in LIGHT or head.lemma_ in {"continue", "lead"}:
                subj = [c for c in head.children if c.dep_ in SUBJ]
                return subj or inherited_subject(head)
            return []
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"} \
                and head.lower_ in {"in", "during", "through", "with", "after"}:
            verb = head.head
            subj = [c for c in verb.children if c.dep_ in SUBJ]
            return subj or inherited_subject(verb)
        if cur.dep_ == "xcomp" or cur.dep_ == "conj":
            cur = head
            continue
        return []
    return []
