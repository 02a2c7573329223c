"""The word lists of the extraction rules, each read from its own file of ``data/lexicon/``.

The rules of ``kg.extract`` (which article is trimmed from a mention, which modal makes an
event only planned, which pronoun stands for the speaker's side, ...) look the words up here
instead of naming them in code. Each field of ``RuleWords`` is read from the file its
metadata names: one item per line, blank lines and lines starting with ``#`` skipped. Items
are lower case (the rules compare lower-case forms) and one word each unless the field says
otherwise; a bad item is a ``ConfigError`` that names the file and the line. A set holds each
item with either apostrophe ("'ll" and "’ll").

``reporting-verbs.tsv`` is read here too (``read_reporting_verbs``): besides each verb's kind
it says which particle a verb needs ("point out") and which verbs date an event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import partial
from pathlib import Path

from kg.errors import ConfigError

REMARK_SLOTS = {"verb": "verbs", "determiner": "determiners", "noun": "nouns"}  # slot -> field
REPORTING_COLUMNS = ("lemma", "kind", "particle", "dates_event")
REPORTING_KINDS = ("say", "view")


@dataclass(frozen=True)
class RemarkPhrases:
    """The parts of a phrase that says where remarks were made ("made the remarks"),
    from ``remark-phrases.tsv``: a verb, a determiner, a noun, each in file order."""

    verbs: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportingVerbs:
    """``reporting-verbs.tsv``: lemma -> kind, lemma -> the particle it needs, and the lemmas
    that date an event."""

    kinds: dict[str, str]
    particles: dict[str, str]
    dating: frozenset[str]


def lines_of(path: Path) -> list[tuple[int, str]]:
    """(line number, stripped text) of each line that is neither blank nor a comment."""
    return [
        (number, line.strip())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.strip().startswith("#")
    ]


def _check_item(item: str, where: str, cased: bool, words: int) -> str:
    if not cased and item != item.lower():
        raise ConfigError(f"{where}: {item!r} must be lower case (the rules compare lower-case forms)")
    if words and len(item.split()) != words:
        raise ConfigError(f"{where}: {item!r}: expected {words} word{'s' if words > 1 else ''} on the line")
    return " ".join(item.split())


def _cells(path: Path, number: int, text: str, columns: tuple[str, ...]) -> list[str]:
    cells = [cell.strip() for cell in text.split("\t")]
    if len(cells) != len(columns):
        raise ConfigError(
            f"{path}:{number}: expected {len(columns)} tab-separated columns "
            f"({', '.join(columns)}), found {len(cells)}"
        )
    return cells


def read_words(path: Path, *, cased: bool = False, words: int = 1) -> tuple[str, ...]:
    """The items of a word-list file, in file order; an item listed twice is an error."""
    seen: dict[str, int] = {}
    for number, text in lines_of(path):
        item = _check_item(text, f"{path}:{number}", cased, words)
        if item in seen:
            raise ConfigError(f"{path}:{number}: {item!r} is listed already (line {seen[item]})")
        seen[item] = number
    return tuple(seen)


APOSTROPHES = ("'", "\u2019")  # the typewriter and the typographic spelling of one mark


def _both_apostrophes(items: tuple[str, ...]) -> frozenset[str]:
    """The items, each also spelt with the other apostrophe: the texts write "she’ll" as often as
    "she'll", and the tokenizer keeps the mark as written."""
    straight, curly = APOSTROPHES
    return frozenset(items) | {item.replace(straight, curly) for item in items} \
        | {item.replace(curly, straight) for item in items}


def _read_list(path: Path, *, cased: bool, words: int, ordered: bool) -> tuple[str, ...] | frozenset[str]:
    items = read_words(path, cased=cased, words=words)
    return items if ordered else _both_apostrophes(items)


def read_remark_phrases(path: Path) -> RemarkPhrases:
    """``slot<TAB>word`` rows: each word of a slot (verb, determiner, noun), in file order."""
    parts: dict[str, list[str]] = {name: [] for name in REMARK_SLOTS.values()}
    for number, text in lines_of(path):
        slot, word = _cells(path, number, text, ("slot", "word"))
        if slot not in REMARK_SLOTS:
            raise ConfigError(f"{path}:{number}: slot must be one of {', '.join(REMARK_SLOTS)}, found {slot!r}")
        word = _check_item(word, f"{path}:{number}", cased=False, words=1)
        if word in parts[REMARK_SLOTS[slot]]:
            raise ConfigError(f"{path}:{number}: {slot} {word!r} is listed already")
        parts[REMARK_SLOTS[slot]].append(word)
    for slot, name in REMARK_SLOTS.items():
        if not parts[name]:
            raise ConfigError(f"{path}: lists no {slot}")
    return RemarkPhrases(**{name: tuple(words) for name, words in parts.items()})


def _list(file: str, *, cased: bool = False, words: int = 1, ordered: bool = False):
    """A field read from ``file``: lower case unless ``cased``; ``words`` words an item;
    a tuple in file order when ``ordered`` (the rule builds a pattern from it), else a set."""
    return field(
        default=() if ordered else frozenset(),
        metadata={"file": file, "read": partial(_read_list, cased=cased, words=words, ordered=ordered)},
    )


@dataclass(frozen=True)
class RuleWords:
    """The words the extraction rules look for; each file's header says what for."""

    # kg/extract/actors.py and kg/extract/resolve.py
    leading_articles: frozenset[str] = _list("leading-articles.txt")
    title_connectors: frozenset[str] = _list("title-connectors.txt")
    person_pronouns: frozenset[str] = _list("person-pronouns.txt")
    possessive_pronouns: frozenset[str] = _list("possessive-pronouns.txt")
    collective_nouns: frozenset[str] = _list("collective-nouns.txt")
    addressee_prepositions: frozenset[str] = _list("addressee-prepositions.txt")
    locative_prepositions: frozenset[str] = _list("locative-prepositions.txt")
    # kg/extract/events.py
    participant_prepositions: frozenset[str] = _list("participant-prepositions.txt")
    hypothetical_modals: frozenset[str] = _list("hypothetical-modals.txt")
    planning_verbs: frozenset[str] = _list("planning-verbs.txt")
    topic_prepositions: frozenset[str] = _list("topic-prepositions.txt")
    past_marks: frozenset[str] = _list("past-marks.txt")
    before_words: frozenset[str] = _list("before-words.txt")
    counterfactual_phrases: frozenset[str] = _list("counterfactual-phrases.txt", words=2)
    demonstratives: frozenset[str] = _list("demonstratives.txt")
    body_pronouns: frozenset[str] = _list("body-pronouns.txt")
    forces_nouns: frozenset[str] = _list("forces-nouns.txt")
    unreal_modifiers: frozenset[str] = _list("unreal-modifiers.txt")
    generic_determiners: frozenset[str] = _list("generic-determiners.txt")
    frequency_words: frozenset[str] = _list("frequency-words.txt")
    # kg/extract/actors.py
    occasion_names: frozenset[str] = _list("occasion-names.txt", words=0)
    media_words: frozenset[str] = _list("media-words.txt")
    outlet_nouns: frozenset[str] = _list("outlet-nouns.txt")
    # kg/extract/events.py and kg/extract/positions.py
    conditional_marks: frozenset[str] = _list("conditional-marks.txt")
    # kg/extract/positions.py
    negations: frozenset[str] = _list("negations.txt")
    diminishers: frozenset[str] = _list("diminishers.txt")
    time_prepositions: frozenset[str] = _list("time-prepositions.txt")
    sense_particles: frozenset[str] = _list("sense-particles.txt")
    conditional_modals: frozenset[str] = _list("conditional-modals.txt")
    greeting_cues: frozenset[str] = _list("greeting-cues.txt")
    service_cues: frozenset[str] = _list("service-cues.txt")
    deontic_modals: frozenset[str] = _list("deontic-modals.txt")
    deontic_adjectives: frozenset[str] = _list("deontic-adjectives.txt")
    speaker_pronouns: frozenset[str] = _list("speaker-pronouns.txt")
    other_pronouns: frozenset[str] = _list("other-pronouns.txt")
    pair_words: frozenset[str] = _list("pair-words.txt")
    commitment_words: frozenset[str] = _list("commitment-words.txt")
    non_action_verbs: frozenset[str] = _list("non-action-verbs.txt")
    threat_words: frozenset[str] = _list("threat-words.txt")
    organisation_heads: frozenset[str] = _list("organisation-heads.txt")
    exception_marks: frozenset[str] = _list("exception-marks.txt")
    # kg/extract/statements.py
    modals_not_said: frozenset[str] = _list("modals-not-said.txt")
    future_auxiliaries: frozenset[str] = _list("future-auxiliaries.txt")
    duty_words: frozenset[str] = _list("duty-words.txt")
    group_nouns: frozenset[str] = _list("group-nouns.txt")
    delegate_nouns: frozenset[str] = _list("delegate-nouns.txt")
    member_nouns: frozenset[str] = _list("member-nouns.txt")
    document_nouns: frozenset[str] = _list("document-nouns.txt")
    narration_verbs: frozenset[str] = _list("narration-verbs.txt")
    occasion_nouns: frozenset[str] = _list("occasion-nouns.txt")
    # kg/extract/pipeline.py
    name_suffixes: tuple[str, ...] = _list("name-suffixes.txt", cased=True, ordered=True)
    leader_titles: frozenset[str] = _list("leader-titles.txt")
    leader_nouns: frozenset[str] = _list("leader-nouns.txt")
    local_titles: frozenset[str] = _list("local-titles.txt")
    bare_body_words: frozenset[str] = _list("bare-body-words.txt")
    title_topic_prepositions: frozenset[str] = _list("title-topic-prepositions.txt")
    # kg/extract/actors.py
    honorifics: frozenset[str] = _list("honorifics.txt")
    home_body_nouns: frozenset[str] = _list("home-body-nouns.txt")
    # kg/extract/layout.py (words=0: phrases of any length)
    courtesies: frozenset[str] = _list("courtesies.txt", words=0)
    salutation_words: frozenset[str] = _list("salutation-words.txt")
    header_labels: frozenset[str] = _list("header-labels.txt", words=0)
    answer_turns: frozenset[str] = _list("answer-turns.txt")
    remark_phrases: RemarkPhrases = field(
        default_factory=RemarkPhrases, metadata={"file": "remark-phrases.tsv", "read": read_remark_phrases},
    )


def read_rule_words(base: Path) -> RuleWords:
    """Every word list of ``RuleWords`` from the lexicon directory ``base``."""
    return RuleWords(**{item.name: item.metadata["read"](base / item.metadata["file"]) for item in fields(RuleWords)})


def read_reporting_verbs(path: Path) -> ReportingVerbs:
    """``lemma<TAB>kind<TAB>particle<TAB>dates_event`` rows (see the file's header)."""
    kinds: dict[str, str] = {}
    particles: dict[str, str] = {}
    dating: set[str] = set()
    for number, text in lines_of(path):
        where = f"{path}:{number}"
        lemma, kind, particle, dates = _cells(path, number, text, REPORTING_COLUMNS)
        lemma = _check_item(lemma, where, cased=False, words=1)
        if lemma in kinds:
            raise ConfigError(f"{where}: {lemma!r} is listed already")
        if kind not in REPORTING_KINDS:
            raise ConfigError(f"{where}: kind must be one of {', '.join(REPORTING_KINDS)}, found {kind!r}")
        if dates not in ("yes", "no"):
            raise ConfigError(f"{where}: dates_event must be yes or no, found {dates!r}")
        kinds[lemma] = kind
        if particle != "-":
            particles[lemma] = _check_item(particle, where, cased=False, words=1)
        if dates == "yes":
            dating.add(lemma)
    return ReportingVerbs(kinds, particles, frozenset(dating))
