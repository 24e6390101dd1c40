"""Made-up news articles for the scaling tests: many distinct stories, the same for a seed.

Sentences are filled from templates with countries, cities and international organisations
(general world knowledge) and invented people, so the texts are new to every test run's model
and share nothing with the bundled sample corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

COUNTRIES = {
    "Kenya": "Nairobi", "Peru": "Lima", "Norway": "Oslo", "Vietnam": "Hanoi",
    "Chile": "Santiago", "Ghana": "Accra", "Poland": "Warsaw", "Canada": "Ottawa",
    "Egypt": "Cairo", "Japan": "Tokyo", "Brazil": "Brasilia", "India": "New Delhi",
    "Mexico": "Mexico City", "Spain": "Madrid", "Turkey": "Ankara", "Nigeria": "Abuja",
}
ORGS = ("the United Nations", "the European Union", "the African Union", "NATO",
        "the World Health Organization", "the Red Cross")
PEOPLE = ("Maren Oduya", "Tomas Reinholt", "Ana Queralt", "Idris Mbeki-Lowe", "Sun-Hee Park",
          "Pavel Ostrander", "Lucia Ferrante", "Kwame Adjei-Boateng")
TOPICS = ("trade", "energy supplies", "border security", "refugees", "fishing rights",
          "water sharing", "rail links", "vaccine deliveries")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TEMPLATES = (
    "{a} and {b} signed an agreement on {topic} in {city} on {day}.",
    "The foreign minister of {a} met her counterpart from {b} in {city} to discuss {topic}.",
    "{a} accused {b} of violating the ceasefire along their shared border.",
    "Officials in {city} said {org} would send aid to {b} next month.",
    "{org} condemned the attack on a convoy in {b}, a spokesperson said on {day}.",
    "President {person} of {a} visited {bcity} on {day} for talks on {topic}.",
    "Protesters gathered outside the embassy of {b} in {city} on {day}.",
    "{a} pledged {n} million dollars in humanitarian aid to {b}.",
    "{person}, a senior adviser in {a}, said the talks with {b} had been constructive.",
    "{b} rejected the proposal from {a} and recalled its ambassador from {city}.",
    "The government of {a} denied reports that it planned to expel diplomats from {b}.",
    "{org} urged {a} and {b} to resume negotiations on {topic} without delay.",
)


def make_articles(count: int, *, seed: int = 1) -> list[dict[str, str]]:
    """Return `count` distinct article records (title, text, date, publisher)."""
    rng = random.Random(seed)
    names = sorted(COUNTRIES)
    seen: set[str] = set()
    articles: list[dict[str, str]] = []
    while len(articles) < count:
        a, b = rng.sample(names, 2)
        topic = rng.choice(TOPICS)
        sentences = []
        for template in rng.sample(TEMPLATES, rng.randint(5, 8)):
            sentences.append(template.format(
                a=a, b=b, city=COUNTRIES[a], bcity=COUNTRIES[b], topic=topic,
                org=rng.choice(ORGS), person=rng.choice(PEOPLE), day=rng.choice(DAYS),
                n=rng.randint(2, 90),
            ))
        text = " ".join(s[0].upper() + s[1:] for s in sentences)
        if text in seen:
            continue
        seen.add(text)
        articles.append({
            "title": f"{a} and {b} at odds over {topic}",
            "text": text,
            "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "publisher": "Test Wire",
        })
    return articles


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    """Write article records as JSONL, the way `kg build` reads them; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path
