"""Names the statistical model misses, found from their shape and from what the text says of them.

``en_core_web_sm`` misses or cuts many of the names an ecosystem's documents are made of: units of
institutions in lists ("Kuressaare College", "School of Business and Governance"), names with
"and" inside ("Centre for Digital Forensics and Cyber Security"), people after a title ("Rector
Tiit Land"), model designations ("Pravetz 16", "Series 80"), and products the text introduces
with an apposition ("PELUX, an open-source software platform"). Each finder here returns token
spans; :class:`kronika.pipeline.entities.EntityRecognizer` turns them into entities, after the
registry's names and before the model's, so a span found here wins over a cut the model made.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kronika.pipeline.tokens import tokens
from kronika.pipeline.vocabulary import BULLETS

#: Head nouns of an institution's units and of organisations named after what they are.
UNIT_HEADS = frozenset(
    [
        "academy",
        "agency",
        "bureau",
        "centre",
        "center",
        "college",
        "commission",
        "committee",
        "council",
        "department",
        "directorate",
        "division",
        "faculty",
        "foundation",
        "institute",
        "laboratory",
        "lab",
        "library",
        "ministry",
        "museum",
        "observatory",
        "polytechnic",
        "school",
        "service",
        "university",
        "works",
        "plant",
        "factory",
        "cluster",
        "zone",
        "park",
        "technopark",
        "hub",
        "fund",
        "association",
        "authority",
        "society",
        "alliance",
        "chamber",
        "consortium",
        "incubator",
        "accelerator",
        "guild",
        "federation",
        "confederation",
        "league",
        "union",
    ]
)
#: Adverbs that open sentences and are never the first word of a name.
_OPENING_ADVERBS = frozenset(
    [
        *("today", "now", "currently", "meanwhile", "later", "then", "still", "yesterday"),
        *("tomorrow", "recently", "nowadays", "previously", "originally", "initially"),
        *("finally", "eventually", "overall", "instead", "also"),
    ]
)
#: Lower-case words that may sit inside a name between capitalised ones.
NAME_JOINERS = frozenset(["of", "for", "and", "&", "on", "de", "der", "la"])
#: Words that open a name's right part but never a unit's name ("and the ...").
_STOP_AFTER_AND = frozenset(["the", "a", "an", "its", "their", "our", "his", "her"])
#: Titles and offices written before a person's name.
PERSON_TITLES = frozenset(
    [
        "academician",
        "ambassador",
        "ceo",
        "chairman",
        "chairwoman",
        "chancellor",
        "dean",
        "director",
        "dr",
        "founder",
        "governor",
        "mayor",
        "minister",
        "mr",
        "mrs",
        "ms",
        "president",
        "prime",
        "prof",
        "professor",
        "rector",
        "sir",
    ]
)
#: Nouns an apposition uses to introduce a product ("X, a cloud-based environment for ...").
PRODUCT_HEADS = frozenset(
    [
        "app",
        "application",
        "browser",
        "chip",
        "computer",
        "console",
        "cluster",
        "device",
        "engine",
        "environment",
        "framework",
        "game",
        "laptop",
        "library",
        "machine",
        "mainframe",
        "messenger",
        "microcomputer",
        "model",
        "phone",
        "platform",
        "processor",
        "receiver",
        "robot",
        "satellite",
        "server",
        "smartphone",
        "supercomputer",
        "software",
        "suite",
        "system",
        "television",
        "terminal",
        "tool",
        "toolkit",
        "tractor",
        "truck",
        "vehicle",
    ]
)
#: A model designation after a name: "16", "286", "8M", "64M", "XT2", "II" is left out (a numeral).
_MODEL = re.compile(r"^(?:\d{1,4}[A-Za-z]{0,3}|[A-Z]{1,3}-?\d{1,4}[A-Za-z]?)$")


def _free(taken: list[bool], start: int, end: int) -> bool:
    return not any(taken[start:end])


def _name_word(tok: Token) -> bool:
    # "IT" in "Minsk IT Hub" is a capitalised word, not the stop word "it"
    upper = tok.is_upper and len(tok) > 1
    return (tok.is_title or upper) and tok.is_alpha and (upper or not tok.is_stop)


def unit_names(doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
    """Capitalised names headed by a unit noun: "Kuressaare College", "School of Business and
    Governance", "the Centre for Digital Forensics and Cyber Security"."""
    found: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if tok.lower_ not in UNIT_HEADS or not tok.is_title or tok.tag_ in ("NNS", "NNPS") or taken[i]:
            i += 1
            continue
        start = i
        while (
            start > 0
            and not taken[start - 1]
            and _name_word(doc[start - 1])
            and doc[start - 1].lower_ not in _OPENING_ADVERBS
            and (
                doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN")
                # a name opening the sentence that the tagger took for another word ("Tartu")
                or doc[start - 1].is_sent_start
                and doc[start - 1].pos_ in ("ADV", "X", "VERB")
            )
        ):
            start -= 1
        # "the Operations and Analysis Centre", "the Science and Technology Park": two words
        # joined by "and" before the head are one name (not "Minsk and Brest College")
        if (
            start >= 2
            and start < i
            and doc[start - 1].lower_ == "and"
            and not taken[start - 2]
            and doc[start - 2].is_title
            and doc[start - 2].pos_ in ("PROPN", "NOUN")
            and doc[start - 2].ent_type_ not in ("GPE", "LOC", "PERSON", "NORP")
            and doc[start - 2].lower_ not in UNIT_HEADS
        ):
            start -= 2
            # "Dniapro Science and Technology Park": the name's own first words
            while (
                start > 0
                and not taken[start - 1]
                and _name_word(doc[start - 1])
                and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                and doc[start - 1].lower_ not in _OPENING_ADVERBS
                and doc[start - 1].ent_type_ not in ("GPE", "LOC")
            ):
                start -= 1
        end = i + 1
        while end < n and not taken[end] and _name_word(doc[end]) and doc[end].pos_ == "PROPN":
            end += 1  # "Polytechnic Institute": the name goes on
        if end + 1 < n and doc[end].lower_ in ("of", "for", "on") and _name_word(doc[end + 1]):
            end = _extend_right(doc, end, taken)
        if start == i and end == i + 1:
            i += 1
            continue  # a bare "College" is a back-reference, not a name
        if start == i and doc[start].is_sent_start and end == i + 1:
            i += 1
            continue
        if _free(taken, start, end):
            found.append((start, end))
        i = end
    return found


def _extend_right(doc: Doc, end: int, taken: list[bool]) -> int:
    """Past "of"/"for" and the capitalised words after it, "and" included before a capitalised
    word ("Forensics and Cyber Security"); never into "and the ..." (a second name)."""
    n = len(doc)
    j = end
    last = end
    while j < n and not taken[j]:
        tok = doc[j]
        if _name_word(tok):
            last = j + 1
            j += 1
            continue
        if tok.lower_ in NAME_JOINERS and j + 1 < n and _name_word(doc[j + 1]):
            if tok.lower_ in ("and", "&") and doc[j + 1].lower_ in _STOP_AFTER_AND:
                break
            if tok.lower_ in ("and", "&") and any(
                doc[k].lower_ in UNIT_HEADS for k in range(j + 1, min(n, j + 4)) if _name_word(doc[k])
            ):
                break  # "the Institute of X and the Institute of Y": two names
            j += 1
            continue
        break
    return last


#: Words that follow a title as part of it ("Director General", "Chief Executive Officer").
_SECOND_TITLE_WORDS = frozenset(["general", "executive", "officer", "president", "director", "designer"])


def titled_people(doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
    """Two or three capitalised words after a title or office: "Rector Tiit Land",
    "President Ashot Saghyan" (the title is not part of the name)."""
    found: list[tuple[int, int]] = []
    for tok in tokens(doc):
        if not tok.is_title or tok.lower_.rstrip(".") not in PERSON_TITLES:
            continue
        start = tok.i + 1
        while start < len(doc) and doc[start].lower_.rstrip(".") in _SECOND_TITLE_WORDS | PERSON_TITLES:
            start += 1  # "Director General Sergei Kruglikov", "Vice President Anna Ode"
        end = start
        while end < len(doc) and end - start < 3 and doc[end].is_title and doc[end].pos_ == "PROPN":
            if doc[end].lower_ in UNIT_HEADS:
                break
            end += 1
        if end - start < 2 or not _free(taken, start, end):
            continue
        if any(doc[k].ent_type_ in ("ORG", "GPE", "LOC", "FAC") for k in range(start, end)):
            continue
        found.append((start, end))
    return found


#: A model code written as one word: "ES-1010", "Ryad-3", "BK-0010", "Horizont-723".
_MODEL_CODE = re.compile(r"^[A-Z][A-Za-z]{0,9}-\d{1,5}[A-Za-z]{0,2}$")
#: Codes that are not products.
_NOT_MODELS = frozenset(["covid", "sars", "mers", "g", "expo"])


#: Nouns of legal acts that are cited by number ("Decree No. 102", "Resolution No. 345").
_ACT_NOUNS = frozenset(
    [
        *("decree", "edict", "law", "resolution", "order", "ordinance", "directive"),
        *("regulation", "act", "statute", "bill", "instruction", "ukase"),
    ]
)
_NUMBER_SIGNS = frozenset(["no", "no.", "nr", "nr.", "number", "#", "№", "n"])
_OPEN_QUOTES = frozenset(['"', "\u201c", "\u00ab", "\u201e", "'"])
_CLOSE_QUOTES = frozenset(['"', "\u201d", "\u00bb", "\u201c", "'"])


def numbered_acts(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str, tuple[int, int] | None]]:
    """Legal acts cited by number: "Decree No. 102", "Law No. 1234-XII", "Edict №5".

    Returns ``(start, end, canonical name, title span)``: the name is written "Decree No. 102"
    however the text writes the number sign, and the title span is a quoted title right after
    it ('"On the Development of the Hi-Tech Park"', without the quotes), or None.
    """
    found: list[tuple[int, int, str, tuple[int, int] | None]] = []
    for tok in tokens(doc):
        if taken[tok.i] or tok.lower_ not in _ACT_NOUNS or not tok.is_title:
            continue
        k = tok.i + 1
        signed = k < len(doc) and doc[k].lower_ in _NUMBER_SIGNS
        if signed:
            k += 1
            if k < len(doc) and doc[k].text == ".":
                k += 1
        if k >= len(doc) or not doc[k].text[:1].isdigit():
            continue
        if not signed and (not doc[k].text.isdigit() or len(doc[k].text) == 4):
            continue  # "Law 2021": a year, not a number
        end = k + 1
        while (
            end + 1 < len(doc)
            and doc[end].text in ("-", "/")
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].text[:1].isalnum()
        ):
            end += 2  # "1234-XII", "12/2017"
        if any(taken[tok.i : end]):
            continue
        number = doc[k:end].text
        title = None
        quote = end
        if quote < len(doc) and doc[quote].lower_ == "of":
            # "Resolution No. 389 of the Council of Ministers, "On ..."": the issuer comes first
            q = quote + 1
            while q < min(len(doc), quote + 8) and (
                doc[q].is_title or doc[q].lower_ in NAME_JOINERS | {"the"}
            ):
                q += 1
            if q + 1 < len(doc) and doc[q].text == "," and doc[q + 1].text in _OPEN_QUOTES:
                quote = q + 1
        if quote < len(doc) and doc[quote].text in _OPEN_QUOTES:
            end_quote = quote
            for close in range(end_quote + 2, min(len(doc), end_quote + 25)):
                if doc[close].text in _CLOSE_QUOTES:
                    title = (end_quote + 1, close)
                    break
        found.append((tok.i, end, f"{tok.text} No. {number}", title))
    return found


def is_model_code(tok: Token) -> bool:
    """ "ES-1010", "Ryad-3": a one-word model code (not "COVID-19", nor a year: "EXPO-2017")."""
    if not _MODEL_CODE.match(tok.text):
        return False
    letters, _, digits = tok.text.partition("-")
    number = digits.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return letters.lower() not in _NOT_MODELS and not (len(number) == 4 and 1900 <= int(number) <= 2099)


def model_codes(doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
    """One-word model codes the model leaves untagged or calls an organisation: "ES-1010"."""
    found: list[tuple[int, int]] = []
    for tok in tokens(doc):
        if taken[tok.i] or not is_model_code(tok):
            continue
        if tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "CARDINAL", "PERSON", "GPE", "LOC"):
            continue
        found.append((tok.i, tok.i + 1))
    return found


#: Last words that make a given name and a capitalised word a place or a body, not a person.
_NOT_SURNAMES = frozenset(
    ["street", "avenue", "square", "prospect", "lane", "road", "bridge", "prize", "award"]
)


def given_name_people(doc: Doc, taken: list[bool], given: frozenset[str]) -> list[tuple[int, int]]:
    """ "Sergey Ablameyko headed ...": a given name and one or two capitalised words after it
    name a person, when the model missed them."""
    found: list[tuple[int, int]] = []
    for tok in tokens(doc):
        if taken[tok.i] or tok.text not in given or tok.ent_type_ in ("ORG", "GPE", "LOC", "FAC"):
            continue
        end = tok.i + 1
        while (
            end < len(doc)
            and end - tok.i < 3
            and not taken[end]
            and doc[end].is_title
            and doc[end].is_alpha
            and doc[end].pos_ == "PROPN"
        ):
            end += 1
        if end == tok.i + 1:
            continue
        last = doc[end - 1].lower_
        if last in UNIT_HEADS or last in _NOT_SURNAMES:
            continue
        if end < len(doc) and doc[end].lower_ in UNIT_HEADS:
            continue  # "Sergey Korolev University"
        found.append((tok.i, end))
    return found


def model_designation(doc: Doc, end: int, taken: list[bool]) -> int | None:
    """The end of a model number right after a name ("Pravetz 16", "Minsk 32"), or None.

    A year is not a model ("Acme 2021"), nor a number that counts the noun after it.
    """
    if end >= len(doc) or taken[end]:
        return None
    tok = doc[end]
    if not _MODEL.match(tok.text) or tok.whitespace_ == "" and end + 1 < len(doc) and doc[end + 1].is_alpha:
        return None
    if tok.text.isdigit() and (len(tok.text) == 4 and 1800 <= int(tok.text) <= 2099):
        return None
    if tok.dep_ == "nummod" and tok.head.i > end:
        return None  # "Acme 16 units": a count
    if end + 1 < len(doc) and doc[end + 1].pos_ == "NOUN" and doc[end + 1].lower_ not in PRODUCT_HEADS:
        return None
    return end + 1


def described_products(doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
    """A capitalised or upper-case word the text introduces as a product in an apposition:
    "PELUX, an open-source-based software platform", "Icenium, a cloud-based environment"."""
    found: list[tuple[int, int]] = []
    for tok in tokens(doc):
        if taken[tok.i] or not _name_word(tok) or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
            continue
        appos = [c for c in tok.children if c.dep_ == "appos"]
        if not any(a.lemma_.lower() in PRODUCT_HEADS for a in appos):
            continue
        start = tok.i
        while (
            start > 0
            and not taken[start - 1]
            and _name_word(doc[start - 1])
            and doc[start - 1].dep_ == "compound"
        ):
            start -= 1
        found.append((start, tok.i + 1))
    return found


#: Description heads that make a list item's label a product ("- X 82 (1982): a copy of ...").
_PRODUCT_DESCRIPTIONS = PRODUCT_HEADS | frozenset(
    ["copy", "clone", "version", "successor", "variant", "edition"]
)


def list_labels(doc: Doc, taken: list[bool], org_nouns: frozenset[str]) -> list[tuple[int, int, str]]:
    """The label of a list item that the item then describes: "- Pravetz 8M: an improved 82",
    "- Icenium, a cloud-based environment". The type comes from the description's head noun
    (a product, or an organisation); a label described otherwise is left to the model."""
    found: list[tuple[int, int, str]] = []
    for sent in doc.sents:
        first = sent[0]
        if first.text not in BULLETS or len(sent) < 4:
            continue
        start = first.i + 1
        end = start
        while end < sent.end and (
            _name_word(doc[end]) or _MODEL.match(doc[end].text) or doc[end].lower_ in ("of", "for", "and")
        ):
            end += 1
        while end > start and not (_name_word(doc[end - 1]) or _MODEL.match(doc[end - 1].text)):
            end -= 1
        if end == start or end >= sent.end or not _name_word(doc[start]):
            continue
        k = end
        if doc[k].text == "(":  # "(1982)", "(1982):"
            while k < sent.end and not doc[k].text.startswith(")"):
                k += 1
            if k < sent.end and doc[k].text == ")":
                k += 1
        if k >= sent.end or doc[k].text.lstrip(")") not in (":", ",", "–", "—", "-"):
            continue
        etype = None
        if any(any(c.isdigit() for c in doc[i].text) for i in range(start + 1, end)):
            etype = "product"  # "- Pravetz 8M: ...": a model number names a model
        for t in doc[k + 1 : min(sent.end, k + 10)]:
            if etype is not None:
                break
            if t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "compound":
                continue  # "a software company": the head noun, not its modifier
            lemma = t.lemma_.lower()
            if lemma in _PRODUCT_DESCRIPTIONS:
                etype = "product"
            elif lemma in org_nouns:
                etype = "organization"
            break  # the description's head noun decides ("- A. Petrov, a specialist in ..., led
            # the institute": a specialist, whatever the sentence goes on to)
        if etype is None:
            continue
        if _free(taken, start, end):
            found.append((start, end, etype))
    return found
