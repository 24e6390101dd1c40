/* kg page: the community view, each community of two or more drawn actors as one node, with
 * the ties between communities summed; communities are computed in Python (page_layout.py). */
(function () {
  "use strict";
  var kg = window.kgPage, data = kg.data, state = kg.state, el = kg.el, $ = kg.$;
  var nodes = kg.nodes, edges = kg.edges, network = kg.network;

  var groupItems = { nodes: [], edges: [], members: [] };

  function groupOf(nodeId) {
    var m = /^community:(\d+)$/.exec(String(nodeId));
    return m ? Number(m[1]) : null;
  }

  function drawGroups() {
    nodes.remove(groupItems.nodes);
    edges.remove(groupItems.edges);
    // members hidden inside a group come back as the filters have them
    nodes.update(groupItems.members.map(function (nid) { return { id: nid, hidden: kg.filteredOut(nid), physics: true }; }));
    groupItems = { nodes: [], edges: [], members: [] };
    if (!state.grouped) { return; }
    var members = {}, hideUpdates = [], shown = {};
    data.vis.nodes.forEach(function (n) {
      if (nodes.get(n.id).hidden || data.communities[n.community].size < 2) { return; }
      (members[n.community] = members[n.community] || []).push(n.id);
    });
    var positions = network.getPositions(), groupNodes = [];
    Object.keys(members).forEach(function (c) {
      var ids = members[c], x = 0, y = 0, info = data.communities[c];
      ids.forEach(function (nid) { x += positions[nid].x; y += positions[nid].y; hideUpdates.push({ id: nid, hidden: true, physics: false }); shown[nid] = "community:" + c; });
      var more = info.size > info.top.length ? " +" + (info.size - info.top.length) : "";
      x /= ids.length;
      y /= ids.length;
      // area and label grow with the members shown: the big communities read first as one zooms in
      groupNodes.push({ id: "community:" + c, label: info.top.join(", ") + more, shape: "dot",
        size: 12 + 6 * Math.sqrt(ids.length), x: x, y: y,
        color: { background: "#d9e3f0", border: "#4e79a7" }, font: { size: 20 + 4 * Math.sqrt(ids.length), strokeWidth: 4 },
        title: "Community #" + (Number(c) + 1) + ": " + ids.length + " actor(s) shown\nClick for its members." });
    });
    nodes.update(hideUpdates);
    var pairs = {};
    data.vis.edges.forEach(function (e) {
      var cur = edges.get(e.id);
      if (!data.ties[e.id] || cur.hidden) { return; }
      var a = shown[e.from] || e.from, b = shown[e.to] || e.to;
      if (a === b || a === e.from && b === e.to) { return; }
      var key = a < b ? a + "\u0001" + b : b + "\u0001" + a;
      pairs[key] = (pairs[key] || 0) + cur.kgEvents.length;
    });
    var groupEdges = Object.keys(pairs).map(function (key) {
      var ends = key.split("\u0001");
      return { id: "group:" + key, from: ends[0], to: ends[1], arrows: "", width: Math.min(10, 1 + Math.log2(pairs[key])),
        color: { color: "#8aa4c8", opacity: 0.6 }, title: pairs[key] + " event(s) between these groups" };
    });
    nodes.add(groupNodes);
    edges.add(groupEdges);
    groupItems = { nodes: groupNodes.map(function (n) { return n.id; }), edges: groupEdges.map(function (e) { return e.id; }),
      members: hideUpdates.map(function (u) { return u.id; }) };
    settle();
  }

  // Centroids of communities spread over the drawing fall on top of each other: a short physics
  // run on what is shown (hidden members stay put) spreads the groups, then stops.
  function settle() {
    state.groupsSettled = false;
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit({ animation: false });
      state.groupsSettled = true;
    });
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(SETTLE_ITERATIONS);
  }
  var SETTLE_ITERATIONS = 120;

  // Where the actors were before grouping: the single actors shown beside the groups move
  // with them, and go back when the view is ungrouped.
  var before = null;

  function setGrouped(on) {
    if (on && !state.grouped) { before = network.getPositions(); }
    state.grouped = on;
    $("kg-grouped").checked = on;
    kg.clearHighlight();
    kg.applyFilters();
    if (!on && before) {
      network.setOptions({ physics: false });
      nodes.update(Object.keys(before).map(function (id) { return { id: id, x: before[id].x, y: before[id].y }; }));
      before = null;
    }
    network.fit({ animation: false });
  }
  kg.onChange(drawGroups);

  function showGroup(c) {
    var info = data.communities[c];
    var panel = kg.panel;
    kg.clearPanel();
    panel.appendChild(el("h2", "Community #" + (c + 1)));
    panel.appendChild(el("p", info.size + " actor(s); untick \u201cGroup communities\u201d or search a name to see them one by one.", "kg-muted"));
    var list = el("ul");
    Object.keys(data.actors).filter(function (nid) { return data.actors[nid].community === c; })
      .sort(function (a, b) { return data.actors[b].events.length - data.actors[a].events.length || (kg.label(a) < kg.label(b) ? -1 : 1); })
      .forEach(function (nid) { list.appendChild(el("li", kg.label(nid) + " (" + data.actors[nid].events.length + " events)")); });
    panel.appendChild(list);
  }

  $("kg-grouped").addEventListener("change", function () { setGrouped($("kg-grouped").checked); });
  kg.groupOf = groupOf;
  kg.showGroup = showGroup;
  kg.setGrouped = setGrouped;
}());
