"""Actors stage: find actor mentions in a parse and code a noun phrase to country and sector.

Names, aliases, adjectives and role nouns come from the knowledge base (casus.kb); this
module decides which of them a phrase means, using the dependency tree: the head word and
its compounds first, then modifiers, appositives and "of/at/from" attachments, nearest first.
Pronouns and definite descriptions ("he", "the group") take the latest compatible actor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .kb import INTERNATIONAL_CODES, Entity, KnowledgeBase, Role, normalize
from .phrases import (
    bare,
    dateline_tokens,
    definite,
    mention_tokens,
    np_tokens,
    own_subject,
    partitive_head,
    phrase_span,
    place_modifier,
    with_conjuncts,
    worth_single,
)
from .records import UNKNOWN_CODE, Actor

_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my", "ourselves"})
_PERSON_PRON = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_OTHER_PRON = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
_PLURAL_PRON = frozenset({"they", "them", "their", "themselves"})
_GROUP_NOUNS = frozenset({"group", "organization", "organisation", "network", "militia", "movement"})
_SIDES = frozenset({"sides", "countries", "nations", "parties", "neighbours", "neighbors", "governments"})
_INSTITUTIONS = frozenset({"MIL", "COP", "GOV", "JUD", "LEG", "SPY"})
_STATE_WORDS = frozenset({"country", "nation", "kingdom", "island", "republic", "emirate", "monarchy"})
_TITLE_NOUNS = frozenset({"ally", "partner", "neighbour", "neighbor", "friend", "rival", "adversary"})
_PLURAL_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})
_REGIME_NOUNS = frozenset({"regime", "government", "administration", "authorities", "leadership"})
@dataclass(frozen=True)
class Mention:
    """A knowledge-base name found in the text: tokens [start, end) and the entity it names."""

    start: int
    end: int
    entity: Entity
    role: Role

    @property
    def kind(self) -> str:
        return self.entity.kind


@dataclass(frozen=True)
class DocActors:
    """Every mention of a document, by token index, plus the document's own voice ("we")."""

    mentions: tuple[Mention, ...]
    by_token: dict[int, Mention]
    voice: Actor | None
    dateline: frozenset[int] = frozenset()  # tokens of datelines ("KYIV —"): places, not actors


class ActorCoder:
    """Codes noun phrases of parsed documents to actors."""

    def __init__(self, kb: KnowledgeBase, max_words: int = 8) -> None:
        self.kb = kb
        self.max_words = min(max_words, kb.max_alias_words)

    # -- mentions -------------------------------------------------------------------------
    def find_mentions(self, doc: Doc | Span, date: str | None,
                      dateline: set[int] | frozenset[int] | None = None) -> list[Mention]:
        """Longest knowledge-base names in the text, left to right, not overlapping.
        A dateline ("KYIV —" opening a paragraph) names a place, not an actor."""
        out: list[Mention] = []
        i, n = 0, len(doc)
        offset = doc.start if isinstance(doc, Span) else 0
        if dateline is None:
            dateline = dateline_tokens(doc)
        while i < n:
            tok = doc[i]
            if i in dateline:
                i += 1
                continue
            found = None
            if (tok.is_alpha or tok.text[:1].isupper() or tok.text[:1].isdigit()) and self._may_start(doc, i):
                for size in range(min(self.max_words, n - i), 0, -1):
                    last = doc[i + size - 1]
                    if size > 1 and "\n" in doc[i : i + size - 1].text_with_ws.rstrip():
                        continue
                    if not any(ch.isalpha() for ch in last.text):
                        continue
                    span_text = doc[i : i + size].text
                    if size == 1 and not worth_single(tok):
                        break
                    if size > 1 and not any(t.text[:1].isupper() or t.text[:1].isdigit()
                                            for t in doc[i : i + size] if t.lower_ != "the") \
                            and not (tok.lower_ in self.kb.any_case_starts and self.kb.any_case(span_text)):
                        continue  # "the foreign ministers": no name in lower-case words
                    if not tok.text[:1].isupper() and self.kb.case_sensitive(span_text):
                        continue  # "the island", "us": common words that name things only capitalised
                    hit = self.kb.resolve(span_text, date)
                    if hit is not None:
                        found = Mention(offset + i, offset + i + size, hit[0], hit[1])
                        break
            if found is not None:
                out.append(found)
                i = found.end - offset
            else:
                i += 1
        return out

    def _may_start(self, doc: Doc | Span, i: int) -> bool:
        """Some alias can begin at token ``i`` ("the" is skipped, as the aliases drop it)."""
        tok = doc[i]
        if tok.lower_ == "the" and i + 1 < len(doc):
            tok = doc[i + 1]
        words = normalize(tok.text).split()
        return bool(words) and self.kb.may_start(words[0])

    def document_actors(self, doc: Doc, date: str | None, source: str = "") -> DocActors:
        """Mentions of the knowledge base, plus people the text introduces with a role
        ("Liu Pengyu, a spokesperson at the Chinese embassy"), so that a later "Liu" or "he"
        refers back to them."""
        dateline = frozenset(dateline_tokens(doc))
        mentions = self.find_mentions(doc, date, dateline)
        by_token = {t: m for m in mentions for t in range(m.start, m.end)}
        first = DocActors(tuple(mentions), by_token, self.voice_of(source, date), dateline)
        known: dict[str, Mention] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(t.i in by_token for t in ent):
                continue
            key = ent[-1].lower_
            if key in known:
                m = known[key]
                mentions.append(Mention(ent.start, ent.end, m.entity, m.role))
                continue
            root = ent.root
            # "A spokesman for the ministry, Wang Lin, said": the role is on the noun it renames
            actor = self._code_one(root.head if root.dep_ == "appos" else root, first, date, None)
            if actor is None or not actor.known:
                actor = self._code_one(root, first, date, None)
            if actor is None or not actor.known:
                continue
            entity = Entity(f"doc:{ent.text}", ent.text, "person",
                            (Role(actor.code, actor.sector, None, None, "named in the text"),), ())
            m = Mention(ent.start, ent.end, entity, entity.roles[0])
            mentions.append(m)
            for tok in ent:
                if tok.pos_ == "PROPN":
                    known.setdefault(tok.lower_, m)
        taken = {t for m in mentions for t in range(m.start, m.end)}
        for tok in doc:  # later short forms of the names ("Wang told reporters")
            named = known.get(tok.lower_)
            if named is not None and tok.i not in taken and tok.pos_ == "PROPN":
                mentions.append(Mention(tok.i, tok.i + 1, named.entity, named.role))
        mentions.sort(key=lambda m: m.start)
        by_token = {t: m for m in mentions for t in range(m.start, m.end)}
        return DocActors(tuple(mentions), by_token, first.voice, dateline)

    def voice_of(self, source: str, date: str | None) -> Actor | None:
        """The actor a first-person document speaks for: "US State Department" -> USA GOV."""
        if not source:
            return None
        words = source.replace("(", " ").replace(")", " ").split()
        best: Actor | None = None
        for size in range(min(len(words), 5), 0, -1):
            for i in range(len(words) - size + 1):
                hit = self.kb.resolve(" ".join(words[i : i + size]), date)
                if hit is None:
                    continue
                ent, role = hit
                if role.code == UNKNOWN_CODE or ent.kind not in {"country", "metonym", "institution"}:
                    continue
                sector = role.sector if ent.kind != "country" else "GOV"
                if best is None or (best.sector == "GOV" and sector not in {"GOV", "UNK"}):
                    best = Actor(role.code, sector, source)
            if best is not None:
                return best
        return None

    # -- phrases --------------------------------------------------------------------------
    def code_phrase(
        self, head: Token, actors: DocActors, date: str | None, speaker: Actor | None = None
    ) -> tuple[Actor, ...]:
        """Actors named by the phrase headed by ``head``, its conjuncts included."""
        if head.lower_ in _PLURAL_PRON:
            group = self._plural_antecedent(head, actors, date, speaker)
            if group:
                return group
        if head.lower_ in _SIDES and any(c.lower_ in {"both", "two"} for c in head.children):
            sides = _two_sides(head, actors)
            if sides:
                return sides
        out: list[Actor] = []
        for tok in with_conjuncts(head):
            actor = self._code_one(tok, actors, date, speaker)
            if actor is not None and all(a.code != actor.code or a.sector != actor.sector for a in out):
                out.append(actor)
        return tuple(out)

    def code_phrases(
        self, heads: list[Token], actors: DocActors, date: str | None, speaker: Actor | None = None
    ) -> tuple[Actor, ...]:
        """Actors named by several phrases, each (code, sector) once, in text order."""
        out: list[Actor] = []
        for head in heads:
            for a in self.code_phrase(head, actors, date, speaker):
                if all((a.code, a.sector) != (b.code, b.sector) for b in out):
                    out.append(a)
        return tuple(out)

    def _code_one(
        self, head: Token, actors: DocActors, date: str | None, speaker: Actor | None
    ) -> Actor | None:
        head = partitive_head(head)  # "each of the families of Gao", "thousands of supporters"
        low = head.lower_
        text_span = phrase_span(head)
        if head.pos_ == "PRON" or low in _FIRST_PERSON | _PERSON_PRON | _OTHER_PRON:
            return self._pronoun(head, actors, speaker)
        # "principles for a democratic Syria": a country an abstract noun is for is no party to it
        words = np_tokens(head, follow_for=head.pos_ == "PROPN" or self._agent_head(head))
        sector = self._sector_of(head, words)
        mention, country, dist = self._nearest_code(head, words, actors)
        if mention is None and country is None and head.lemma_.lower() in _TITLE_NOUNS \
                and head.i + 1 < len(head.doc) and head.doc[head.i + 1].pos_ == "PROPN":
            # "thank our ally Turkey" when the parser hangs "Turkey" elsewhere
            mention = actors.by_token.get(head.i + 1)
            dist = 1
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if mention is None and country is None and owner is not None and sector is not None:
            # "its forces", "their army": the owner's country, the phrase's own sector
            found = self._pronoun(owner, actors, speaker)
            if found is not None and found.known:
                return Actor(found.code, sector, text_span.text, found.name, text_span.start_char,
                             text_span.end_char)
        if mention is None and country is None and sector is not None:
            country = place_modifier(words)  # "Lagos state governor", "Kharkiv officials"
        if mention is None and country is None:
            if head.i in actors.by_token:  # head inside a mention that a parse error split
                mention = actors.by_token[head.i]
            elif head.lower_ in _STATE_WORDS and definite(head) and bare(head):
                # "the island", "the kingdom": the state last named as such
                return self._antecedent(head, actors, person=False, want=low, text=text_span.text)
            elif head.lower_ in _GROUP_NOUNS | _REGIME_NOUNS and definite(head) and bare(head):
                found = self._antecedent(head, actors, person=False, want=low, text=text_span.text)
                if found is None and sector is not None:  # "the government" of an unnamed state
                    found = Actor(UNKNOWN_CODE, sector, text_span.text, None, text_span.start_char,
                                  text_span.end_char)
                return found
            else:
                if sector == "REB" and definite(head) and bare(head):
                    # "the militants", "these extremists": the armed group last named
                    group = self._antecedent(head, actors, person=False, want="group", text=text_span.text)
                    if group is not None:
                        return group
                if sector is not None and definite(head) and bare(head) and \
                        head.lower_ not in {"people", "civilians"}:
                    # "the minister", "the spokesperson": a role noun refers back to a person
                    prev = self._antecedent(head, actors, person=True, want=low, text=text_span.text)
                    if prev is not None and prev.sector == sector:
                        return prev
                if sector is not None and self._agent_head(head):
                    # "civilians", "mourners": a role without a country (not "the refugee crisis")
                    return Actor(UNKNOWN_CODE, sector, text_span.text, None, text_span.start_char,
                                 text_span.end_char)
                return None
        if mention is not None:
            ent, role = mention.entity, mention.role
            code = role.code
            name = _international_name(ent, code)
            if sector is None:
                sector = role.sector or "UNK"
                if ent.kind == "country":
                    # "Palestinians", "Israelis": the people, not the state
                    plural = head.text.endswith("s") and self.kb.adjective(head.text[:-1]) == code
                    sector = "CVL" if plural else "GOV"
            elif ent.kind == "person" and role.sector not in {"UNK", ""} and dist == 0:
                sector = role.sector
            if ent.kind in {"group"} and sector in {"MIL", "UNK"}:
                sector = role.sector or "REB"
            if ent.kind == "person" and any(t.lower_ in {"former", "ex"} for t, d in words if d <= 1):
                sector = "ELI"  # "former president Alan Garcia": the text knows the office is over
            return Actor(code, sector, text_span.text, name, text_span.start_char, text_span.end_char)
        assert country is not None
        if sector is None and any(t.text.endswith("s") and self.kb.adjective(t.text) is None
                                  and self.kb.adjective(t.text[:-1]) == country for t, _ in words):
            sector = "CVL"  # "Syrians", "thousands of Nigerians": the people, not the state
        return Actor(country, sector or "GOV", text_span.text, None, text_span.start_char, text_span.end_char)

    def _nearest_code(
        self, head: Token, words: list[tuple[Token, int]], actors: DocActors
    ) -> tuple[Mention | None, str | None, int]:
        """The mention or country adjective closest to the head in the tree."""
        best: tuple[int, int, Mention | None, str | None] | None = None
        cand: tuple[int, int, Mention | None, str | None]
        for tok, depth in words:
            mention = actors.by_token.get(tok.i)
            if mention is not None and mention.role.code != UNKNOWN_CODE:
                # a capital city after "in" is a place, not a government
                if mention.kind == "metonym" and tok.head.dep_ == "prep" and depth > 0 and \
                        tok.head.lower_ in {"in", "to", "at", "near"}:
                    continue
                cand = (depth, 0, mention, None)
            else:
                code = self.kb.adjective(tok.text) if tok.pos_ in {"ADJ", "PROPN", "NOUN"} else None
                if code is None and tok.pos_ in {"NOUN", "PROPN"} and tok.text.endswith("s"):
                    code = self.kb.adjective(tok.text[:-1])  # "Palestinians", "Iraqis"
                if code is None:
                    continue
                cand = (depth, 1, None, code)
            if best is None or cand[:2] < best[:2]:
                best = cand
        if best is None:
            return None, None, -1
        return best[2], best[3], best[0]

    def _sector_of(self, head: Token, words: list[tuple[Token, int]]) -> str | None:
        """Sector from the role nouns of the phrase: "security forces" MIL, "spokesperson" GOV."""
        for tok, depth in sorted(words, key=lambda w: w[1]):
            if depth > 2 or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            if tok.i in mention_tokens(words, head):
                continue
            sector = self.kb.agent(tok.lower_) or self.kb.agent(tok.lemma_.lower())
            if sector == "MIL" and any(
                    (self.kb.agent(c.lower_) or self.kb.agent(c.lemma_.lower())) in {"OPP", "REB"}
                    for c in tok.children if c.dep_ in {"compound", "amod"}):
                return "REB"  # "opposition forces", "rebel fighters": armed opposition
            if sector:
                return sector
        return None

    def _agent_head(self, head: Token) -> bool:
        """The phrase names people by role: "civilians", "supporters" (not "the refugee crisis",
        whose role word only modifies)."""
        return bool(self.kb.agent(head.lower_) or self.kb.agent(head.lemma_.lower()))

    def _pronoun(self, head: Token, actors: DocActors, speaker: Actor | None) -> Actor | None:
        low = head.lower_
        if low in _FIRST_PERSON:
            voice = speaker or actors.voice
            if voice is None:
                return None
            return _anchored(voice, head)
        if low not in _PERSON_PRON | _OTHER_PRON:
            return None  # relative and indefinite pronouns are resolved by the events stage
        if low in {"their", "them"}:
            plural = self._plural_in_sentence(head, actors, speaker)
            if plural is not None:
                return plural
        if head.dep_ == "poss" and low in {"its", "their", "his", "her"}:
            bound = self._clause_subject(head, actors, speaker)
            if bound is not None:
                return bound
        return self._antecedent(head, actors, person=low in _PERSON_PRON, want=low, text=head.text)

    def _plural_antecedent(self, head: Token, actors: DocActors, date: str | None,
                           speaker: Actor | None) -> tuple[Actor, ...]:
        """"they" after "Britain, France and Germany ... said": the latest conjoined subject."""
        doc = head.doc
        start = max(0, head.sent.start - 60)
        for tok in reversed(doc[start : head.i]):
            if tok.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "conj" for c in tok.children):
                group = tuple(self.code_phrase(tok, actors, date, speaker))
                if len(group) >= 2:
                    return tuple(_anchored(a, head) for a in group)
        return ()

    def _plural_in_sentence(self, head: Token, actors: DocActors, speaker: Actor | None) -> Actor | None:
        """"support Iraqi forces in their campaign": the nearest plural phrase before the pronoun
        in its sentence that names a known actor."""
        for tok in reversed(head.doc[head.sent.start : head.i]):
            if tok.tag_ not in {"NNS", "NNPS"} or tok.dep_ not in _PLURAL_SLOTS:
                continue
            found = self.code_phrase(tok, actors, "", speaker)
            if found and found[0].known:
                return _anchored(found[0], head)
        return None

    def _clause_subject(self, head: Token, actors: DocActors, speaker: Actor | None) -> Actor | None:
        """A possessive pronoun on the object of a verb refers to the verb's subject:
        "Japan renewed its pledge", "stayed firm in its pledge" -> Japan."""
        noun = head.head
        if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.dep_ == "ccomp":
            verb = noun.head.head  # "the ministry said its forces had struck": the sayer
        elif noun.dep_ in {"dobj", "attr"}:
            verb = noun.head
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            verb = noun.head.head
        else:
            return None
        if verb.pos_ not in {"VERB", "AUX", "ADJ"}:
            return None
        if verb.dep_ in {"acomp", "xcomp"}:
            verb = verb.head
        if verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            verb = verb.head  # "Japan renewed ... and stayed firm in its pledge"
        subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
        if not subj:
            return None
        found = self.code_phrase(subj[0], actors, "", speaker)
        if not found:
            return None
        if not found[0].known and not (definite(subj[0]) and found[0].sector in _INSTITUTIONS):
            return None  # "the army denied that its troops ...": its = the army, country or not
        return _anchored(found[0], head)

    def _antecedent(
        self, head: Token, actors: DocActors, person: bool, want: str, text: str
    ) -> Actor | None:
        """The coded mention before ``head`` that a pronoun or description refers to: the latest
        subject before it in its sentence if there is one, else the latest mention; an object
        pronoun never refers to the subject of its own clause ("Kerry ... urged him")."""
        doc = head.doc
        recent = head.sent.start
        subject_range = own_subject(head)
        latest: Mention | None = None
        for m in reversed(actors.mentions):
            if m.start >= head.i or m.role.code == UNKNOWN_CODE:
                continue
            if person != (m.kind == "person"):
                continue
            if want in _GROUP_NOUNS and m.kind != "group":
                continue
            if want in _REGIME_NOUNS and m.kind not in {"country", "metonym", "person"}:
                continue
            if want in _STATE_WORDS and (m.kind != "country" or _modifies(doc, m)):
                continue  # not "U.S." in "U.S. House Speaker"
            if subject_range and subject_range[0] <= m.start <= subject_range[1]:
                continue
            if head.i - m.start > 400 or (latest is not None and m.start < recent):
                break
            latest = latest or m
            if m.start >= recent and want not in _STATE_WORDS and _is_subject(doc, m):
                latest = m
                break
        if latest is None:
            return None
        return entity_actor(latest.entity, latest.role, text, head.idx, head.idx + len(head))


def _modifies(doc: Doc, m: Mention) -> bool:
    """The mention only modifies another noun: "U.S." in "U.S. House Speaker", "China's envoy"."""
    root = doc[m.start : m.end].root
    return root.dep_ in {"compound", "amod", "nmod", "poss"}


def _is_subject(doc: Doc, m: Mention) -> bool:
    """The mention is (or possesses) the subject of its clause: "ISIL has generated", "Russia's army"."""
    for tok in doc[m.start : m.end]:
        if tok.head.i < m.start or tok.head.i >= m.end or tok.head.i == tok.i:
            cur = tok.head if tok.dep_ == "poss" else tok
            return cur.dep_ in {"nsubj", "nsubjpass"}
    return False


def _two_sides(head: Token, actors: DocActors) -> tuple[Actor, ...]:
    """"urged both sides to show restraint": the last two states named before, other than the
    subject of the clause."""
    verb = head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    found: list[Actor] = []
    for m in reversed(actors.mentions):
        if m.start >= head.i or m.start in subject or m.role.code in INTERNATIONAL_CODES:
            continue
        if head.i - m.start > 300 or len(found) == 2:
            break
        if m.role.code != UNKNOWN_CODE and all(a.code != m.role.code for a in found):
            found.append(entity_actor(m.entity, m.role, head.text, head.idx, head.idx + len(head)))
    return tuple(found) if len(found) == 2 else ()


def entity_actor(ent: Entity, role: Role, text: str, start: int = -1, end: int = -1) -> Actor:
    """The actor a knowledge-base entity names: a country acts as its government, an
    international body carries its name."""
    sector = "GOV" if ent.kind == "country" else (role.sector or "UNK")
    return Actor(role.code, sector, text, _international_name(ent, role.code), start, end)


def _international_name(ent: Entity, code: str) -> str | None:
    return ent.name if code in INTERNATIONAL_CODES else None


def _anchored(actor: Actor, tok: Token) -> Actor:
    """The same actor, as named by ``tok`` (a pronoun or short form)."""
    return replace(actor, text=tok.text, start=tok.idx, end=tok.idx + len(tok))

