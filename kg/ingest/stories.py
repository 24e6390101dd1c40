"""Cut decoded text into paragraphs, drop scrape noise, and split it into stories.

Shapes used (all general, none tied to one site):

* a paragraph is a run of lines; a line continues the previous one when it starts in lower case
  or the previous line is long and stops mid-sentence (hard-wrapped text);
* a paragraph printed twice in a row is kept once; a block of paragraphs printed again after
  only marker lines (a title + caption block around a short all-caps line) is kept once;
* a story starts at a rule line (``----``), at a headline whose block was printed twice, at a
  headline after a longer blank gap than the file's usual paragraph gap, or after a gap of three
  or more blank lines beyond that usual gap.

Linear in the size of the text: every look-ahead is bounded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.ingest.clean import (
    UNDATED,
    CleaningRules,
    all_caps,
    byline,
    date_line,
    default_rules,
    ends_with_credit,
    is_boilerplate,
    is_breadcrumb,
    is_credit,
    is_marker,
    is_separator,
    line_key,
    source_name,
    tag_like,
    title_like,
)
from kg.ingest.dating import Dated, anchor_weekday, find_day

#: How far ahead (in paragraphs) a repeated block is looked for.
REPEAT_WINDOW = 10
#: Rounds of repeat removal (each round is linear; real scrapes settle in one or two).
MAX_ROUNDS = 8
#: Photo captions are short; a date is looked for in this many leading characters.
CAPTION_CHARS = 1000
_TERMINAL = ".!?:;\"”’)]…'»"


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the input with its place in the text and what the cleaning found."""

    start: int
    end: int
    text: str
    gap: int  # blank lines before it
    lead: int  # start of dropped noise lines just before it (breadcrumbs...), else `start`
    hard_break: bool = False
    dates: list[Dated] = field(default_factory=list)
    dropped: bool = False
    repeated: bool = False
    block_from: int | None = None  # first paragraph of the earlier copy of its block
    key: str = ""  # the folded text that copies are compared by

    def __post_init__(self) -> None:
        self.key = line_key(self.text)


@dataclass(frozen=True, slots=True)
class Story:
    """One story found in a text: title (when the text has one), body paragraphs and span."""

    title: str | None
    paragraphs: tuple[str, ...]
    start: int
    end: int
    publisher: str | None = None
    date: Dated | None = None


def split_stories(
    text: str,
    rules: CleaningRules | None = None,
    *,
    split: bool = True,
    known_title: str | None = None,
) -> list[Story]:
    """Clean `text` and return its stories (one when `split` is False).

    `known_title` (from metadata) is removed when the text repeats it as its first line.

    >>> [s.title for s in split_stories("One Headline Here\\n\\nBody one.\\n\\n\\n\\n"
    ...                                 "Another Headline\\n\\nBody two.")]
    ['One Headline Here', 'Another Headline']
    """
    rules = rules or default_rules()
    paragraphs = _paragraphs(text, rules)
    usual = _usual_gap(paragraphs)
    _drop_repeats(paragraphs, _story_gap(usual))
    bounds = _boundaries(paragraphs, rules, usual) if split else [0]
    stories = []
    for begin, end in zip(bounds, [*bounds[1:], len(paragraphs)], strict=True):
        story = _story(paragraphs[begin:end], rules, known_title)
        if story is not None:
            stories.append(story)
    return stories


def clean(text: str, rules: CleaningRules | None = None) -> str:
    """Return the cleaned text: each story's title and paragraphs, stories three lines apart.

    >>> clean("Home » World\\nWorld Politics\\n\\nTalks Resume in Geneva\\n\\n"
    ...       "Delegates met again on Monday.\\n\\nSource: Example Wire")
    'Talks Resume in Geneva\\n\\nDelegates met again on Monday.'
    """
    parts = []
    for story in split_stories(text, rules):
        head = [story.title] if story.title else []
        parts.append("\n\n".join([*head, *story.paragraphs]))
    return "\n\n\n\n".join(parts)


# -- paragraphs ------------------------------------------------------------------------------


def _continues(previous: str, line: str, rules: CleaningRules) -> bool:
    if line_key(previous) == line_key(line):
        return False
    if line[0].islower() or previous[-1] in ",;" or previous.endswith(("-", "–")):
        return True
    return (
        len(previous) >= 50
        and previous[-1] not in _TERMINAL
        and not title_like(previous, rules)
        and not ends_with_credit(previous, rules)
    )


def _paragraphs(text: str, rules: CleaningRules) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    lines: list[tuple[int, int, str]] = []
    gap, hard, lead = 0, False, None
    dates: list[Dated] = []
    crumb_context = False  # the last non-blank line was a breadcrumb (or a tag line after one)

    def flush() -> None:
        nonlocal gap, hard, lead, dates
        if lines:
            start = lines[0][0]
            paragraphs.append(Paragraph(
                start=start, end=lines[-1][1], text="\n".join(t for _, _, t in lines), gap=gap,
                lead=start if lead is None else lead, hard_break=hard, dates=dates,
            ))
            lines.clear()
            gap, hard, lead, dates = 0, False, None, []

    position = 0
    blank_run = 0
    for raw_line in text.split("\n"):
        line_start, position = position, position + len(raw_line) + 1
        stripped = raw_line.strip()
        if not stripped:
            flush()
            gap += 1
            blank_run += 1
            continue
        start = line_start + len(raw_line) - len(raw_line.lstrip())
        end = start + len(stripped)
        after_crumb, blank_run = crumb_context and blank_run <= 1, 0
        crumb_context = False
        found_date = date_line(stripped)
        if is_separator(stripped):
            flush()
            hard = True
        elif is_breadcrumb(stripped, rules) or (after_crumb and tag_like(stripped)):
            flush()
            crumb_context = True
        elif found_date is not None:
            flush()
            if found_date != UNDATED:
                dates.append(found_date)
        elif not (is_boilerplate(stripped, rules) or is_credit(stripped, rules)
                  or byline(stripped, rules)):
            if lines and _continues(lines[-1][2], stripped, rules):
                lines.append((start, end, stripped))
                continue
            flush()
            lines.append((start, end, stripped))
            continue
        else:
            flush()
        lead = start if lead is None else lead
    flush()
    if dates and paragraphs:
        paragraphs[-1].dates.extend(dates)
    return paragraphs


def _drop_repeats(paragraphs: list[Paragraph], story_gap: int) -> None:
    """Keep one copy of a paragraph printed twice in a row, and of a block printed twice.

    Repeats never reach across a story gap or rule line. Dropping a block can bring two more
    copies together, so both passes run until nothing changes (a few rounds at most).
    """
    cuts = [0]
    for paragraph in paragraphs:
        cuts.append(cuts[-1] + (paragraph.hard_break or paragraph.gap >= story_gap))

    def apart(first: int, second: int) -> bool:  # a cut lies in (first, second]
        return cuts[second + 1] != cuts[first + 1]

    for _ in range(MAX_ROUNDS):
        if not (_drop_doubles(paragraphs, apart) | _drop_blocks(paragraphs, apart)):
            break


def _drop_doubles(paragraphs: list[Paragraph], apart: Callable[[int, int], bool]) -> bool:
    changed = False
    previous: int | None = None
    for index, paragraph in enumerate(paragraphs):
        if paragraph.dropped:
            continue
        if (previous is not None and not apart(previous, index)
                and paragraph.key == paragraphs[previous].key):
            paragraph.dropped = changed = True
            paragraphs[previous].repeated = True
            continue
        previous = index
    return changed


def _drop_blocks(paragraphs: list[Paragraph], apart: Callable[[int, int], bool]) -> bool:
    changed = False
    live = [i for i, p in enumerate(paragraphs) if not p.dropped]
    keys = [paragraphs[i].key for i in live]
    a = 0
    while a < len(live):
        for b in range(a + 1, min(len(live), a + REPEAT_WINDOW)):
            if keys[b] != keys[a] or apart(live[a], live[b]):
                continue
            q = b
            while q - 1 > a and is_marker(paragraphs[live[q - 1]].text):
                q -= 1
            size = q - a
            if b + size > len(live) or keys[a:q] != keys[b : b + size]:
                continue
            if apart(live[b], live[b + size - 1]):
                continue
            for t in range(a, b):
                paragraphs[live[t]].dropped = True
            for t in range(b, b + size):
                paragraphs[live[t]].repeated = True
            paragraphs[live[b]].block_from = live[a]
            changed = True
            a = b
            break
        else:
            a += 1
    return changed


def _usual_gap(paragraphs: list[Paragraph]) -> int:
    """The most common blank gap between paragraphs (0, 1 or 2 lines; ties go to the smaller)."""
    counts = Counter(p.gap for p in paragraphs[1:] if not p.hard_break and p.gap < 3)
    if not counts:
        return 1
    top = max(counts.values())
    return min(gap for gap, count in counts.items() if count == top)


def _story_gap(usual: int) -> int:
    """A blank gap this long separates stories whatever follows it."""
    return max(3, usual + 2)


def _boundaries(paragraphs: list[Paragraph], rules: CleaningRules, usual: int) -> list[int]:
    bounds = {0}
    content = False
    for k, paragraph in enumerate(paragraphs):
        headline = title_like(paragraph.text, rules) and not all_caps(paragraph.text)
        if content:
            if paragraph.hard_break or paragraph.gap >= _story_gap(usual):
                bounds.add(k)
            elif paragraph.block_from is not None and headline:
                bounds.add(paragraph.block_from)
            elif paragraph.gap > usual and headline and k + 1 < len(paragraphs):
                bounds.add(k)
        content = content or not paragraph.dropped
    return sorted(bounds)


# -- one story -------------------------------------------------------------------------------


def _story(
    paragraphs: list[Paragraph], rules: CleaningRules, known_title: str | None
) -> Story | None:
    kept = [p for p in paragraphs if not p.dropped]
    if not kept:
        return None
    start, end = paragraphs[0].lead, max(p.end for p in paragraphs)
    dates = [d for p in paragraphs for d in p.dates]
    publisher = source_name(kept[-1].text, rules)
    if publisher is not None:
        kept = kept[:-1]
    title = None
    if known_title is not None and kept and kept[0].key == line_key(known_title):
        kept = kept[1:]
    elif known_title is None:
        if (len(kept) >= 3 and tag_like(kept[0].text) and kept[1].gap <= 1
                and title_like(kept[1].text, rules) and not tag_like(kept[1].text)):
            kept = kept[1:]  # a section/category line over the headline
        if len(kept) >= 2 and title_like(kept[0].text, rules):
            title, kept = kept[0].text, kept[1:]
    if not kept:
        return None
    date = dates[0] if dates else _caption_or_dateline_date(kept, rules)
    return Story(title, tuple(p.text for p in kept), start, end, publisher, date)


def _caption_or_dateline_date(kept: list[Paragraph], rules: CleaningRules) -> Dated | None:
    captions = []
    for paragraph in kept[:3]:
        found = find_day(paragraph.text[:CAPTION_CHARS])
        dated_head = found is not None and found[1] == 0
        if paragraph.repeated or ends_with_credit(paragraph.text, rules) or dated_head:
            captions.append(paragraph)
        else:
            break
    lead = next((p.text for p in kept[len(captions) :] if len(p.text.split()) >= 8), "")
    for caption in captions:
        found = find_day(caption.text[:CAPTION_CHARS])
        if found is not None:
            return anchor_weekday(found[0], lead.split(".")[0])
    head = lead[:120]
    for mark in (" — ", " – ", " - ", " -- "):
        if mark in head:
            found = find_day(head.split(mark)[0])
            return found[0] if found else None
    return None
