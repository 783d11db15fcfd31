"""A deterministic, varied benchmark corpus about (invented) technology companies.

Documents are built from sentence templates and word lists written for kronika's benchmarks: the
companies, people and most figures are invented, the cities and years are real. The shapes cover
what the extractor looks for (founding, founders, leadership, offices, relocation, counts with
comparators, ranges, money, percents, fractions, time expressions of many kinds) and plenty of
plain narrative that it should pass over. The same seed always gives the same corpus.

Usage::

    python bench/corpus.py OUT_DIR [--words 64000] [--seed 20241125]

or from Python: ``generate(target_words=64000)`` returns a list of ``Document``.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEED = 20241125

# ---------------------------------------------------------------- word lists

NAME_HEADS = [
    "Quill", "Bright", "Lumen", "Vela", "Orbis", "Kestrel", "Nord", "Ardent", "Pixel", "Granit",
    "Solver", "Tundra", "Copper", "Meridian", "Halo", "Kvant", "Zubr", "Lynx", "Amber", "Birch",
    "Cobalt", "Delta", "Ember", "Falcon", "Glide", "Harbor", "Iris", "Juniper", "Krona", "Lattice",
    "Mosaic", "Nimbus", "Onyx", "Prism", "Quartz", "Rivet", "Sable", "Tessel", "Umbra", "Vireo",
    "Wren", "Yarrow", "Zenit", "Astra", "Borei", "Cirrus", "Dvina", "Elbrus", "Fjord", "Gamma",
]
NAME_TAILS = [
    "soft", "line", "works", "logic", "data", "stack", "forge", "byte", "wave", "path", "sense",
    "core", "labs", "ware", "mind", "grid", "code", "node", "flow", "scale",
]
LEGAL_SUFFIXES = ["", "", "", " Systems", " Technologies", " Labs", " Group", " Software", " Solutions"]

FIRST_NAMES = [
    "Andrei", "Volha", "Siarhei", "Alena", "Dzmitry", "Hanna", "Pavel", "Iryna", "Maksim", "Tatsiana",
    "Yury", "Natallia", "Aliaksandr", "Katsiaryna", "Viktar", "Maryia", "Kiryl", "Darya", "Ihar",
    "Liudmila", "Tomasz", "Agnieszka", "Jonas", "Ruta", "Giorgi", "Nino", "Oleksandr", "Olena",
    "Marta", "Karl", "Ingrid", "Mikael", "Sofia", "Daniel", "Laura",
]
LAST_NAMES = [
    "Kavalenka", "Mikhnevich", "Zhuk", "Lukashevich", "Bahdanovich", "Sidarenka", "Karpovich",
    "Yanushkevich", "Shved", "Marozau", "Kazlou", "Novik", "Hurynovich", "Paulouski", "Tarasevich",
    "Kowalczyk", "Wisniewski", "Kazlauskas", "Petrauskas", "Beridze", "Kapanadze", "Shevchuk",
    "Bondarenko", "Lindqvist", "Halvorsen", "Brandt", "Keller", "Moretti", "Varga",
]
HOME_CITIES = ["Minsk", "Gomel", "Brest", "Grodno", "Vitebsk", "Mogilev", "Baranovichi", "Pinsk"]
ABROAD_CITIES = [
    "Vilnius", "Warsaw", "Krakow", "Wroclaw", "Gdansk", "Tbilisi", "Batumi", "Riga", "Tallinn",
    "Limassol", "Belgrade", "Yerevan", "Almaty", "Berlin", "Prague", "Budapest", "Lviv", "Kaunas",
]
COUNTRIES = [
    "Germany", "Poland", "Lithuania", "Latvia", "Estonia", "Georgia", "Cyprus", "Serbia", "the United States",
    "the United Kingdom", "Sweden", "Norway", "Finland", "the Netherlands", "Switzerland", "Israel",
]
SECTORS = [
    "banking software", "logistics platforms", "mobile games", "e-commerce", "medical imaging",
    "telecom billing", "computer vision", "online education", "travel booking", "cybersecurity",
    "embedded systems", "retail analytics", "insurance software", "fintech", "map and navigation apps",
]
PRODUCTS = [
    "a payments gateway", "a fleet tracking app", "a photo editor", "a learning platform",
    "a chat assistant", "a warehouse robot controller", "a point-of-sale system", "a fitness app",
    "a messenger", "a cloud backup service", "a route planner", "an anti-fraud engine",
]
ROLES = [
    "chief executive", "chief technology officer", "managing director", "chairman", "head of engineering",
]
# what is counted, and a plausible range for it
MEASURE_NOUNS: list[tuple[str, int, int]] = [
    ("employees", 20, 12000), ("engineers", 20, 9000), ("developers", 20, 9000), ("clients", 5, 900),
    ("offices", 2, 30), ("projects", 10, 3000), ("students", 50, 5000), ("users", 1000, 900000),
    ("specialists", 20, 9000),
]
COMPARATORS = [
    "more than", "over", "about", "nearly", "almost", "at least", "fewer than", "up to", "around",
    "roughly", "some", "",
]
RISE_VERBS = ["surpassed", "exceeded", "passed", "reached", "topped", "grew to", "fell to", "stood at"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
]
PARKS = ["the High Technologies Park", "the regional technology park", "the national IT cluster"]
FILLER_TOPICS = [
    "the local labour market", "remote work", "university programmes", "tax rules for software exports",
    "the cost of office space", "English-language skills", "venture funding", "outsourcing contracts",
    "product companies", "hiring of junior developers", "salaries in the sector", "visa rules",
]

# ---------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Document:
    """One generated document: a file name, a title and its text."""

    name: str
    title: str
    text: str

    @property
    def words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    """Words as the benchmark counts them: whitespace-separated tokens."""
    return len(text.split())


class World:
    """Draws names, numbers and time phrases from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used_names: set[str] = set()

    def pick(self, items: list[str]) -> str:
        return self.rng.choice(items)

    def company(self) -> str:
        for _ in range(100):
            name = self.pick(NAME_HEADS) + self.pick(NAME_TAILS).capitalize() * self.rng.randint(0, 1)
            if name not in self.used_names:
                break
            name += self.pick(LEGAL_SUFFIXES)
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return name

    def person(self) -> str:
        return f"{self.pick(FIRST_NAMES)} {self.pick(LAST_NAMES)}"

    def year(self, lo: int = 1992, hi: int = 2024) -> int:
        return self.rng.randint(lo, hi)

    def number(self, lo: int, hi: int) -> str:
        value = self.rng.randint(lo, hi)
        if value >= 100:
            value = round(value, -1 if value < 1000 else -2)
        return f"{value:,}"

    def count(self, lo: int = 20, hi: int = 12000) -> str:
        comparator = self.pick(COMPARATORS)
        number = self.number(lo, hi)
        return f"{comparator} {number}".strip()

    def money(self) -> str:
        shape = self.rng.randint(0, 3)
        if shape == 0:
            return f"${self.rng.randint(2, 900)} million"
        if shape == 1:
            return f"${self.rng.randint(1, 9)}.{self.rng.randint(1, 9)} billion"
        if shape == 2:
            return f"€{self.rng.randint(5, 400)} million"
        return f"{self.rng.randint(3, 90)} million US dollars"

    def percent(self) -> str:
        return self.pick([f"{self.rng.randint(2, 95)}%", f"{self.rng.randint(2, 95)} percent"])

    def fraction(self) -> str:
        return self.pick(["a third", "two-thirds", "half", "a quarter", "three-quarters", "one in five"])

    def when(self, year: int | None = None) -> str:
        """A time phrase, of one of many shapes."""
        y = year if year is not None else self.year()
        shapes: list[Callable[[], str]] = [
            lambda: f"in {y}",
            lambda: f"in {y}",
            lambda: f"by {y}",
            lambda: f"after {y}",
            lambda: f"until {y}",
            lambda: f"in early {y}",
            lambda: f"in late {y}",
            lambda: f"in {self.pick(MONTHS)} {y}",
            lambda: f"on {self.pick(MONTHS)} {self.rng.randint(1, 28)}, {y}",
            lambda: f"between {y} and {y + self.rng.randint(1, 6)}",
            lambda: f"from {y} to {y + self.rng.randint(1, 6)}",
            lambda: f"in the {y // 10 * 10}s",
            lambda: f"in the early {y // 10 * 10}s",
            lambda: "that year",
            lambda: "in recent years",
        ]
        return self.rng.choice(shapes)()


def cap(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


# ---------------------------------------------------------------- sentence shapes
# Each shape takes the world and the document's cast and returns one sentence.


@dataclass
class Cast:
    company: str
    founder: str
    leader: str
    home: str
    abroad: str
    founded: int
    partner: str
    product: str
    sector: str


def s_founding(w: World, c: Cast) -> str:
    return w.pick([
        f"{c.company} was founded in {c.founded} by {c.founder}.",
        f"{c.company}, founded in {c.home} in {c.founded} by {c.founder}, "
        "started as a small outsourcing shop.",
        f"{c.founder} established {c.company} in {c.founded}.",
        f"The company was established in {c.founded} in {c.home}.",
        f"{c.company} was set up in {c.founded} by {c.founder} and two former classmates.",
        f"Founded by {c.founder} in {c.founded}, {c.company} first wrote software for {c.sector}.",
    ])


def s_leadership(w: World, c: Cast) -> str:
    role = w.pick(ROLES)
    return w.pick([
        f"{c.company} is led by {c.leader}.",
        f"{c.leader}, {role} of {c.company}, said the firm would keep hiring.",
        f"Since {w.year(c.founded, 2024)} the company has been headed by {c.leader}.",
        f"{c.leader} became {role} of {c.company} {w.when()}.",
        f"The {role}, {c.leader}, joined from {c.partner} {w.when()}.",
    ])


def s_office(w: World, c: Cast) -> str:
    city = w.pick(HOME_CITIES + ABROAD_CITIES)
    return w.pick([
        f"{cap(w.when())}, {c.company} opened a development centre in {city}.",
        f"The company opened an office in {city} {w.when()}.",
        f"{c.company} has offices in {c.home}, {city} and {w.pick(ABROAD_CITIES)}.",
        f"Its headquarters are in {c.home}.",
        f"{c.company} is headquartered in {w.pick([c.home, c.abroad])}.",
        f"A second engineering hub followed in {city} {w.when()}.",
    ])


def s_relocation(w: World, c: Cast) -> str:
    y = w.year(2020, 2023)
    return w.pick([
        f"In {y} {c.company} moved its headquarters to {c.abroad}.",
        f"{cap(w.when(y))}, most of its staff relocated to {c.abroad} and {w.pick(ABROAD_CITIES)}.",
        f"After the events of August 2020, {c.company} relocated to {c.abroad}.",
        f"{c.company} moved to {c.abroad} in {w.pick(MONTHS)} {y}, keeping a small team in {c.home}.",
        f"Between {w.count(50, 900)} and {w.number(1000, 3000)} of its engineers left for {c.abroad}.",
        f"Several hundred {w.pick(['developers', 'specialists', 'employees'])} "
        f"left {c.home} for {c.abroad} {w.when(y)}.",
    ])


def s_measure(w: World, c: Cast) -> str:
    noun, lo, hi = w.rng.choice(MEASURE_NOUNS)
    return w.pick([
        f"{cap(w.when(w.year(c.founded, 2024)))}, {c.company} employed {w.count()} people.",
        f"{cap(w.when())}, the number of its {noun} {w.pick(RISE_VERBS)} {w.number(lo, hi)}.",
        f"{c.company} had {w.count(lo, hi)} {noun} {w.when()}.",
        f"The company counts {w.count(lo, hi)} {noun} in {w.pick(HOME_CITIES + ABROAD_CITIES)}.",
        f"{cap(w.count(5, 900))} of these {noun} are located outside {c.home}.",
        f"Between {w.number(100, 2000)} and {w.number(2100, 9000)} people work for the company today.",
        f"Thousands of {noun} have passed through its training programmes since {c.founded}.",
        f"{cap(w.fraction())} of its {noun} work remotely.",
    ])


def s_money(w: World, c: Cast) -> str:
    return w.pick([
        f"Its revenue reached {w.money()} {w.when(w.year(2005, 2024))}.",
        f"{cap(w.when())}, {c.company} reported revenue of {w.money()}.",
        f"Exports of its services were worth {w.money()} {w.when()}.",
        f"{c.partner} invested {w.money()} in {c.company} {w.when()}.",
        f"The deal valued the company at about {w.money()}.",
        f"About {w.percent()} of its revenue came from clients in {w.pick(COUNTRIES)}.",
        f"Software exports made up {w.percent()} of the company's sales {w.when()}.",
        f"The income tax rate for its staff was {w.percent()} until {w.year(2010, 2024)}.",
    ])


def s_partner(w: World, c: Cast) -> str:
    return w.pick([
        f"{c.company} partnered with {c.partner} to build {c.product}.",
        f"In cooperation with {c.partner}, it launched {c.product} {w.when()}.",
        f"{c.partner} acquired a stake in {c.company} {w.when()}.",
        f"{c.company} became part of {c.partner} {w.when()}.",
        f"{c.company} joined {w.pick(PARKS)} {w.when(c.founded + w.rng.randint(0, 6))}.",
        f"The company produced {c.product}, which was later succeeded by {w.pick(PRODUCTS)}.",
    ])


def s_filler(w: World, c: Cast) -> str:
    topic = w.pick(FILLER_TOPICS)
    return w.pick([
        f"Managers often mention {topic} when they explain how the sector changed.",
        f"Analysts disagree about how much {topic} mattered for firms like {c.company}.",
        f"The debate about {topic} returned {w.when()}, as it does every few years.",
        f"For a company working in {c.sector}, {topic} is a daily concern rather than a policy question.",
        f"Interviews with former staff describe {topic} as the main reason for the move.",
        f"Local newspapers wrote about {topic} and about the growth of {c.sector} in {c.home}.",
        "None of this was planned when the first contracts were signed.",
        f"Clients in {w.pick(COUNTRIES)} and {w.pick(COUNTRIES)} remained its largest customers.",
        f"The team worked mostly on {c.product} for customers in {w.pick(COUNTRIES)}.",
        f"It is one of many firms in {c.sector} that grew out of the {c.home} IT scene.",
    ])


SHAPES: list[tuple[Callable[[World, Cast], str], int]] = [
    (s_founding, 2), (s_leadership, 2), (s_office, 3), (s_relocation, 2), (s_measure, 5),
    (s_money, 3), (s_partner, 2), (s_filler, 6),
]


def paragraph(w: World, c: Cast) -> str:
    shapes, weights = zip(*SHAPES, strict=True)
    n = w.rng.randint(3, 8)
    return " ".join(w.rng.choices(shapes, weights=weights, k=n)[i](w, c) for i in range(n))


def document(w: World, index: int, target: int) -> Document:
    c = Cast(
        company=w.company(),
        founder=w.person(),
        leader=w.person(),
        home=w.pick(HOME_CITIES),
        abroad=w.pick(ABROAD_CITIES),
        founded=w.year(1991, 2018),
        partner=w.company() + w.pick(LEGAL_SUFFIXES),
        product=w.pick(PRODUCTS),
        sector=w.pick(SECTORS),
    )
    style = w.rng.randint(0, 2)
    if style == 0:
        title = f"{c.company}: company profile"
        opening = f"{c.company} is a software company from {c.home} working in {c.sector}. {s_founding(w, c)}"
    elif style == 1:
        title = f"{c.company} moves to {c.abroad}"
        opening = (
            f"{c.home.upper()}, {w.pick(MONTHS)} {w.rng.randint(1, 28)}, {w.year(2021, 2024)}. "
            f"{c.company}, the maker of {c.product}, "
            f"said it was moving staff to {c.abroad}. {s_relocation(w, c)}"
        )
    else:
        title = f"The {c.sector} sector and {c.company}"
        opening = (
            f"This overview describes the {c.sector} sector of {c.home} through one of its companies, "
            f"{c.company}. {s_founding(w, c)}"
        )
    paragraphs = [opening]
    words = count_words(opening)
    while words < target:
        p = paragraph(w, c)
        paragraphs.append(p)
        words += count_words(p)
    text = f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"
    return Document(name=f"gen-{index:04d}.txt", title=title, text=text)


def generate(
    target_words: int = 64_000,
    *,
    n_docs: int | None = None,
    min_words: int = 300,
    max_words: int = 3000,
    seed: int = SEED,
) -> list[Document]:
    """Documents of ``min_words``…``max_words`` words until ``target_words`` (or ``n_docs`` documents)."""
    w = World(random.Random(seed))
    docs: list[Document] = []
    total = 0
    while (n_docs is None and total < target_words) or (n_docs is not None and len(docs) < n_docs):
        doc = document(w, len(docs) + 1, w.rng.randint(min_words, max_words))
        docs.append(doc)
        total += doc.words
    return docs


def extra_documents(root: Path) -> list[Document]:
    """Real texts shipped beside the project, when present: ../shared's article and tests/data/texts."""
    paths = [root.parent / "shared" / "corpus" / "belarus-it-history.txt"]
    paths += sorted((root / "tests" / "data" / "texts").glob("*.txt"))
    docs = []
    for path in paths:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            docs.append(Document(name=f"extra-{path.name}", title=path.stem, text=text))
    return docs


def write(docs: list[Document], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (out / doc.name).write_text(doc.text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--words", type=int, default=64_000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    docs = generate(args.words, seed=args.seed)
    write(docs, args.out)
    print(f"{len(docs)} documents, {sum(d.words for d in docs):,} words in {args.out}")


if __name__ == "__main__":
    main()
