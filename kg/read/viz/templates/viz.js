/* kg viz: builds the vis network from the JSON block, then the views (the whole graph, a date
   range, one node's neighbourhood), tooltips, details, search, neighbour highlighting and the
   legend's class toggles. Text from articles only ever reaches the page through textContent or
   the canvas's fillText, never innerHTML: it shows as text and runs nothing. */
(function () {
  "use strict";
  var timing = (window.kgTiming = { start: performance.now() });
  window.kgReady = false;
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("network");
  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details-body");
  var status = document.getElementById("search-status");
  var viewBar = document.getElementById("view-bar");
  var viewStatus = document.getElementById("view-status");
  var FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  var ACTORS = { Person: 1, Country: 1, Organization: 1, Place: 1 };
  var DATED = { Meeting: 1, Statement: 1 };
  var RING_MAX = 120;  // a neighbourhood shows at most this many direct links (the best-connected)
  var OUTER_MAX = 40;  // and this many actors one step further (who else was at the meeting)
  var EXPAND_MAX = 150;  // a click draws at most this many of a node's held-back neighbours
  var RANGE_MAX = 4000;  // a date range draws at most this many meetings and statements
  var EDGE_WORDS = 16;  // links are labelled ("speaker", "participant") when a view shows this few

  function markReady() {
    if (window.kgReady) return;
    timing.ready = performance.now();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
  }

  if (!data.nodes.length) {
    markReady();
    return;
  }

  // ------------------------------------------------------------ the page's graph (all of it)

  var byId = {}, links = {}, edgeById = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; links[n.id] = []; });
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    links[e.from].push(e);
    if (e.to !== e.from) links[e.to].push(e);
  });
  function other(e, id) { return e.from === id ? e.to : e.from; }
  function neighbours(id) {
    var seen = new Set();
    links[id].forEach(function (e) { seen.add(other(e, id)); });
    seen.delete(id);
    return Array.from(seen);
  }
  var unlinked = new Set(data.unlinked);
  var focusIds = new Set(data.focus);
  var compact = new Set(data.compact);
  var spans = {};  // meeting or statement -> [first day, last day]
  data.nodes.forEach(function (n) {
    if (DATED[n.info.type]) {
      var s = window.kgDates.span(n.info);
      if (s) spans[n.id] = s;
    }
  });
  function inRange(id, range) { var s = spans[id]; return !!s && s[0] <= range.hi && s[1] >= range.lo; }

  // importance, for labels and caps: the focus, then actors, meetings, the rest; more links first
  function tier(n) { return focusIds.has(n.id) ? 0 : ACTORS[n.info.type] ? 1 : compact.has(n.info.type) ? 3 : 2; }
  var order = data.nodes.slice().sort(function (a, b) {
    return tier(a) - tier(b) || b.info.degree - a.info.degree || (a.info.name < b.info.name ? -1 : a.info.name > b.info.name ? 1 : 0);
  }).map(function (n) { return n.id; });
  var rank = {};
  order.forEach(function (id, i) { rank[id] = i; });
  function byRank(a, b) { return rank[a] - rank[b]; }
  var labelLines = {};
  function lines(id) {
    return labelLines[id] || (labelLines[id] = String(byId[id].label || byId[id].info.name).split("\n"));
  }

  // ------------------------------------------------------------ what is drawn, and where

  var home = {};  // the node's place in the whole graph
  data.nodes.forEach(function (n) { if (n.x !== undefined) home[n.id] = { x: n.x, y: n.y }; });
  var base = new Set();  // the whole graph as drawn: best-connected first, plus what clicks drew
  var folded = new Set(data.folded);
  data.nodes.forEach(function (n) { if (!folded.has(n.id) && !unlinked.has(n.id)) base.add(n.id); });
  var hiddenTypes = new Set(), range = null, ego = null;
  var drawnNodes = new Set(), drawnEdges = new Set();

  function visNode(id, xy) {
    var n = byId[id], item = {};
    for (var k in n) if (k !== "label" && k !== "x" && k !== "y") item[k] = n[k];
    if (xy) { item.x = xy.x; item.y = xy.y; }
    item.size = sizeOf(id);
    return item;
  }
  function visEdge(e) {
    var item = {};
    for (var k in e) if (k !== "label") item[k] = e[k];
    return item;
  }

  function wanted() {
    var set;
    if (ego) set = new Set(ego.ids);
    else if (range) {
      set = new Set();
      var events = data.nodes.filter(function (n) { return spans[n.id] && inRange(n.id, range) && !hiddenTypes.has(n.info.type); })
        .map(function (n) { return n.id; }).sort(byRank);
      range.total = events.length;
      events.slice(0, RANGE_MAX).forEach(function (id) {
        set.add(id);
        neighbours(id).forEach(function (m) { if (!DATED[byId[m].info.type] || inRange(m, range)) set.add(m); });
      });
    } else set = new Set(base);
    set.forEach(function (id) {
      if (unlinked.has(id) || (hiddenTypes.has(byId[id].info.type) && !(ego && ego.center === id))) set.delete(id);
    });
    return set;
  }

  function place(id) { return ego && ego.pos[id] ? ego.pos[id] : home[id]; }
  // in a neighbourhood the nodes stand on rings a few sizes apart: no hub may cover its neighbours
  function sizeOf(id) {
    var size = byId[id].size;
    return ego ? Math.min(size, id === ego.center ? 26 : 16) : size;
  }

  // draw exactly `want`: take away what is not in it, add what is missing, move what stays
  function apply() {
    var want = wanted();
    var goneNodes = [], newNodes = [], moved = [], goneEdges = [], newEdges = [];
    drawnNodes.forEach(function (id) { if (!want.has(id)) goneNodes.push(id); });
    var current = network.getPositions();
    want.forEach(function (id) {
      var xy = place(id);
      if (!drawnNodes.has(id)) return newNodes.push(visNode(id, xy));
      var change = { id: id }, changed = false;
      if (xy && current[id] && (Math.abs(current[id].x - xy.x) > 0.5 || Math.abs(current[id].y - xy.y) > 0.5)) { change.x = xy.x; change.y = xy.y; changed = true; }
      if (network.body.nodes[id] && network.body.nodes[id].options.size !== sizeOf(id)) { change.size = sizeOf(id); changed = true; }
      if (changed) moved.push(change);
    });
    drawnEdges.forEach(function (eid) {
      var e = edgeById[eid];
      if (!want.has(e.from) || !want.has(e.to)) goneEdges.push(eid);
    });
    want.forEach(function (id) {
      links[id].forEach(function (e) {
        if (!drawnEdges.has(e.id) && want.has(e.from) && want.has(e.to)) {
          drawnEdges.add(e.id);
          newEdges.push(visEdge(e));
        }
      });
    });
    goneEdges.forEach(function (eid) { drawnEdges.delete(eid); dimmedEdges.delete(eid); });
    goneNodes.forEach(function (id) { drawnNodes.delete(id); dimmedNodes.delete(id); });
    newNodes.forEach(function (n) { drawnNodes.add(n.id); });
    edges.remove(goneEdges);
    nodes.remove(goneNodes);
    nodes.add(newNodes);
    nodes.update(moved);
    edges.add(newEdges);
    updateCounts();
  }

  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  (function initial() {
    var want = wanted();
    var items = [], edgeItems = [];
    want.forEach(function (id) { items.push(visNode(id, home[id])); drawnNodes.add(id); });
    data.edges.forEach(function (e) {
      if (want.has(e.from) && want.has(e.to)) { edgeItems.push(visEdge(e)); drawnEdges.add(e.id); }
    });
    nodes.add(items);
    edges.add(edgeItems);
  })();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  timing.created = performance.now();
  window.network = network;

  // ------------------------------------------------------------ labels, fitting the view

  var shownGroups = data.groups.filter(function (g) { return g.size >= 12; });  // a disc and a name for each big group
  var selected = null, selectedNeighbours = new Set();  // the clicked node, whose neighbours are lit and labelled first
  function setSelected(id) {
    selected = id;
    selectedNeighbours = id === null ? new Set() : new Set(neighbours(id));
  }
  var dimmedNodes = new Set(), dimmedEdges = new Set();
  var labels = window.kgLabelLayer(network, container, {
    fontFace: FACE,
    order: function () { return order; },
    first: function () {
      var out = [];
      if (ego) out.push(ego.center);
      if (selected !== null && drawnNodes.has(selected)) out = out.concat([selected], neighbours(selected).filter(function (m) { return drawnNodes.has(m); }).sort(byRank));
      if (ego) out = out.concat(ego.ring, ego.outer);
      return out;
    },
    lines: lines,
    font: function (id) {
      if (id === selected || (ego && id === ego.center) || focusIds.has(id)) return 0;
      var t = byId[id].info.type;
      if (ACTORS[t]) return rank[id] < 12 ? 1 : 2;
      return 3;
    },
    wanted: function (id, scale) {
      // statements and policies keep to a mark until asked for: a click, a neighbourhood, their
      // dates on the timeline, a close zoom
      if (!compact.has(byId[id].info.type)) return true;
      return scale >= 1.2 || id === selected || selectedNeighbours.has(id) || (ego !== null && ego.ids.has(id)) || (range !== null && spans[id] !== undefined);
    },
    side: function (id) { return ego && ego.side[id] ? ego.side[id] : null; },
    dimmed: function (id) { return dimmedNodes.has(id); },
    edges: function () {
      // the words on links, where few links are drawn: a small neighbourhood, a node's own links
      if (ego) return ego.ring.length <= EDGE_WORDS ? Array.from(drawnEdges) : [];
      if (selected === null || !drawnNodes.has(selected)) return [];
      var own = links[selected].filter(function (e) { return drawnEdges.has(e.id); });
      return own.length <= EDGE_WORDS ? own.map(function (e) { return e.id; }) : [];
    },
    edgeText: function (eid) { return edgeById[eid].info.label; },
    obstacles: function () {
      return Array.from(document.querySelectorAll("#stage > .overlay:not([hidden])")).map(function (el) { return el.getBoundingClientRect(); });
    },
    groups: function () { return ego || range ? [] : shownGroups; }
  });

  // room (screen pixels) kept round the drawing for the labels of the outermost nodes
  var MARGIN = { left: 70, right: 70, top: 28, bottom: 44 };

  function fitTo(ids, centre, animate) {
    var pos = network.getPositions(ids);
    var keys = Object.keys(pos);
    if (!keys.length) return;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    keys.forEach(function (id) {
      var p = pos[id], r = network.body.nodes[id] ? network.body.nodes[id].options.size : 10;
      minX = Math.min(minX, p.x - r); maxX = Math.max(maxX, p.x + r);
      minY = Math.min(minY, p.y - r); maxY = Math.max(maxY, p.y + r);
    });
    var W = container.clientWidth, H = container.clientHeight;
    var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2, w = maxX - minX, h = maxY - minY;
    if (centre) {  // keep this point in the middle: fit the larger half on each axis
      cx = centre.x; cy = centre.y;
      w = 2 * Math.max(centre.x - minX, maxX - centre.x);
      h = 2 * Math.max(centre.y - minY, maxY - centre.y);
    }
    var left = MARGIN.left + (ego ? 110 : 0), right = MARGIN.right + (ego ? 110 : 0);
    var scale = Math.min((W - left - right) / Math.max(w, 1), (H - MARGIN.top - MARGIN.bottom) / Math.max(h, 1), 1.3);
    scale = Math.max(scale, 0.02);
    // the margins are uneven: move the middle of the drawing to the middle of the room left for it
    var offsetY = centre ? 0 : (MARGIN.bottom - MARGIN.top) / 2 / scale;
    network.moveTo({ position: { x: cx, y: cy + offsetY }, scale: scale, animation: animate ? { duration: 350, easingFunction: "easeInOutQuad" } : false });
  }
  function fitAll(animate) {
    if (ego) return fitTo(Array.from(ego.ids).filter(function (id) { return drawnNodes.has(id); }), ego.pos[ego.center], animate);
    fitTo(Array.from(drawnNodes), null, animate);
  }

  network.once("afterDrawing", function () { timing.firstDraw = performance.now(); });
  if (data.physics) {
    // physics lays a small graph out, then stops, so nodes stay where the reader drags them
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      widen();
      var pos = network.getPositions();
      Object.keys(pos).forEach(function (id) { home[id] = pos[id]; });
      fitAll(false);
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    fitAll(false);
    network.once("afterDrawing", markReady);
  }

  // Physics leaves a round blob, the window is wide and labels are wider than tall: stretching
  // the drawing sideways to the window's shape gives the labels room at no cost in height.
  function widen() {
    var pos = network.getPositions();
    var ids = Object.keys(pos);
    if (ids.length < 3) return;
    var xs = ids.map(function (id) { return pos[id].x; }), ys = ids.map(function (id) { return pos[id].y; });
    var w = Math.max.apply(null, xs) - Math.min.apply(null, xs), h = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    if (!w || !h) return;
    var stretch = Math.min(1.8, (container.clientWidth / Math.max(container.clientHeight, 1)) / (w / h));
    if (stretch <= 1.05) return;
    ids.forEach(function (id) { network.moveNode(id, pos[id].x * stretch, pos[id].y); });
  }

  network.on("dragEnd", function (p) {
    if (ego || !p.nodes.length) return;  // a node moved by hand keeps its place in the whole graph
    var pos = network.getPositions(p.nodes);
    p.nodes.forEach(function (id) { home[id] = pos[id]; });
  });

  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.5); });
  document.getElementById("zoom-fit").addEventListener("click", function () { fitAll(true); });
  function zoomBy(k) {
    network.moveTo({ position: network.getViewPosition(), scale: network.getScale() * k, animation: { duration: 200, easingFunction: "easeInOutQuad" } });
  }

  // ------------------------------------------------------------ cards (tooltip and details)

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function clip(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
  }

  function addRow(dl, term, value) {
    if (!value) return;
    dl.appendChild(el("dt", term));
    dl.appendChild(el("dd", value));
  }

  function addEvidence(card, evidence, limit, clipAt) {
    evidence.slice(0, limit).forEach(function (pair) {
      var quote = el("blockquote", clip(pair[0], clipAt));
      quote.appendChild(el("cite", pair[1]));
      card.appendChild(quote);
    });
    if (evidence.length > limit) card.appendChild(el("p", "and " + (evidence.length - limit) + " more source sentences; click for all", "more"));
  }

  function heldBack(id) {
    return neighbours(id).filter(function (m) { return !drawnNodes.has(m) && !unlinked.has(m); }).length;
  }

  function nodeCard(id, full) {
    var info = byId[id].info;
    var card = el("div", null, "kg-card");
    card.appendChild(el("h3", full ? info.name : clip(info.name, 160)));
    var kind = info.type;
    if (info.type === "Meeting" && info.kind) kind += " · " + info.kind + (info.status && info.status !== "held" ? " (" + info.status + ")" : "");
    if (info.type === "Statement" && info.direct) kind += info.direct === "true" ? " · quoted" : " · reported";
    card.appendChild(el("p", kind, "type"));
    var dl = el("dl");
    addRow(dl, "Date", info.date ? info.date + (info.end_date && info.end_date !== info.date ? " to " + info.end_date : "") : "");
    addRow(dl, "Roles", (info.roles || []).join(", "));
    addRow(dl, "Also", (info.aliases || []).join(", "));
    addRow(dl, "Links", String(info.degree));
    var waiting = heldBack(id);
    addRow(dl, "Not drawn", waiting ? waiting + " linked node" + (waiting === 1 ? "" : "s") + (full ? "" : " (click to draw)") : "");
    if (unlinked.has(id)) addRow(dl, "Not drawn", "it has no links");
    card.appendChild(dl);
    addEvidence(card, info.evidence || [], full ? 99 : 2, full ? 2000 : 240);
    return card;
  }

  function edgeCard(id, full) {
    var e = edgeById[id];
    var card = el("div", null, "kg-card");
    card.appendChild(el("h3", e.info.label));
    card.appendChild(el("p", clip(byId[e.from].info.name, 80) + " → " + clip(byId[e.to].info.name, 80), "type"));
    addEvidence(card, (e.info && e.info.evidence) || [], full ? 99 : 2, full ? 2000 : 240);
    return card;
  }

  function showTooltip(card, pointer) {
    tooltip.replaceChildren(card);
    tooltip.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 16, y = box.top + pointer.y + 16;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, box.left + pointer.x - w - 16);
    if (y + h > window.innerHeight - 8) y = Math.max(8, window.innerHeight - h - 8);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function hideTooltip() { tooltip.hidden = true; }

  network.on("hoverNode", function (p) { showTooltip(nodeCard(p.node, false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeCard(p.edge, false), p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTooltip); });

  function linkButton(id, text) {
    var button = el("button", text);
    button.type = "button";
    button.addEventListener("click", function () { focusNode(id); });
    return button;
  }

  // a node's meetings and statements, oldest first (the undated last), each with the articles that report it
  function history(id) {
    var NONE = ["\uffff", "\uffff"];
    return neighbours(id).filter(function (m) { return DATED[byId[m].info.type]; }).sort(function (a, b) {
      var sa = spans[a] || NONE, sb = spans[b] || NONE;
      return sa[0] < sb[0] ? -1 : sa[0] > sb[0] ? 1 : sa[1] < sb[1] ? -1 : sa[1] > sb[1] ? 1 : byRank(a, b);
    });
  }

  function eventText(id, from) {
    var info = byId[id].info;
    if (info.type !== "Statement") return info.name;
    var speakers = links[id].filter(function (e) { return e.info.label === "speaker" && e.from === id && e.to !== from; }).map(function (e) { return byId[e.to].info.name; });
    return (speakers.length ? speakers.join(", ") + ": " : "") + "“" + clip(info.name, 140) + "”";
  }

  function historyList(id) {
    var events = history(id);
    if (!events.length) return null;
    var box = el("div");
    box.appendChild(el("p", "Meetings and statements by date (" + events.length + ")", "more"));
    var list = el("ol", null, "timeline");
    events.slice(0, 150).forEach(function (m) {
      var info = byId[m].info, item = el("li");
      item.setAttribute("data-id", m);
      item.appendChild(el("span", info.date ? info.date + (info.end_date && info.end_date !== info.date ? " to " + info.end_date : "") : "undated", "when"));
      item.appendChild(linkButton(m, clip(eventText(m, id), 160)));
      var sources = [];
      (info.evidence || []).forEach(function (pair) { if (sources.indexOf(pair[1]) < 0) sources.push(pair[1]); });
      if (sources.length) item.appendChild(el("span", sources.join("; "), "src"));
      list.appendChild(item);
    });
    if (events.length > 150) list.appendChild(el("li", "and " + (events.length - 150) + " more", "more"));
    box.appendChild(list);
    return box;
  }

  function showNodeDetails(id) {
    var card = nodeCard(id, true);
    var past = historyList(id);
    if (past) card.appendChild(past);
    // each link as "label → name" (or "← label name" for links into this node): the words a large
    // graph does not draw on its links
    var all = links[id].map(function (e) {
      var out = e.from === id;
      return { node: byId[out ? e.to : e.from], label: e.info.label, out: out };
    });
    all.sort(function (a, b) { return b.node.info.degree - a.node.info.degree || (a.node.info.name < b.node.info.name ? -1 : 1); });
    if (all.length) {
      card.appendChild(el("p", "Links", "more"));
      var list = el("ul", null, "neighbours");
      all.slice(0, 60).forEach(function (link) {
        var m = link.node, item = el("li");
        item.appendChild(el("span", link.out ? link.label + " → " : "← " + link.label + " ", "link"));
        item.appendChild(linkButton(m.id, clip(m.info.name, 70) + " (" + m.info.type + ")"));
        list.appendChild(item);
      });
      if (all.length > 60) list.appendChild(el("li", "and " + (all.length - 60) + " more", "more"));
      card.appendChild(list);
    }
    details.replaceChildren(card);
    if (timeline) timeline.mark(history(id).filter(function (m) { return spans[m]; }).map(function (m) { return { lo: spans[m][0], hi: spans[m][1] }; }));
  }

  // ------------------------------------------------------------ neighbour highlighting

  var DIM_NODE = { background: "#eceff2", border: "#eceff2", highlight: { background: "#eceff2", border: "#eceff2" } };
  var DIM_EDGE = { color: "rgba(169,177,187,0.18)" };

  function clearHighlight() {
    setSelected(null);
    nodes.update(Array.from(dimmedNodes, function (id) { return { id: id, color: byId[id].color }; }));
    edges.update(Array.from(dimmedEdges, function (id) { return { id: id, color: edgeById[id].color || null }; }));
    dimmedNodes.clear();
    dimmedEdges.clear();
    if (timeline) timeline.mark([]);
  }

  function highlight(id) {
    setSelected(id);
    var keepNodes = new Set(neighbours(id).concat([id]));
    var keepEdges = new Set(links[id].map(function (e) { return e.id; }));
    var nodeUpdates = [], edgeUpdates = [];
    drawnNodes.forEach(function (n) {
      var dim = !keepNodes.has(n);
      if (dim && !dimmedNodes.has(n)) { dimmedNodes.add(n); nodeUpdates.push({ id: n, color: DIM_NODE }); }
      if (!dim && dimmedNodes.has(n)) { dimmedNodes.delete(n); nodeUpdates.push({ id: n, color: byId[n].color }); }
    });
    drawnEdges.forEach(function (e) {
      var dim = !keepEdges.has(e);
      if (dim && !dimmedEdges.has(e)) { dimmedEdges.add(e); edgeUpdates.push({ id: e, color: DIM_EDGE }); }
      if (!dim && dimmedEdges.has(e)) { dimmedEdges.delete(e); edgeUpdates.push({ id: e, color: edgeById[e].color || null }); }
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }

  // a click in the whole graph also draws what the node links to that was held back
  function expand(id) {
    if (ego || range) return 0;
    var more = neighbours(id).filter(function (m) { return !base.has(m) && !unlinked.has(m); }).sort(byRank).slice(0, EXPAND_MAX);
    more.forEach(function (m) { base.add(m); });
    if (more.length) apply();
    return more.length;
  }

  function select(id) {
    if (!drawnNodes.has(id)) return showNodeDetails(id);
    expand(id);
    network.selectNodes([id], true);
    highlight(id);
    showNodeDetails(id);
  }

  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (p.edges.length) {
      clearHighlight();
      details.replaceChildren(edgeCard(p.edges[0], true));
    } else clearHighlight();
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) openEgo(p.nodes[0]); });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    hideTooltip();
    if (ego) closeEgo();
    else { clearHighlight(); network.unselectAll(); }
  });

  // ------------------------------------------------------------ one node's neighbourhood

  // The node in the middle; its links on a ring round it (actors, then meetings and statements by
  // date, then the rest), each labelled on the outer side; the actors those link to (who else was
  // at the meeting, whom the statement was about) on an outer ring next to what links them.
  function openEgo(id) {
    if (unlinked.has(id)) return showNodeDetails(id);
    if (!ego) saved = { position: network.getViewPosition(), scale: network.getScale() };
    clearHighlight();
    var typeOrder = { Person: 0, Country: 0, Organization: 0, Place: 0, Meeting: 1, Statement: 2, Policy: 3, Document: 4 };
    var direct = neighbours(id).filter(function (m) {
      return !unlinked.has(m) && !hiddenTypes.has(byId[m].info.type) && (!range || !DATED[byId[m].info.type] || inRange(m, range));
    });
    var total = direct.length;
    // too many to show: the actors it links to, then its best-connected and latest events
    var ring = direct.sort(function (a, b) {
      var ia = ACTORS[byId[a].info.type] ? 0 : 1, ib = ACTORS[byId[b].info.type] ? 0 : 1;
      if (ia !== ib) return ia - ib;
      var d = byId[b].info.degree - byId[a].info.degree;
      if (d) return d;
      var sa = spans[a] ? spans[a][0] : "", sb = spans[b] ? spans[b][0] : "";
      return sa > sb ? -1 : sa < sb ? 1 : byRank(a, b);
    }).slice(0, RING_MAX).sort(function (a, b) {
      var ta = typeOrder[byId[a].info.type], tb = typeOrder[byId[b].info.type];
      if (ta !== tb) return ta - tb;
      var sa = spans[a] ? spans[a][0] : "", sb = spans[b] ? spans[b][0] : "";
      return sa < sb ? -1 : sa > sb ? 1 : byRank(a, b);
    });
    var inRing = new Set(ring);
    var centre = home[id] || network.getPositions([id])[id] || { x: 0, y: 0 };
    var pos = {}, side = {}, angle = {};
    pos[id] = centre;
    // rings of nodes about SPACING apart, the inner one at least 150 wide
    var SPACING = 64, radius = Math.max(150, (Math.min(ring.length, 40) * SPACING) / (2 * Math.PI)), k = 0;
    while (k < ring.length) {
      var fits = Math.max(6, Math.floor((2 * Math.PI * radius) / SPACING)), n = Math.min(fits, ring.length - k);
      for (var j = 0; j < n; j++) {
        var a = -Math.PI / 2 + (2 * Math.PI * (j + 0.5)) / n + (k ? 0.5 / n : 0);
        var m = ring[k + j];
        angle[m] = a;
        pos[m] = { x: centre.x + radius * Math.cos(a), y: centre.y + radius * Math.sin(a) };
      }
      k += n;
      if (k < ring.length) radius += 95;
    }
    var outerCount = {};
    ring.forEach(function (m) {
      if (ACTORS[byId[m].info.type]) return;  // an actor's own links are a neighbourhood of their own
      neighbours(m).forEach(function (o) {
        if (o === id || inRing.has(o) || unlinked.has(o) || !ACTORS[byId[o].info.type] || hiddenTypes.has(byId[o].info.type)) return;
        (outerCount[o] = outerCount[o] || []).push(m);
      });
    });
    var outer = Object.keys(outerCount).sort(function (a, b) { return outerCount[b].length - outerCount[a].length || byRank(a, b); }).slice(0, OUTER_MAX);
    var outerRadius = radius + 190;
    var wish = outer.map(function (o) {  // the mean direction of what links it to the middle
      var sx = 0, sy = 0;
      outerCount[o].forEach(function (m) { sx += Math.cos(angle[m]); sy += Math.sin(angle[m]); });
      return { id: o, a: Math.atan2(sy, sx) };
    }).sort(function (p, q) { return p.a - q.a; });
    outerRadius = Math.max(outerRadius, (wish.length * SPACING * 1.2) / (2 * Math.PI));
    var gap = (SPACING * 1.2) / outerRadius;
    for (var i = 1; i < wish.length; i++) if (wish[i].a - wish[i - 1].a < gap) wish[i].a = wish[i - 1].a + gap;
    wish.forEach(function (w) {
      angle[w.id] = w.a;
      pos[w.id] = { x: centre.x + outerRadius * Math.cos(w.a), y: centre.y + outerRadius * Math.sin(w.a) };
    });
    Object.keys(angle).forEach(function (m) { side[m] = Math.cos(angle[m]) >= 0 ? "right" : "left"; });
    ego = { center: id, ring: ring, outer: outer, ids: new Set([id].concat(ring, outer)), pos: pos, side: side };
    apply();
    network.selectNodes([id], false);
    setSelected(id);
    showNodeDetails(id);
    viewBar.hidden = false;
    viewStatus.textContent = "Around " + clip(byId[id].info.name, 60) + ": " + (total > ring.length ? ring.length + " of " + total + " links (the best-connected; pick dates to see others)" : total + " link" + (total === 1 ? "" : "s")) + (range ? ", " + range.title : "");
    fitAll(false);
  }

  var saved = null;
  function closeEgo() {
    if (!ego) return;
    ego = null;
    viewBar.hidden = true;
    clearHighlight();
    network.unselectAll();
    apply();
    if (saved && !range) network.moveTo({ position: saved.position, scale: saved.scale });
    else fitAll(false);
  }
  document.getElementById("back").addEventListener("click", closeEgo);

  // ------------------------------------------------------------ the timeline

  var timeline = window.kgTimeline(
    document.getElementById("timeline"),
    data.nodes.filter(function (n) { return spans[n.id]; }).map(function (n) { return { id: n.id, type: n.info.type, lo: spans[n.id][0], hi: spans[n.id][1] }; }),
    data.styles,
    function (chosen) {
      range = chosen;
      if (ego) return openEgo(ego.center);
      clearHighlight();
      apply();
      fitAll(false);
      status.textContent = range && range.total > RANGE_MAX ? "showing the " + RANGE_MAX + " best-connected of " + range.total + " meetings and statements" : "";
    }
  );

  // ------------------------------------------------------------ search by name or alias

  var names = [];  // [lower-case name, node id, name]
  data.nodes.forEach(function (n) {
    [n.info.name].concat(n.info.aliases || []).forEach(function (name) { names.push([name.toLowerCase(), n.id, name]); });
  });
  var datalist = document.getElementById("search-names");
  var offered = new Set();
  names.forEach(function (entry) {
    if (offered.has(entry[2]) || offered.size >= 20000) return;
    offered.add(entry[2]);
    var option = document.createElement("option");
    option.value = entry[2];
    datalist.appendChild(option);
  });

  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (name) { return name === q; },
      function (name) { return name.indexOf(q) === 0; },
      function (name) { return name.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      var best = null;
      names.forEach(function (entry) {
        if (tests[t](entry[0]) && (best === null || byId[entry[1]].info.degree > byId[best].info.degree)) best = entry[1];
      });
      if (best !== null) return best;
    }
    return null;
  }

  // a search, or a name in the details panel: open its neighbourhood (showing its class if hidden)
  function focusNode(id) {
    var type = byId[id].info.type;
    var toggle = document.querySelector('#legend button[data-type="' + type + '"]');
    if (toggle && toggle.getAttribute("aria-pressed") === "false") toggle.click();
    if (unlinked.has(id)) {
      showNodeDetails(id);
      status.textContent = "“" + clip(byId[id].info.name, 40) + "” has no links: it is listed, not drawn";
      return;
    }
    openEgo(id);
  }

  function search(query) {
    var id = find(query);
    if (id === null) {
      status.textContent = query.trim() ? "no node is called “" + clip(query.trim(), 40) + "”" : "";
      return null;
    }
    status.textContent = "";
    focusNode(id);
    return id;
  }

  var input = document.getElementById("search-input");
  document.getElementById("search").addEventListener("submit", function (e) {
    e.preventDefault();
    search(input.value);
  });
  input.addEventListener("change", function () { if (input.value.trim()) search(input.value); });

  // ------------------------------------------------------------ legend, counts, the unlinked list

  document.querySelectorAll("#legend button[data-type]").forEach(function (button) {
    button.addEventListener("click", function () {
      var show = button.getAttribute("aria-pressed") === "false";
      button.setAttribute("aria-pressed", show ? "true" : "false");
      var type = button.getAttribute("data-type");
      if (show) hiddenTypes.delete(type); else hiddenTypes.add(type);
      apply();
    });
  });

  var totals = {};
  data.nodes.forEach(function (n) { totals[n.info.type] = (totals[n.info.type] || 0) + 1; });
  function updateCounts() {
    var counts = {};
    drawnNodes.forEach(function (id) { var t = byId[id].info.type; counts[t] = (counts[t] || 0) + 1; });
    document.querySelectorAll("#legend button[data-type]").forEach(function (button) {
      var t = button.getAttribute("data-type");
      var drawn = counts[t] || 0;
      button.querySelector(".drawn").textContent = drawn === totals[t] ? "" : drawn.toLocaleString("en") + " drawn";
    });
    document.getElementById("drawn-count").textContent = drawnNodes.size === data.nodes.length ? "" : " · " + drawnNodes.size.toLocaleString("en") + " drawn";
  }
  updateCounts();

  if (data.unlinked.length) {
    var box = document.getElementById("unlinked");
    document.getElementById("unlinked-count").textContent = data.unlinked.length.toLocaleString("en");
    var list = box.querySelector("ul");
    data.unlinked.forEach(function (id) {
      var item = el("li");
      var button = el("button", clip(byId[id].info.name, 70) + " (" + byId[id].info.type + ")");
      button.type = "button";
      button.addEventListener("click", function () { showNodeDetails(id); });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.hidden = false;
  }

  window.kg = {
    network: network, nodes: nodes, edges: edges, find: find, search: search, focusNode: focusNode, select: select,
    highlight: highlight, clearHighlight: clearHighlight, openEgo: openEgo, closeEgo: closeEgo, fit: fitAll, timeline: timeline,
    labelBoxes: labels.boxes, drawn: function () { return Array.from(drawnNodes); }
  };
})();
