/* kg viz: the label layer. vis-network is given no labels; after each frame this draws them at a
   fixed size on screen, most important first, and skips any label that would touch one already
   drawn, stick out of the canvas or sit under a control. Zooming in spreads the nodes apart, so
   more labels fit: the level of detail follows the zoom and labels never pile up. Each drawn
   label's box is kept (window.kg.labelBoxes()), so tests can check what is on screen. */
window.kgLabelLayer = function (network, container, source) {
  "use strict";
  // source: order() ids by importance; first() ids to label before them (the selection, the
  // neighbourhood); lines(id); font(id) -> index into FONTS; wanted(id, scale); side(id) -> "left",
  // "right" or null (the side to try first); dimmed(id); edges() edge ids to label; edgeText(id);
  // obstacles() DOM rects; groups() [{name, x, y, r}] captions; fontFace
  var FACE = source.fontFace;
  var FONTS = [
    { font: "700 15px " + FACE, size: 15, color: "#1f2328" },  // the selection, the centre of a neighbourhood
    { font: "600 15px " + FACE, size: 15, color: "#1f2328" },  // the best-connected actors
    { font: "500 13px " + FACE, size: 13, color: "#1f2328" },  // other actors
    { font: "12px " + FACE, size: 12, color: "#3d4650" },      // events
    { font: "italic 11px " + FACE, size: 11, color: "#57606a" }, // link labels
    { font: "600 13px " + FACE, size: 13, color: "#57606a" }   // group captions
  ];
  var PAD = 2, GAP = 2, CELL = 64, MAX_LABELS = 400;
  var widths = {};  // font index + text -> width, measured once
  var boxes = [];
  var grid = null;
  var measureCtx = document.createElement("canvas").getContext("2d");

  function width(fontIndex, text) {
    var key = fontIndex + "\u0000" + text;
    var w = widths[key];
    if (w === undefined) {
      measureCtx.font = FONTS[fontIndex].font;
      w = widths[key] = measureCtx.measureText(text).width;
    }
    return w;
  }

  function cells(b) {
    var out = [];
    for (var cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.w) / CELL); cx++)
      for (var cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.h) / CELL); cy++) out.push(cx + "," + cy);
    return out;
  }

  function free(b) {
    var keys = cells(b);
    for (var i = 0; i < keys.length; i++) {
      var list = grid.get(keys[i]);
      if (!list) continue;
      for (var j = 0; j < list.length; j++) {
        var o = list[j];
        if (b.x < o.x + o.w + GAP && o.x < b.x + b.w + GAP && b.y < o.y + o.h + GAP && o.y < b.y + b.h + GAP) return false;
      }
    }
    return true;
  }

  function put(b) {
    cells(b).forEach(function (k) {
      var list = grid.get(k);
      if (list) list.push(b); else grid.set(k, [b]);
    });
  }

  // a label box beside a point: below, above, right or left of a node of radius r (DOM pixels)
  function boxAt(where, x, y, r, w, h) {
    if (where === "below") return { x: x - w / 2, y: y + r + 2, w: w, h: h, align: "center" };
    if (where === "above") return { x: x - w / 2, y: y - r - 2 - h, w: w, h: h, align: "center" };
    if (where === "right") return { x: x + r + 3, y: y - h / 2, w: w, h: h, align: "left" };
    if (where === "left") return { x: x - r - 3 - w, y: y - h / 2, w: w, h: h, align: "right" };
    return { x: x - w / 2, y: y - h / 2, w: w, h: h, align: "center" };  // "centre": on a link's midpoint
  }

  var SIDES = { right: ["right", "below", "above", "left"], left: ["left", "below", "above", "right"] };
  var DEFAULT_SIDES = ["below", "above", "right", "left"];

  function place(kind, id, lines, fontIndex, x, y, r, sides, W, H) {
    var f = FONTS[fontIndex], lineHeight = Math.round(f.size * 1.2);
    var lw = lines.map(function (t) { return width(fontIndex, t); });
    var w = Math.ceil(Math.max.apply(null, lw)) + 2 * PAD, h = lines.length * lineHeight + 2 * PAD;
    for (var i = 0; i < sides.length; i++) {
      var b = boxAt(sides[i], x, y, r, w, h);
      if (b.x < 1 || b.y < 1 || b.x + b.w > W - 1 || b.y + b.h > H - 1 || !free(b)) continue;
      b.kind = kind; b.id = id; b.lines = lines; b.widths = lw; b.font = fontIndex; b.lineHeight = lineHeight;
      put(b);
      boxes.push(b);
      return true;
    }
    return false;
  }

  function draw(ctx) {
    var view = network.body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    var W = container.clientWidth, H = container.clientHeight;
    var bodyNodes = network.body.nodes;
    boxes = [];
    grid = new Map();
    var frame = container.getBoundingClientRect();
    source.obstacles().forEach(function (r) {
      put({ x: r.left - frame.left - 4, y: r.top - frame.top - 4, w: r.width + 8, h: r.height + 8, kind: "control" });
    });
    var done = new Set(), count = 0;

    function node(id) {
      if (done.has(id) || count >= MAX_LABELS) return;
      done.add(id);
      var n = bodyNodes[id];
      if (!n || n.options.hidden || source.dimmed(id) || !source.wanted(id, scale)) return;
      var x = n.x * scale + tx, y = n.y * scale + ty;
      if (x < 0 || y < 0 || x > W || y > H) return;  // a label without its node on screen says nothing
      var r = (n.options.size + (n.options.borderWidth || 1)) * scale;
      var side = source.side(id);
      if (place("node", id, source.lines(id), source.font(id), x, y, r, side ? SIDES[side] : DEFAULT_SIDES, W, H)) count++;
    }

    source.first().forEach(node);
    var order = source.order(), i;
    // the best-connected actors, then the captions of the groups, then everything else
    for (i = 0; i < order.length && i < 12; i++) node(order[i]);
    source.groups().forEach(function (g) {
      var r = g.r * scale;
      if (r > W * 0.6 || r < 30) return;  // zoomed in past the group, or too small to name
      place("group", g.name, [g.name], 5, g.x * scale + tx, g.y * scale + ty, r, ["above"], W, H);
    });
    for (; i < order.length && count < MAX_LABELS; i++) node(order[i]);

    var edgeIds = source.edges();
    var dragging = network.renderer.dragging && network.renderer.options.hideEdgesOnDrag;
    if (!dragging) {
      edgeIds.forEach(function (eid) {
        var e = network.body.edges[eid];
        if (!e || !e.connected || !e.from || !e.to) return;
        var mx = ((e.from.x + e.to.x) / 2) * scale + tx, my = ((e.from.y + e.to.y) / 2) * scale + ty;
        place("edge", eid, [source.edgeText(eid)], 4, mx, my, 0, ["centre"], W, H);
      });
    }

    ctx.save();
    var ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "rgba(255,255,255,0.94)";
    ctx.lineWidth = 4;
    boxes.forEach(function (b) {
      var f = FONTS[b.font];
      ctx.font = f.font;
      ctx.fillStyle = f.color;
      b.lines.forEach(function (text, k) {
        var lx = b.align === "left" ? b.x + PAD : b.align === "right" ? b.x + b.w - PAD - b.widths[k] : b.x + (b.w - b.widths[k]) / 2;
        var ly = b.y + PAD + k * b.lineHeight;
        ctx.strokeText(text, lx, ly);
        ctx.fillText(text, lx, ly);
      });
    });
    ctx.restore();
  }

  // the groups' discs, under everything else
  function discs(ctx) {
    var groups = source.groups();
    if (!groups.length) return;
    ctx.save();
    ctx.fillStyle = "rgba(84, 110, 140, 0.06)";
    ctx.strokeStyle = "rgba(84, 110, 140, 0.16)";
    ctx.lineWidth = 1 / network.body.view.scale;
    groups.forEach(function (g) {
      ctx.beginPath();
      ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
    ctx.restore();
  }

  network.on("beforeDrawing", discs);
  network.on("afterDrawing", draw);

  return {
    // what is on screen now: each drawn label's box in pixels from the canvas's top left corner
    boxes: function () {
      return boxes.map(function (b) { return { kind: b.kind, id: b.id, text: b.lines.join("\n"), x: b.x, y: b.y, w: b.w, h: b.h }; });
    }
  };
};
