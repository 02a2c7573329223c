"""Which actor a token refers to: mention, pronoun (person-pronouns.txt), apposition, collective noun."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.actors import ActorTable

# children that name the same entity as their head, most specific first:
# "the Secretary of Commerce, Jane Doe" (appos) before "United States Secretary" (compound)
NAME_PARTS = ("appos", "flat", "compound", "nmod")  # "Joseph R. Biden, Jr.": "Biden" is an nmod of "Jr."


def resolve_actor(token: Token, table: ActorTable) -> str | None:
    key = table.actor_at(token)
    if key is not None:
        return key
    if token.lower_ in table.lexicon.words.person_pronouns and token.pos_ == "PRON":
        return _named_after(token, table) or table.last_person_before(token.i)
    # "the Trump tax cuts": a common noun named after someone is not that someone; a title is
    # ("United States Secretary", "Secretary of Commerce, Jane Doe")
    lexicon = table.lexicon
    if token.pos_ == "NOUN" and token.lemma_.lower() not in lexicon.titles and token.lemma_.lower() not in lexicon.role_nouns:
        return None
    for dep in NAME_PARTS:
        for child in token.children:
            if child.dep_ == dep:
                key = table.actor_at(child)
                if key is not None:
                    return key
    # "State Councilor and Foreign Minister Li Wei": a title whose conjunct is a person's name
    for child in token.children:
        if child.dep_ == "conj":
            key = table.actor_at(child)
            if key is not None and table.actors[key].type == "Person":
                return key
    return None


def _named_after(pronoun: Token, table: ActorTable) -> str | None:
    """The person a pronoun points forward to: the subject of a clause it opens, named after
    it ("As he was addressing the summit, President Jane Roe acknowledged ...": Roe)."""
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "advcl" or clause.i > clause.head.i:
        return None
    for subject in clause.head.children:
        if subject.dep_ == "nsubj" and subject.i > clause.i:
            key = table.actor_at(subject)
            if key is not None and table.actors[key].type == "Person":
                return key
    return None


def with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]
