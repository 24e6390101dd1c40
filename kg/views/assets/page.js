/* kg actor network page. Article text is untrusted: every string from the data goes into the
 * page through textContent or vis-network's plain-text tooltips, never through innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var vis = window.vis;
  var legend = data.legend;
  var typeOrder = Object.keys(legend.types);
  var state = { stable: false, focused: null, selected: null, foundPerson: null, visibleNodes: 0,
    visibleEdges: 0, hideIsolated: false, grouped: false };
  var QID = /^Q[1-9][0-9]*$/;
  var FADED = { background: "#e8e8e8", border: "#d6d6d6", highlight: { background: "#e8e8e8", border: "#999999" },
    hover: { background: "#e8e8e8", border: "#999999" } };
  window.kgData = data;
  window.kgState = state;

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function webLink(url, text) {
    // Only http(s) links: an article's URL field may hold "javascript:" or anything else.
    var parsed;
    try { parsed = new URL(url); } catch (err) { return null; }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") { return null; }
    var a = el("a", text);
    a.href = parsed.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function typeColor(type) {
    return legend.types[type] ? legend.types[type].color : legend.other;
  }

  /* ---- filters ------------------------------------------------------------------------ */

  var filters = { types: null, statuses: null, from: "", to: "", minEvents: 1 };

  function periodStart(date) { return (date + "-01-01").slice(0, 10); }
  function periodEnd(date) { return date.length >= 10 ? date.slice(0, 10) : date + "-12-31".slice(date.length - 4); }

  // Where an event sits in time: its own date, else (labelled so wherever shown) its article's.
  function whenOf(ev) { return ev.date || ev.article_date || null; }

  // The event's date as the page writes it: never an article date passed off as the event's.
  function dateText(ev) {
    if (ev.date) { return ev.date + (ev.date_precision ? " (" + ev.date_precision + ")" : ""); }
    return "undated" + (ev.article_date ? " (article date " + ev.article_date + ")" : "");
  }

  function passesBut(ev, skipDates) {
    if (filters.types && !filters.types[ev.type]) { return false; }
    if (filters.statuses && !filters.statuses[ev.status]) { return false; }
    if (!skipDates && (filters.from || filters.to)) {
      var when = whenOf(ev);
      if (!when) { return false; }
      if (filters.from && periodEnd(when) < filters.from) { return false; }
      if (filters.to && periodStart(when) > filters.to) { return false; }
    }
    return true;
  }
  function passes(ev) { return passesBut(ev, false); }

  /* ---- edge style: one aggregated edge per ordered pair, styled from its events --------- */

  var edgeById = {};
  data.vis.edges.forEach(function (e) { edgeById[e.id] = e; });

  function edgeStyle(edgeId, evIdx) {
    var counts = {}, asserted = anyAsserted(evIdx), i, ev, t;
    for (i = 0; i < evIdx.length; i++) {
      ev = data.events[evIdx[i]];
      counts[ev.type] = (counts[ev.type] || 0) + 1;
    }
    var types = Object.keys(counts).sort(function (a, b) {
      return (counts[b] - counts[a]) || (rank(a) - rank(b)) || (a < b ? -1 : 1);
    });
    var parts = types.slice(0, 2).map(function (ty) { return counts[ty] > 1 ? ty + " \u00d7" + counts[ty] : ty; });
    if (types.length > 2) { parts.push("+" + (types.length - 2)); }
    var color = typeColor(types[0]);
    var opacity = tieOpacity(evIdx);
    var edge = edgeById[edgeId];
    var lines = [label(edge.from) + " \u2192 " + label(edge.to) + ": " + evIdx.length + " event(s)"];
    for (i = 0; i < Math.min(evIdx.length, 6); i++) {
      ev = data.events[evIdx[i]];
      t = ev.evidence.length ? ev.evidence[0] : null;
      lines.push("\u2022 " + [ev.type, dateText(ev), ev.status].join(" \u00b7 ") +
        (ev.source ? " (source: " + ev.source + ")" : ""));
      if (t) { lines.push("  \u201c" + t.sentence + "\u201d \u2014 " + t.title); }
    }
    if (evIdx.length > 6) { lines.push("\u2026 " + (evIdx.length - 6) + " more: click the tie"); }
    return {
      id: edgeId, hidden: false,
      label: data.meta.edge_labels ? parts.join(", ") : undefined,
      title: lines.join("\n"),
      color: { color: color, highlight: color, hover: color, opacity: opacity },
      dashes: asserted ? false : [6, 6],
      width: Math.min(8, 1 + 1.5 * Math.log2(evIdx.length)),
      kgEvents: evIdx
    };
  }

  // A tie told only as reported, intended or denied is drawn dashed and faded.
  function anyAsserted(evIdx) {
    return evIdx.some(function (i) { return legend.faded.indexOf(data.events[i].status) < 0; });
  }
  function tieOpacity(evIdx) { return anyAsserted(evIdx) ? 0.9 : 0.45; }

  function rank(type) { var i = typeOrder.indexOf(type); return i < 0 ? typeOrder.length : i; }
  function label(nodeId) { return data.actors[nodeId] ? data.actors[nodeId].label : nodeId; }

  /* ---- the network --------------------------------------------------------------------- */

  var baseNodes = {};
  data.vis.nodes.forEach(function (n) { baseNodes[n.id] = n; });
  var nodes = new vis.DataSet(data.vis.nodes);
  var initialEdges = data.vis.edges.map(function (e) {
    return data.ties[e.id] ? Object.assign({}, e, edgeStyle(e.id, data.ties[e.id])) : e;
  });
  var edges = new vis.DataSet(initialEdges);
  var container = $("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.vis.options);
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;

  function markStable() {
    network.setOptions({ physics: false });
    // fitted again now that labels are measured: the view "Reset" returns to
    if (data.vis.nodes.length) { network.fit({ animation: false }); }
    state.stable = true;
    state.stableAt = Math.round(performance.now());
    document.body.setAttribute("data-stable", "true");
  }
  if (data.vis.nodes.length === 0) { markStable(); }
  network.once("stabilizationIterationsDone", markStable);

  function applyFilters() {
    var counts = {}, id, nodeUpdates = [], edgeUpdates = [], shownNodes = 0, shownEdges = 0;
    Object.keys(data.actors).forEach(function (nid) {
      counts[nid] = data.actors[nid].events.filter(function (i) { return passes(data.events[i]); }).length;
      var hidden = counts[nid] < filters.minEvents || counts[nid] === 0;
      if (!hidden) { shownNodes++; }
      nodeUpdates.push({ id: nid, hidden: hidden });
    });
    var hiddenNode = {};
    nodeUpdates.forEach(function (u) { hiddenNode[u.id] = u.hidden; });
    data.vis.edges.forEach(function (e) {
      id = e.id;
      if (hiddenNode[e.from] || hiddenNode[e.to]) { edgeUpdates.push({ id: id, hidden: true }); return; }
      if (!data.ties[id]) { edgeUpdates.push({ id: id, hidden: false }); return; }
      var kept = data.ties[id].filter(function (i) { return passes(data.events[i]); });
      if (!kept.length) { edgeUpdates.push({ id: id, hidden: true }); return; }
      shownEdges++;
      edgeUpdates.push(edgeStyle(id, kept));
    });
    if (state.hideIsolated) {
      // an actor whose every tie is filtered away (or who never had one) goes too
      var tied = {};
      edgeUpdates.forEach(function (u) {
        if (!u.hidden && data.ties[u.id]) { tied[edgeById[u.id].from] = true; tied[edgeById[u.id].to] = true; }
      });
      nodeUpdates.forEach(function (u) {
        if (!u.hidden && !tied[u.id]) { u.hidden = true; shownNodes--; }
      });
    }
    // only what changed goes to vis-network: on 5,000 actors a full update takes seconds
    nodes.update(nodeUpdates.filter(function (u) { return changed(u.id, u.hidden ? "h" : "v"); }));
    edges.update(edgeUpdates.filter(function (u) {
      if (!changed(u.id, u.hidden ? "h" : u.kgEvents ? u.kgEvents.join(",") : "v")) { return false; }
      fadedNow[u.id] = false;  // restyled at full opacity: the highlight below fades it again
      return true;
    }));
    showCounts(shownNodes, shownEdges);
    if (state.selected && !nodes.get(state.selected).hidden) { highlight(state.selected); }
    listeners.forEach(function (fn) { fn(); });
  }
  var listeners = [], shownAs = {};
  function changed(id, signature) {
    if (shownAs[id] === signature) { return false; }
    shownAs[id] = signature;
    return true;
  }
  data.vis.nodes.forEach(function (n) { shownAs[n.id] = "v"; });
  data.vis.edges.forEach(function (e) { shownAs[e.id] = data.ties[e.id] ? data.ties[e.id].join(",") : "v"; });

  function showCounts(shownNodes, shownEdges) {
    state.visibleNodes = shownNodes;
    state.visibleEdges = shownEdges;
    $("kg-filter-status-line").textContent = shownNodes + " of " + data.vis.nodes.length +
      " actors, " + shownEdges + " of " + Object.keys(data.ties).length + " ties shown";
  }

  /* ---- neighbourhood highlight ---------------------------------------------------------- */

  // What is faded now (node and edge ids): only what changes goes to vis-network (issue #16).
  var fadedNow = {};

  function highlight(nodeId) {
    var near = {}, nodeUpdates = [], edgeUpdates = [];
    near[nodeId] = true;
    network.getConnectedNodes(nodeId).forEach(function (n) { near[n] = true; });
    data.vis.nodes.forEach(function (n) {
      if (!near[n.id] === !!fadedNow[n.id]) { return; }
      fadedNow[n.id] = !near[n.id];
      nodeUpdates.push(near[n.id] ? { id: n.id, color: n.color, font: { color: "#222222" } }
        : { id: n.id, color: FADED, font: { color: "#c4c4c4" } });
    });
    data.vis.edges.forEach(function (e) {
      var far = e.from !== nodeId && e.to !== nodeId;
      if (far === !!fadedNow[e.id]) { return; }
      fadedNow[e.id] = far;
      edgeUpdates.push({ id: e.id, color: Object.assign({}, edges.get(e.id).color, { opacity: far ? 0.12 : baseOpacity(e.id) }) });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    state.selected = nodeId;
  }

  function clearHighlight() {
    if (!state.selected) { return; }
    nodes.update(data.vis.nodes.filter(function (n) { return fadedNow[n.id]; }).map(function (n) {
      return { id: n.id, color: n.color, font: { color: "#222222" } };
    }));
    edges.update(data.vis.edges.filter(function (e) { return fadedNow[e.id]; }).map(function (e) {
      return { id: e.id, color: Object.assign({}, edges.get(e.id).color, { opacity: baseOpacity(e.id) }) };
    }));
    fadedNow = {};
    state.selected = null;
  }

  function baseOpacity(edgeId) {
    return data.ties[edgeId] ? tieOpacity(edges.get(edgeId).kgEvents) : edgeById[edgeId].color.opacity;
  }

  /* ---- side panel (DOM + textContent only) --------------------------------------------- */

  var panel = $("kg-panel");

  function clearPanel() { while (panel.firstChild) { panel.removeChild(panel.firstChild); } }

  function eventBlock(ev) {
    var box = el("div", null, "kg-event");
    var head = el("div", null, "kg-event-head");
    var tag = el("span", ev.type, "kg-tag");
    tag.style.background = typeColor(ev.type);
    head.appendChild(tag);
    head.appendChild(document.createTextNode([dateText(ev), ev.status].join(" \u00b7 ")));
    box.appendChild(head);
    if (ev.place) { box.appendChild(el("div", "Place: " + ev.place, "kg-event-place")); }
    box.appendChild(el("div", ev.actors.join(", ") + " \u2192 " + (ev.recipients.join(", ") || "\u2014"), "kg-event-who"));
    if (ev.source) { box.appendChild(el("div", "Source: " + ev.source, "kg-source")); }
    ev.evidence.forEach(function (e) {
      box.appendChild(el("blockquote", e.sentence));
      if (e.note) { box.appendChild(el("div", e.note, "kg-source kg-evidence-note")); }
      var src = el("div", null, "kg-source");
      var name = [e.title, e.publisher, e.date ? "article date " + e.date : null].filter(Boolean).join(" \u00b7 ");
      var link = e.url ? webLink(e.url, name) : null;
      src.appendChild(link || document.createTextNode(name));
      box.appendChild(src);
    });
    return box;
  }

  function definitionList(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") { return; }
      dl.appendChild(el("dt", row[0]));
      var dd = el("dd");
      if (row[1] instanceof Node) { dd.appendChild(row[1]); } else { dd.textContent = String(row[1]); }
      dl.appendChild(dd);
    });
    return dl;
  }

  function memberText(m) { return m.label + (m.roles.length ? " (" + m.roles.join(", ") + ")" : ""); }

  function showNode(nodeId, person) {
    var actor = data.actors[nodeId];
    if (!actor) { return; }
    clearPanel();
    panel.appendChild(el("h2", actor.label));
    if (person) {
      // a folded person is found through the actor it acts for (issue #16)
      panel.appendChild(el("p", "Found through " + memberText(person) + ", who acts for " + actor.label +
        " and is drawn as part of it.", "kg-found"));
    }
    var c = actor.centrality;
    var wiki = actor.qid && QID.test(actor.qid) ? webLink("https://www.wikidata.org/wiki/" + actor.qid, actor.qid) : null;
    panel.appendChild(definitionList([
      ["Type", actor.type],
      ["Country", actor.country],
      ["Also called", actor.aliases.join("; ")],
      ["Roles", actor.roles.join("; ")],
      ["Speaking for it", actor.members.map(memberText).join("; ")],
      ["Wikidata", wiki],
      ["Degree", c ? c.degree : null],
      ["Weighted degree", c ? c.weighted_degree : null],
      ["Betweenness", c ? Number(c.betweenness).toFixed(3) : null],
      ["Community", actor.community === null ? null : communityText(actor.community)]
    ]));
    var shown = actor.events.filter(function (i) { return passes(data.events[i]); });
    panel.appendChild(el("h3", "Events (" + shown.length + " of " + actor.events.length + ", by date)"));
    shown.forEach(function (i) { panel.appendChild(eventBlock(data.events[i])); });
  }

  function communityText(i) {
    var c = data.communities[i];
    return c && c.size > 1 ? "#" + (i + 1) + " (" + c.size + " actors: " + c.top.join(", ") + (c.size > 3 ? ", \u2026" : "") + ")" : "none (on its own)";
  }

  function showEvent(index) {
    var ev = data.events[index];
    clearPanel();
    panel.appendChild(el("h2", ev.type + ": " + (ev.actors.join(", ") || "\u2014") + " \u2192 " + (ev.recipients.join(", ") || "\u2014")));
    panel.appendChild(definitionList([["When", dateText(ev)], ["Where", ev.place && ev.place + (ev.place_precision ? " (" + ev.place_precision + ")" : "")], ["Status", ev.status],
      ["Mode", ev.mode], ["Confidence", ev.confidence], ["Event id", ev.id]]));
    panel.appendChild(eventBlock(ev));
  }

  function showEdge(edgeId) {
    var evIdx = data.ties[edgeId];
    if (!evIdx) { return; }
    var edge = edgeById[edgeId];
    var shown = evIdx.filter(function (i) { return passes(data.events[i]); });
    clearPanel();
    panel.appendChild(el("h2", label(edge.from) + " \u2192 " + label(edge.to)));
    panel.appendChild(el("p", shown.length + " event(s) behind this tie", "kg-muted"));
    shown.forEach(function (i) { panel.appendChild(eventBlock(data.events[i])); });
  }

  network.on("click", function (params) {
    if (params.nodes.length && window.kgPage.groupOf(params.nodes[0]) !== null) {
      clearHighlight();
      window.kgPage.showGroup(window.kgPage.groupOf(params.nodes[0]));
    } else if (params.nodes.length) {
      highlight(params.nodes[0]);
      showNode(params.nodes[0]);
    } else if (params.edges.length && data.ties[params.edges[0]]) {
      clearHighlight();
      showEdge(params.edges[0]);
    } else {
      clearHighlight();
    }
  });

  /* ---- controls ----------------------------------------------------------------------- */

  function checkboxes(containerId, values, colorOf, onChange) {
    var box = $(containerId), inputs = {};
    values.forEach(function (v) {
      var lab = el("label"), input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.value = v;
      input.addEventListener("change", onChange);
      lab.appendChild(input);
      if (colorOf) {
        var sw = el("span", null, "kg-swatch kg-inline");
        sw.style.background = colorOf(v);
        lab.appendChild(sw);
      }
      lab.appendChild(document.createTextNode(v));
      box.appendChild(lab);
      inputs[v] = input;
    });
    return inputs;
  }

  function present(key, order) {
    var seen = {};
    data.events.forEach(function (ev) { seen[ev[key]] = true; });
    return Object.keys(seen).sort(function (a, b) { return (order(a) - order(b)) || (a < b ? -1 : 1); });
  }

  function readChecks(inputs) {
    var out = {}, all = true;
    Object.keys(inputs).forEach(function (k) { if (inputs[k].checked) { out[k] = true; } else { all = false; } });
    return all ? null : out;
  }

  var typeInputs = checkboxes("kg-filter-types", present("type", rank), typeColor, readControls);
  var statusInputs = checkboxes("kg-filter-status", present("status", function (s) {
    var i = ["asserted", "reported", "intended", "denied"].indexOf(s); return i < 0 ? 9 : i;
  }), null, readControls);
  ["kg-date-from", "kg-date-to", "kg-min-events", "kg-hide-isolated"].forEach(function (id) { $(id).addEventListener("change", readControls); });

  function readControls() {
    filters.types = readChecks(typeInputs);
    filters.statuses = readChecks(statusInputs);
    filters.from = $("kg-date-from").value;
    filters.to = $("kg-date-to").value;
    filters.minEvents = Math.max(1, parseInt($("kg-min-events").value, 10) || 1);
    state.hideIsolated = $("kg-hide-isolated").checked;
    applyFilters();
  }

  function setDateRange(from, to) {
    $("kg-date-from").value = from || "";
    $("kg-date-to").value = to || "";
    readControls();
  }

  function resetFilters() {
    if (state.grouped) { window.kgPage.setGrouped(false); }
    [typeInputs, statusInputs].forEach(function (inputs) { Object.keys(inputs).forEach(function (k) { inputs[k].checked = true; }); });
    $("kg-date-from").value = "";
    $("kg-date-to").value = "";
    $("kg-min-events").value = "1";
    $("kg-hide-isolated").checked = false;
    readControls();
  }

  // Everything back as it was on load: filters, search, highlight, panel and view (issue #16).
  function resetAll() {
    resetFilters();
    clearHighlight();
    network.unselectAll();
    $("kg-search").value = "";
    $("kg-search-status").textContent = "";
    state.focused = null;
    state.foundPerson = null;
    clearPanel();
    panel.appendChild(el("p", PANEL_HINT, "kg-muted"));
    network.fit({ animation: false });
  }
  var PANEL_HINT = panel.textContent;
  $("kg-reset").addEventListener("click", resetAll);
  window.kgApplyFilters = function (next) { Object.assign(filters, next); applyFilters(); };

  /* ---- header, legend, search list ------------------------------------------------------- */

  var meta = data.meta;
  $("kg-summary").textContent = meta.drawn + " actors, " + meta.ties_drawn + " ties, " + meta.page_events +
    " events from " + meta.articles + " articles \u00b7 people " + (meta.people === "fold" ? "folded into whom they act for" : "shown") +
    (meta.since ? " \u00b7 since " + meta.since : "");
  if (meta.note) { $("kg-note").textContent = meta.note; $("kg-note").hidden = false; }

  var legendBox = $("kg-legend");
  legend.nodes.forEach(function (n) {
    var row = el("div", null, "kg-legend-row"), sw = el("span", null, "kg-swatch kg-shape-" + n.shape);
    sw.style.background = n.color;
    row.appendChild(sw);
    row.appendChild(document.createTextNode(n.type));
    legendBox.appendChild(row);
  });
  [["cooperative", "cooperative events"], ["neutral", "requests"], ["conflictual", "conflictual events"]].forEach(function (p) {
    var row = el("div", null, "kg-legend-row"), line = el("span", null, "kg-line");
    line.style.borderTopColor = legend.polarity[p[0]];
    row.appendChild(line);
    row.appendChild(document.createTextNode(p[1]));
    legendBox.appendChild(row);
  });
  var faded = el("div", null, "kg-legend-row"), fl = el("span", null, "kg-line kg-line-faded");
  fl.style.borderTopColor = "#555";
  faded.appendChild(fl);
  faded.appendChild(document.createTextNode("only " + legend.faded.join(" / ") + " (not asserted)"));
  legendBox.appendChild(faded);
  legendBox.appendChild(el("p", "Node size: number of events. Edge: actor \u2192 recipient, colour of the most frequent event type, width: number of events.", "kg-muted"));

  // Everything starts visible and already styled: no update while the layout settles.
  showCounts(data.vis.nodes.length, Object.keys(data.ties).length);

  // What search, the community view, the event table and the timeline (page_search.js,
  // page_groups.js, page_events.js, page_timeline.js) build on.
  window.kgPage = { data: data, state: state, filters: filters, nodes: nodes, edges: edges, network: network,
    $: $, el: el, label: label, webLink: webLink, typeColor: typeColor, rank: rank,
    passes: passes, passesBut: passesBut, whenOf: whenOf, dateText: dateText,
    applyFilters: applyFilters, resetFilters: resetFilters, setDateRange: setDateRange,
    highlight: highlight, clearHighlight: clearHighlight, showNode: showNode, showEvent: showEvent,
    clearPanel: clearPanel, panel: panel,
    filteredOut: function (id) { return shownAs[id] === "h"; },
    onChange: function (fn) { listeners.push(fn); },
    groupOf: function () { return null; } };
}());
