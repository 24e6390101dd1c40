"""What `kg extract` shows: per article, what was read and what was extracted."""

from __future__ import annotations

from typing import Any

from kg.records import Corpus, to_dict


def extraction_json(corpus: Corpus) -> list[dict[str, Any]]:
    """Describe each article with its mentions (resolved to actors), actors, events, and the
    merge decisions about its event mentions (merged into an event, or kept apart and why)."""
    actors = {a.id: a for a in corpus.actors}
    analyses = {a.article_id: a for a in corpus.analyses}
    out = []
    for article in corpus.articles:
        analysis = analyses.get(article.id)
        mentions = []
        linked: set[str] = set()
        for m in analysis.mentions if analysis else ():
            target = corpus.links.get((article.id, m.entity)) if m.entity else None
            if target in actors:
                linked.add(target)
            mentions.append({"start": m.start, "end": m.end, "text": m.text, "label": m.label,
                             "actor": target if target in actors else None})
        events = []
        for event in corpus.events:
            if article.id not in event.articles:
                continue
            data = to_dict(event)
            data["actors"] = [_label(actors, i) for i in event.actors]
            data["recipients"] = [_label(actors, i) for i in event.recipients]
            source = event.attributed_to
            data["attributed_to"] = _label(actors, source) if source else None
            data["evidence"] = [e for e in data["evidence"] if e["article_id"] == article.id]
            events.append(data)
        # what event merging decided for this article's event mentions (issue #15)
        merges = [{k: v for k, v in to_dict(d).items() if k != "article_id"}
                  for d in corpus.merges if d.article_id == article.id]  # fmt: skip
        out.append({
            "id": article.id, "title": article.title, "date": article.date,
            "date_precision": article.date_precision, "publisher": article.publisher,
            "url": article.url, "sources": [to_dict(s) for s in article.sources],
            "text": article.text, "mentions": mentions,
            "actors": [to_dict(actors[i]) for i in sorted(linked)],
            "events": events,
            "merges": merges,
        })
    return out


def _label(actors: dict[str, Any], actor_id: str) -> dict[str, Any]:
    actor = actors.get(actor_id)
    if actor is None:
        return {"id": actor_id, "label": actor_id, "qid": None, "type": None}
    return {"id": actor.id, "label": actor.label, "qid": actor.qid, "type": actor.type}


def describe_articles(corpus: Corpus) -> str:
    """A readable summary of `extraction_json` for the terminal."""
    lines = []
    for item in extraction_json(corpus):
        lines.append(f"# {item['title']}")
        meta = [f"id {item['id']}"]
        if item["date"]:
            meta.append(f"date {item['date']}")
        if item["publisher"]:
            meta.append(f"publisher {item['publisher']}")
        lines.append("  " + ", ".join(meta))
        lines.append("  sources: " + ", ".join(s["path"] for s in item["sources"]))
        lines.append("  actors: " + ", ".join(a["label"] for a in item["actors"]))
        for event in item["events"]:
            who = ", ".join(a["label"] for a in event["actors"])
            whom = ", ".join(a["label"] for a in event["recipients"])
            source = (event["attributed_to"] or {}).get("label") or event["source_text"]
            lines.append(f"  {event['type']:<9} {who} -> {whom} [{event['status']}]"
                         + (f" {'by' if event['status'] == 'denied' else 'according to'} {source}"
                            if source else "")
                         + (f" {event['date']}" if event["date"] else ""))
        for merge in item["merges"]:
            verdict = "merged" if merge["merged"] else "kept apart"
            lines.append(f"  merge: {'title' if merge['in_title'] else 'text'} "
                         f"@{merge['trigger_start']} {verdict}: {merge['reason']}")
        lines.append("")
    return "\n".join(lines)
