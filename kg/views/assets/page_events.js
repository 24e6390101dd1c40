/* kg page: the event table for the current filter, sortable, with CSV export (offline, as a Blob).
 * Article text is untrusted: cells are filled with textContent only. */
(function () {
  "use strict";
  var kg = window.kgPage, data = kg.data, el = kg.el;
  var ROW_LIMIT = 1000;
  var sort = { key: "date", dir: 1 };
  var pane = document.getElementById("kg-table-pane");
  var body = document.getElementById("kg-table-body");
  var toggle = document.getElementById("kg-table-toggle");
  var COLUMNS = ["id", "date", "date_precision", "article_date", "type", "status", "actors", "recipients",
    "source", "place", "sentence", "article", "publisher", "url"];

  var keys = {
    date: function (ev) { return kg.whenOf(ev) || "9999"; },
    type: function (ev) { return ev.type; },
    status: function (ev) { return ev.status; }
  };

  function rows() {
    var out = [];
    data.events.forEach(function (ev, i) { if (kg.passes(ev)) { out.push(i); } });
    var key = keys[sort.key];
    return out.sort(function (a, b) {
      var ka = key(data.events[a]), kb = key(data.events[b]);
      return (ka < kb ? -sort.dir : ka > kb ? sort.dir : 0) || a - b;
    });
  }

  function render() {
    if (pane.hidden) { return; }
    var shown = rows();
    while (body.firstChild) { body.removeChild(body.firstChild); }
    shown.slice(0, ROW_LIMIT).forEach(function (i) { body.appendChild(row(i)); });
    document.getElementById("kg-table-count").textContent = shown.length > ROW_LIMIT
      ? "first " + ROW_LIMIT + " of " + shown.length + " events (the CSV has them all)"
      : shown.length + " event(s) for the current filter";
    document.querySelectorAll("#kg-table th[data-sort]").forEach(function (th) {
      var on = th.getAttribute("data-sort") === sort.key;
      th.setAttribute("aria-sort", on ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  function row(i) {
    var ev = data.events[i], tr = el("tr"), first = ev.evidence[0];
    tr.setAttribute("data-event", ev.id);
    tr.appendChild(el("td", kg.dateText(ev), ev.date ? null : "kg-undated"));
    var type = el("td"), tag = el("span", ev.type, "kg-tag");
    tag.style.background = kg.typeColor(ev.type);
    type.appendChild(tag);
    tr.appendChild(type);
    tr.appendChild(el("td", ev.status));
    tr.appendChild(el("td", (ev.actors.join(", ") || "\u2014") + " \u2192 " + (ev.recipients.join(", ") || "\u2014")));
    tr.appendChild(el("td", ev.place || ""));
    var evidence = el("td");
    var open = el("button", first ? first.sentence : "(no sentence)", "kg-linkish");
    open.type = "button";
    open.title = "Show this event and its evidence in the side panel";
    open.addEventListener("click", function () { kg.showEvent(i); });
    evidence.appendChild(open);
    var link = first && first.url ? kg.webLink(first.url, "article \u2197") : null;
    if (link) { evidence.appendChild(document.createTextNode(" ")); evidence.appendChild(link); }
    tr.appendChild(evidence);
    return tr;
  }

  // A spreadsheet would run a cell starting with = + - @ as a formula: article text is untrusted.
  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv() {
    var lines = [COLUMNS.join(",")];
    rows().forEach(function (i) {
      var ev = data.events[i], first = ev.evidence[0] || {};
      lines.push([ev.id, ev.date, ev.date_precision, ev.article_date, ev.type, ev.status, ev.actors.join("; "),
        ev.recipients.join("; "), ev.source, ev.place, first.sentence, first.title, first.publisher, first.url]
        .map(cell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function exportCsv() {
    var blob = new Blob([csv()], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "kg-events.csv";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function show(open) {
    pane.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? "Hide event table" : "Event table";
    render();
  }

  toggle.addEventListener("click", function () { show(pane.hidden); });
  document.getElementById("kg-table-csv").addEventListener("click", exportCsv);
  document.querySelectorAll("#kg-table th[data-sort]").forEach(function (th) {
    function resort() {
      var key = th.getAttribute("data-sort");
      sort = { key: key, dir: sort.key === key ? -sort.dir : 1 };
      render();
    }
    th.addEventListener("click", resort);
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); resort(); }
    });
  });
  kg.onChange(render);
  window.kgTable = { csv: csv, show: show, rows: function () { return rows().map(function (i) { return data.events[i].id; }); } };
}());
