"""A learned position finder, for the statements no stance rule covers.

Rules find a position where a cue word says it ("supports", "condemns", "must cease"); many
statements take one in words no rule lists ("we are pleased with the progress on …", "the
importance of multilateralism"). Two linear models over features of the parse, trained on
annotated statements of documents no gold holds (``train/positions/``), fill that gap:

- the **stance model** reads the statement and says Support, Oppose, Concern or none;
- the **topic model** scores each noun-phrase head of the statement as what the stance is
  about; the best one names the topic (a scheme concept when a trigger of the scheme covers
  it, else minted from the phrase).

The position is the speaker's side's. A statement takes one when P(none) is low enough; its
rule is ``learned-<band>`` by the score of its topic (what decides most often whether the
whole claim is right), so that the calibration table gives each band its own confidence and
the build asserts only the bands that hold up against the gold. The model file is
``data/models/positions.json``, written by ``train/positions/train.py``; inference is plain
arithmetic over its weights. Features use the parse only (lemmas, tags, dependencies, entity
types and the lexicon), never the tokens' vectors, so a cached parse gives the same answer.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kg.errors import ConfigError
from kg.extract.model import PositionItem, Topic
from kg.extract.names import slugify
from kg.extract.positions import is_turning, minted_phrase, scheme_topic
from kg.lexicon import Lexicon
from kg.resources import resource_path

MODEL_PATH = ("data", "models", "positions.json")
NONE = "none"
HEAD_POS = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
MAX_DEPTH = 5
# what a topic's noun is of, to, on or for is part of its name ("access to vaccines", "dependence on
# Russian energy"); the rules' minted topics keep "of" only
COMPLEMENTS = frozenset({"of", "to", "on", "for", "against", "with"})
MAX_INDEX = 4
NUMBER = "#"


def _lemma(token: Token) -> str:
    return NUMBER if token.like_num else token.lemma_.lower()


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def statement_features(tokens: Sequence[Token], lexicon: Lexicon) -> list[str]:
    """Features of a statement's words: lemmas and their pairs, stance cues (negated or not),
    modals of duty, the root's lemma and subject, the first word."""
    words = _words(tokens)
    inside = {t.i for t in words}
    deontic = lexicon.words.deontic_modals
    out = [f"w:{_lemma(t)}" for t in words]
    out += [f"b:{_lemma(a)} {_lemma(b)}" for a, b in zip(words, words[1:])]
    for t in words:
        cue = lexicon.stance_cues.get(t.lemma_.lower()) if t.pos_ in ("VERB", "ADJ") else None
        if cue is None and t.pos_ == "NOUN":
            cue = lexicon.stance_nouns.get(t.lemma_.lower())
        if cue is not None:
            negated = any(c.dep_ == "neg" for c in t.children)
            out.append(f"cue:{cue[0]}{':neg' if negated else ''}")
        if t.dep_ == "aux" and t.lower_ in deontic:
            out.append("deontic")
        if t.dep_ == "ROOT" or t.head.i not in inside:
            out.append(f"root:{t.lemma_.lower()}")
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.append(f"subj:{c.lower_ if c.pos_ == 'PRON' else c.pos_}")
    if words:
        out.append(f"first:{words[0].lower_}")
    return sorted(set(out))


def candidates(tokens: Sequence[Token], lexicon: Lexicon) -> list[Token]:
    """What may name a topic, in order: the heads of the noun phrases, and the verbs with an
    object ("reducing greenhouse gas emissions", "discuss any issues"; not a light verb: "take
    measures"); none that a turning
    word, a negation, a threatened response or "rather than" governs within the statement ("fight terrorism" may be
    a topic, "terrorism" there may not: the stance towards it is the other one)."""
    inside = {t.i for t in tokens}
    light = lexicon.words.non_action_verbs
    return [t for t in tokens if ((t.pos_ in HEAD_POS and t.dep_ not in MODIFIER_DEPS)
            or (t.pos_ == "VERB" and t.lemma_.lower() not in light and _object(t) is not None))
            and not _turned(t, inside, lexicon)]


def conditional(tokens: Sequence[Token], lexicon: Lexicon) -> bool:
    """Is what the statement says said under a condition ("If the Council acts, it should
    …")? The gold takes no position there; a threatened consequence is the rules' to find."""
    marks = lexicon.words.conditional_marks
    return any(t.dep_ == "mark" and t.lower_ in marks and t.head.dep_ == "advcl" for t in tokens)


def _turned(token: Token, inside: set[int], lexicon: Lexicon) -> bool:
    if any(c.dep_ == "neg" for c in token.children):  # "do not support the regime"
        return True
    node = token
    while node.head.i != node.i and node.head.i in inside:
        node = node.head
        if is_turning(node, lexicon) or any(c.dep_ == "neg" for c in node.children):
            return True
        if node.lemma_.lower() in lexicon.words.threat_words:  # "the costs for its invasion"
            return True
        if node.lower_ == "than" or (node.lower_ == "of" and node.i > 0 and node.doc[node.i - 1].lower_ == "instead"):
            return True
    return False


def _object(verb: Token) -> Token | None:
    """The noun a verb acts on: its object."""
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in HEAD_POS), None)


def phrase(head: Token, region: Sequence[Token]) -> Topic | None:
    """The topic a candidate names: a noun phrase with its complement ("the use of force",
    "access to vaccines"), or a verb as written with what it acts on ("reducing greenhouse gas
    emissions")."""
    if head.pos_ != "VERB":
        return minted_phrase(head, region, complements=COMPLEMENTS)
    noun = _object(head)
    named = minted_phrase(noun, region, complements=COMPLEMENTS) if noun is not None else None
    if named is None:
        return None
    label = f"{head.lower_} {named.label}"
    return Topic(iri=None, label=label, slug=slugify(label))


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < MAX_DEPTH:
        token, depth = token.head, depth + 1
    return depth


def candidate_features(head: Token, index: int, scheme: bool, lexicon: Lexicon) -> list[str]:
    """Features of a noun-phrase head as what a stance is about."""
    governor = head.head
    if head.dep_ == "pobj":  # "support for X": what governs the preposition
        governor = governor.head
    out = [
        f"dep:{head.dep_}", f"dep:{head.dep_}:{head.head.lower_ if head.dep_ == 'pobj' else head.head.dep_}",
        f"gov:{governor.lemma_.lower()}", f"govpos:{governor.pos_}", f"l:{head.lemma_.lower()}",
        f"pos:{head.pos_}", f"depth:{_depth(head)}", f"index:{min(index, MAX_INDEX)}",
    ]
    out.append(f"govdep:{governor.lemma_.lower()}:{head.dep_}")
    path, node = [head.dep_], head
    while node.head.i != node.i and len(path) < 3:
        node = node.head
        path.append(node.dep_)
    out.append("path:" + ">".join(path))
    if any(c.dep_ == "det" for c in head.children):
        out.append("det:" + next(c.lower_ for c in head.children if c.dep_ == "det"))
    if any(c.dep_ in ("amod", "compound") for c in head.children):
        out.append("modified")
    if head.tag_ in ("NNS", "NNPS"):
        out.append("plural")
    if any(a.dep_ in ("advcl", "relcl", "acl") for a in head.ancestors):
        out.append("subordinate")
    if head.ent_type_:
        out.append(f"ent:{head.ent_type_}")
    if head.lower_ in lexicon.vague_topic_heads:
        out.append("vague")
    if scheme:
        out.append("scheme")
    if governor.lemma_.lower() in lexicon.stance_cues or governor.lemma_.lower() in lexicon.stance_nouns:
        out.append("governed-by-cue")
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        out.append("of")
    return sorted(set(out))


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression: per class, a bias and a weight per feature."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def probabilities(self, features: Iterable[str]) -> tuple[float, ...]:
        scores = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row)]
        if len(scores) == 1:  # a binary model: the score of the second class against the first
            p = 1.0 / (1.0 + math.exp(-scores[0]))
            return (1.0 - p, p)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return tuple(e / total for e in exps)

    @classmethod
    def from_json(cls, data: Mapping) -> LinearModel:
        return cls(tuple(data["classes"]), tuple(data["bias"]),
                   {k: tuple(v) for k, v in data["weights"].items()})


@dataclass(frozen=True)
class PositionModel:
    stance: LinearModel
    topic: LinearModel
    min_position: float  # no position when P(a position) is lower
    bands: tuple[float, ...]  # lower bounds of the bands of the topic's score, ascending

    def band(self, score: float) -> str | None:
        """The rule name of a position whose topic scored ``score``: the lowest band's bound
        is the least score a topic needs."""
        below = [b for b in self.bands if score >= b]
        return f"learned-{round(below[-1] * 100)}" if below else None

    def __call__(self, statement: Span, holder: str, topic_spans: Sequence[Span],
                 topic_labels: dict[str, str], lexicon: Lexicon) -> tuple[PositionItem, ...]:
        """The position the statement takes by the models, or none."""
        probabilities = dict(zip(self.stance.classes, self.stance.probabilities(statement_features(statement, lexicon))))
        # the statement takes a position as likely as 1 - P(none); which one, the likeliest stance
        if 1.0 - probabilities.get(NONE, 0.0) < self.min_position or conditional(statement, lexicon):
            return ()
        stance = max((c for c in self.stance.classes if c != NONE), key=lambda c: (probabilities[c], c))
        heads = candidates(statement, lexicon)
        if not heads:
            return ()
        inside = [s for s in topic_spans if s.start < statement.end and s.end > statement.start]
        covering = {h.i: next((s for s in inside if s.start <= h.i < s.end), None) for h in heads}
        scored = [(self.topic.probabilities(candidate_features(h, n, covering[h.i] is not None, lexicon))[1], -n, h)
                  for n, h in enumerate(heads)]
        score, _, head = max(scored, key=lambda s: (s[0], s[1]))
        rule = self.band(score)  # how right a position is depends most on its topic's score
        if rule is None:
            return ()
        span = covering[head.i]
        topic = scheme_topic(span, topic_labels) if span is not None else phrase(head, list(statement))
        if topic is None:
            return ()
        return (PositionItem(holder=holder, stance=stance, topic=topic, rule=rule),)


def read_model(path: str | Path | None = None) -> PositionModel:
    """The position model (default: the shipped one); a malformed file raises ConfigError."""
    path = Path(path) if path is not None else resource_path(*MODEL_PATH)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PositionModel(LinearModel.from_json(data["stance"]), LinearModel.from_json(data["topic"]),
                             float(data["min_position"]), tuple(float(b) for b in data["bands"]))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ConfigError(f"{path}: not a position model ({type(err).__name__}: {err})") from err


@lru_cache(maxsize=1)
def shipped_model() -> PositionModel:
    return read_model()


def doc_features(doc: Doc, lexicon: Lexicon) -> list[str]:
    """A statement parsed on its own (training): the features of all its words."""
    return statement_features(doc[:], lexicon)
