/* kg page: search over every drawn actor's name and aliases and the people folded into it.
 * A hit on a folded person shows the actor it acts for, naming the person (issue #16). */
(function () {
  "use strict";
  var kg = window.kgPage, data = kg.data, state = kg.state, el = kg.el, $ = kg.$;

  // [lowercased name, node id, folded person or null], names before aliases before people
  var searchIndex = [];
  (function () {
    var ids = Object.keys(data.actors).sort(), rest = [], people = [];
    ids.forEach(function (nid) {
      var a = data.actors[nid];
      searchIndex.push([a.label.toLowerCase(), nid, null]);
      a.aliases.forEach(function (s) { rest.push([s.toLowerCase(), nid, null]); });
      a.members.forEach(function (m) {
        [m.label].concat(m.aliases).forEach(function (s) { people.push([s.toLowerCase(), nid, m]); });
      });
    });
    searchIndex = searchIndex.concat(rest, people);
  }());

  function findActor(query) {
    var q = query.trim().toLowerCase(), i;
    if (!q) { return null; }
    for (i = 0; i < searchIndex.length; i++) { if (searchIndex[i][0] === q) { return searchIndex[i]; } }
    for (i = 0; i < searchIndex.length; i++) { if (searchIndex[i][0].indexOf(q) === 0) { return searchIndex[i]; } }
    for (i = 0; i < searchIndex.length; i++) { if (searchIndex[i][0].indexOf(q) >= 0) { return searchIndex[i]; } }
    return null;
  }

  function focusActor(query) {
    var hit = findActor(query), status = $("kg-search-status");
    if (!hit) { status.textContent = "No drawn actor, alias or person matches \u201c" + query + "\u201d."; return null; }
    var nodeId = hit[1], person = hit[2];
    if (state.grouped) { kg.setGrouped(false); }
    if (kg.nodes.get(nodeId).hidden) { kg.resetFilters(); }
    kg.network.selectNodes([nodeId]);
    kg.network.focus(nodeId, { scale: 1.4, animation: false });
    kg.highlight(nodeId);
    kg.showNode(nodeId, person);
    state.focused = nodeId;
    state.foundPerson = person ? person.label : null;
    status.textContent = person ? "Showing " + data.actors[nodeId].label + ": " + person.label + " acts for it."
      : "Showing " + data.actors[nodeId].label + ".";
    return nodeId;
  }
  window.kgFocus = focusActor;

  var search = $("kg-search");
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { focusActor(search.value); } });
  search.addEventListener("change", function () { if (search.value) { focusActor(search.value); } });

  var list = $("kg-actor-list");
  Object.keys(data.actors).sort(function (a, b) { return kg.label(a) < kg.label(b) ? -1 : 1; }).forEach(function (nid) {
    var opt = el("option");
    opt.value = data.actors[nid].label;
    list.appendChild(opt);
    data.actors[nid].members.forEach(function (m) {
      var person = el("option");
      person.value = m.label;
      person.label = m.label + " (acts for " + data.actors[nid].label + ")";
      list.appendChild(person);
    });
  });
}());
