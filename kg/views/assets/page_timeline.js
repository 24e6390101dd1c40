/* kg page: events per week, month (or, over more than ten years, year) as a small SVG histogram;
 * dragging over it (brushing) sets the date filter for the graph and the table. Drawn by this
 * script alone: no library, no request. */
(function () {
  "use strict";
  var kg = window.kgPage, data = kg.data;
  var SVG = "http://www.w3.org/2000/svg";
  var HEIGHT = 58, AXIS = 14, PAD = 6;
  var box = document.getElementById("kg-timeline-chart");
  var caption = document.getElementById("kg-timeline-caption");
  var DAY = 86400000;

  function utc(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function monday(ms) { return ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY; }

  var dated = data.events.map(kg.whenOf);
  var known = dated.filter(Boolean).map(function (w) { return utc((w + "-01-01").slice(0, 10)); });
  var span = known.length ? Math.max.apply(null, known) - Math.min.apply(null, known) : 0;
  var unit = span <= 120 * DAY ? "week" : span <= 3653 * DAY ? "month" : "year";
  // characters of an ISO date a bar needs: a week bar cannot hold a month, nor a month a year
  var NEEDS = { week: 10, month: 7, year: 4 };
  var bins = makeBins();

  function startOf(w) {
    if (!w || w.length < NEEDS[unit]) { return null; }
    if (unit === "week") { return monday(utc(w)); }
    return Date.UTC(+w.slice(0, 4), unit === "month" ? +w.slice(5, 7) - 1 : 0, 1);
  }

  function makeBins() {
    var starts = dated.map(startOf).filter(function (t) { return t !== null; }), i, out = [];
    if (!starts.length) { return out; }
    var last = Math.max.apply(null, starts);
    for (i = Math.min.apply(null, starts); i <= last;) {
      var d = new Date(i), next = unit === "week" ? i + 7 * DAY
        : unit === "month" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
      out.push({ start: iso(i), end: iso(next - DAY), label: iso(i).slice(0, unit === "week" ? 10 : unit === "month" ? 7 : 4) });
      i = next;
    }
    return out;
  }

  var binAtStart = {};
  bins.forEach(function (bin, b) { binAtStart[bin.start] = b; });
  var binIndex = dated.map(function (w) {
    var start = startOf(w);
    return start === null ? -1 : binAtStart[iso(start)];
  });

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  var drag = null;

  function geometry() {
    var width = Math.max(200, box.clientWidth);
    return { width: width, bar: (width - 2 * PAD) / Math.max(1, bins.length) };
  }

  function render() {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var own = bins.map(function () { return 0; }), article = own.slice(), out = 0;
    data.events.forEach(function (ev, i) {
      if (!kg.passesBut(ev, true)) { return; }
      if (binIndex[i] < 0) { out++; return; }
      if (ev.date) { own[binIndex[i]]++; } else { article[binIndex[i]]++; }
    });
    var g = geometry(), top = Math.max(1, Math.max.apply(null, own.map(function (n, b) { return n + article[b]; }).concat([1])));
    var svg = svgEl("svg", { width: g.width, height: HEIGHT + AXIS, role: "img",
      "aria-label": "Events per " + unit + "; drag to pick a date range" });
    var from = kg.filters.from, to = kg.filters.to;
    bins.forEach(function (bin, b) {
      var x = PAD + b * g.bar, inRange = (from || to) && !(from && bin.end < from) && !(to && bin.start > to);
      var hOwn = HEIGHT * own[b] / top, hArt = HEIGHT * article[b] / top;
      var group = svgEl("g", { "class": "kg-bin" + (inRange ? " kg-bin-on" : ""), "data-bin": b,
        "data-start": bin.start, "data-end": bin.end });
      group.appendChild(svgEl("rect", { x: x, y: 0, width: g.bar, height: HEIGHT, "class": "kg-bin-hit" }));
      group.appendChild(svgEl("rect", { x: x + 0.5, y: HEIGHT - hOwn, width: Math.max(1, g.bar - 1), height: hOwn, "class": "kg-bar-own" }));
      group.appendChild(svgEl("rect", { x: x + 0.5, y: HEIGHT - hOwn - hArt, width: Math.max(1, g.bar - 1), height: hArt, "class": "kg-bar-article" }));
      var tip = svgEl("title", {});
      tip.textContent = bin.label + ": " + own[b] + " dated event(s)" + (article[b] ? ", " + article[b] + " undated (by article date)" : "");
      group.appendChild(tip);
      svg.appendChild(group);
    });
    ticks(svg, g);
    if (drag) {
      var lo = Math.min(drag.from, drag.to), hi = Math.max(drag.from, drag.to);
      svg.appendChild(svgEl("rect", { x: PAD + lo * g.bar, y: 0, width: (hi - lo + 1) * g.bar, height: HEIGHT, "class": "kg-brush" }));
    }
    box.appendChild(svg);
    caption.textContent = bins.length
      ? "Events per " + unit + " (dark: the event's own date; light: undated, placed by its article date)" +
        (out ? "; " + out + " without a " + { week: "day", month: "month", year: "year" }[unit] + "-precise date are not in the bars" : "") +
        ". Drag over the bars to filter by date."
      : "No event has a date to chart.";
  }

  function ticks(svg, g) {
    var every = Math.max(1, Math.ceil(bins.length / Math.max(1, Math.floor(g.width / 70))));
    bins.forEach(function (bin, b) {
      if (b % every) { return; }
      var t = svgEl("text", { x: PAD + b * g.bar, y: HEIGHT + AXIS - 2, "class": "kg-tick" });
      t.textContent = bin.label;
      svg.appendChild(t);
    });
  }

  function binAt(event) {
    var rect = box.getBoundingClientRect(), g = geometry();
    return Math.max(0, Math.min(bins.length - 1, Math.floor((event.clientX - rect.left - PAD) / g.bar)));
  }

  box.addEventListener("pointerdown", function (e) {
    if (!bins.length) { return; }
    drag = { from: binAt(e), to: binAt(e) };
    box.setPointerCapture(e.pointerId);
    render();
  });
  box.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    var b = binAt(e);
    if (b !== drag.to) { drag.to = b; render(); }
  });
  box.addEventListener("pointerup", function (e) {
    if (!drag) { return; }
    drag.to = binAt(e);
    var lo = Math.min(drag.from, drag.to), hi = Math.max(drag.from, drag.to);
    drag = null;
    kg.setDateRange(bins[lo].start, bins[hi].end);
  });
  document.getElementById("kg-timeline-clear").addEventListener("click", function () { kg.setDateRange("", ""); });
  window.addEventListener("resize", render);
  kg.onChange(render);
  render();
  window.kgTimeline = { bins: bins, unit: unit };
}());
