/* kg viz: builds the vis network from the JSON block, then tooltips, details, search, neighbour
   highlighting and the legend's class toggles. Text from articles only ever reaches the page
   through textContent, never innerHTML: it shows as text and runs nothing. */
(function () {
  "use strict";
  var timing = (window.kgTiming = { start: performance.now() });
  window.kgReady = false;
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("network");
  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details-body");
  var status = document.getElementById("search-status");

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

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  timing.created = performance.now();
  window.network = network;

  network.once("afterDrawing", function () { timing.firstDraw = performance.now(); });
  if (data.physics) {
    // physics lays a small graph out, then stops, so nodes stay where the reader drags them
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      widen();
      network.fit();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
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
    addRow(dl, "Folded", info.folded ? info.folded + " (not shown)" : "");
    card.appendChild(dl);
    addEvidence(card, info.evidence || [], full ? 99 : 2, full ? 2000 : 240);
    return card;
  }

  function edgeCard(id, full) {
    var e = edges.get(id);
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

  function showNodeDetails(id) {
    var card = nodeCard(id, true);
    // each link as "label → name" (or "name → label" for links into this node): the words a large
    // graph does not draw on its links
    var links = network.getConnectedEdges(id).map(function (eid) {
      var e = edges.get(eid), out = e.from === id;
      return { node: byId[out ? e.to : e.from], label: e.info.label, out: out };
    });
    links.sort(function (a, b) { return b.node.info.degree - a.node.info.degree || (a.node.info.name < b.node.info.name ? -1 : 1); });
    if (links.length) {
      card.appendChild(el("p", "Links", "more"));
      var list = el("ul", null, "neighbours");
      links.slice(0, 60).forEach(function (link) {
        var m = link.node, item = el("li");
        item.appendChild(el("span", link.out ? link.label + " → " : "← " + link.label + " ", "link"));
        var button = el("button", clip(m.info.name, 70) + " (" + m.info.type + ")");
        button.type = "button";
        button.addEventListener("click", function () { focusNode(m.id); });
        item.appendChild(button);
        list.appendChild(item);
      });
      if (links.length > 60) list.appendChild(el("li", "and " + (links.length - 60) + " more", "more"));
      card.appendChild(list);
    }
    details.replaceChildren(card);
  }

  // ------------------------------------------------------------ neighbour highlighting

  var DIM_NODE = { background: "#eceff2", border: "#eceff2", highlight: { background: "#eceff2", border: "#eceff2" } };
  var DIM_NODE_FONT = { color: "rgba(31,35,40,0.22)" };
  var DIM_EDGE = { color: "rgba(169,177,187,0.18)" };
  var DIM_EDGE_FONT = { color: "rgba(87,96,106,0)", strokeWidth: 0 };
  var dimmedNodes = new Set(), dimmedEdges = new Set();

  function clearHighlight() {
    nodes.update(Array.from(dimmedNodes, function (id) { return { id: id, color: byId[id].color, font: byId[id].font || null }; }));
    edges.update(Array.from(dimmedEdges, function (id) { return { id: id, color: null, font: null }; }));
    dimmedNodes.clear();
    dimmedEdges.clear();
  }

  function highlight(id) {
    var keepNodes = new Set(network.getConnectedNodes(id).concat([id]));
    var keepEdges = new Set(network.getConnectedEdges(id));
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      var dim = !keepNodes.has(n.id);
      if (dim && !dimmedNodes.has(n.id)) { dimmedNodes.add(n.id); nodeUpdates.push({ id: n.id, color: DIM_NODE, font: DIM_NODE_FONT }); }
      if (!dim && dimmedNodes.has(n.id)) { dimmedNodes.delete(n.id); nodeUpdates.push({ id: n.id, color: n.color, font: n.font || null }); }
    });
    data.edges.forEach(function (e) {
      var dim = !keepEdges.has(e.id);
      if (dim && !dimmedEdges.has(e.id)) { dimmedEdges.add(e.id); edgeUpdates.push({ id: e.id, color: DIM_EDGE, font: DIM_EDGE_FONT }); }
      if (!dim && dimmedEdges.has(e.id)) { dimmedEdges.delete(e.id); edgeUpdates.push({ id: e.id, color: null, font: null }); }
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }

  network.on("click", function (p) {
    if (p.nodes.length) {
      highlight(p.nodes[0]);
      showNodeDetails(p.nodes[0]);
    } else if (p.edges.length) {
      clearHighlight();
      details.replaceChildren(edgeCard(p.edges[0], true));
    } else {
      clearHighlight();
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { clearHighlight(); network.unselectAll(); hideTooltip(); }
  });

  // ------------------------------------------------------------ search by name or alias

  var names = [];  // [lower-case name, node id]
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

  function focusNode(id) {
    var type = byId[id].info.type;
    var toggle = document.querySelector('#legend button[data-type="' + type + '"]');
    if (toggle && toggle.getAttribute("aria-pressed") === "false") toggle.click();
    network.selectNodes([id], true);
    highlight(id);
    showNodeDetails(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
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

  // ------------------------------------------------------------ legend: hide or show a class

  document.querySelectorAll("#legend button[data-type]").forEach(function (button) {
    button.addEventListener("click", function () {
      var show = button.getAttribute("aria-pressed") === "false";
      button.setAttribute("aria-pressed", show ? "true" : "false");
      var type = button.getAttribute("data-type");
      nodes.update(data.nodes.filter(function (n) { return n.info.type === type; }).map(function (n) { return { id: n.id, hidden: !show }; }));
    });
  });

  window.kg = { network: network, nodes: nodes, edges: edges, find: find, search: search, focusNode: focusNode, highlight: highlight, clearHighlight: clearHighlight };
})();
