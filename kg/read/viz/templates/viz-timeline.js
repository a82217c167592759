/* kg viz: the timeline strip. One bar per month (per year when the dates span more than ten
   years) counting the meetings and statements dated in it; click a bar, shift-click a second or
   drag across bars to choose a range, and the page shows what happened then. A date's span is
   what `kg viz --since/--until` uses: 2025-02 runs from 1 to 28 February, 2025 is the whole year,
   and an event belongs to every month its span (start to end date) touches. */
window.kgDates = (function () {
  "use strict";
  var DATE = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$/;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function lastDay(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  // an ISO date of any precision as [first day, last day], or null: kg.read.viz.network._bounds in JavaScript
  function bounds(value) {
    var m = DATE.exec((value || "").trim());
    if (!m) return null;
    var y = m[1];
    if (m[2] === undefined) return [y + "-01-01", y + "-12-31"];
    var month = +m[2];
    if (month < 1 || month > 12) return null;
    var last = lastDay(+y, month);
    if (m[3] === undefined) return [y + "-" + m[2] + "-01", y + "-" + m[2] + "-" + pad(last)];
    var day = +m[3];
    return day >= 1 && day <= last ? [m[0], m[0]] : null;
  }
  // the span of a meeting or statement: its date to its end date (kg.read.viz.network._slice_dates)
  function span(info) {
    var start = bounds(info.date);
    if (!start) return null;
    var end = bounds(info.end_date) || start;
    return [start[0], end[1]];
  }
  return { bounds: bounds, span: span, pad: pad, lastDay: lastDay };
})();

window.kgTimeline = function (root, events, styles, onChange) {
  "use strict";
  // events: [{id, type, lo, hi}]; onChange({lo, hi, title} or null)
  var D = window.kgDates;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  var bars = document.getElementById("tl-bars");
  var title = document.getElementById("tl-title");
  var clear = document.getElementById("tl-clear");
  if (!events.length) return null;

  function monthIndex(iso) { return +iso.slice(0, 4) * 12 + (+iso.slice(5, 7) - 1); }
  var first = Infinity, last = -Infinity;
  events.forEach(function (e) {
    first = Math.min(first, monthIndex(e.lo));
    last = Math.max(last, monthIndex(e.hi));
  });
  var byYear = last - first + 1 > 120;
  var buckets = [];
  if (byYear) {
    for (var y = Math.floor(first / 12); y <= Math.floor(last / 12); y++)
      buckets.push({ key: String(y), lo: y + "-01-01", hi: y + "-12-31", tick: String(y), name: String(y) });
  } else {
    for (var i = first; i <= last; i++) {
      var yy = Math.floor(i / 12), mm = (i % 12) + 1;
      buckets.push({
        key: yy + "-" + D.pad(mm), lo: yy + "-" + D.pad(mm) + "-01", hi: yy + "-" + D.pad(mm) + "-" + D.pad(D.lastDay(yy, mm)),
        tick: mm === 1 || i === first ? MONTHS[mm - 1] + " " + yy : MONTHS[mm - 1], name: LONG[mm - 1] + " " + yy
      });
    }
  }
  var start = byYear ? Math.floor(first / 12) : first;
  function indexOf(iso) { return (byYear ? +iso.slice(0, 4) : monthIndex(iso)) - start; }
  // an event spanning several bars (dated only by year, or lasting) counts in each, drawn paler
  buckets.forEach(function (b) { b.Meeting = 0; b.Statement = 0; b.imprecise = 0; b.vague = { Meeting: 0, Statement: 0 }; });
  events.forEach(function (e) {
    var imprecise = indexOf(e.lo) !== indexOf(e.hi);
    for (var k = indexOf(e.lo); k <= indexOf(e.hi); k++) {
      buckets[k][e.type]++;
      if (imprecise) { buckets[k].imprecise++; buckets[k].vague[e.type]++; }
    }
  });
  var most = Math.max.apply(null, buckets.map(function (b) { return b.Meeting + b.Statement; })) || 1;
  var tickEvery = Math.max(1, Math.ceil(buckets.length / 14));

  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function describe(b) {
    var text = b.name + ": " + plural(b.Meeting, "meeting") + ", " + plural(b.Statement, "statement");
    var why = byYear ? "spanning several years" : "dated only by year, or spanning several months";
    return b.imprecise ? text + " (" + b.imprecise + " of them " + why + ")" : text;
  }

  buckets.forEach(function (b, k) {
    var button = document.createElement("button");
    button.type = "button";
    button.setAttribute("data-key", b.key);
    button.setAttribute("aria-pressed", "false");
    button.title = describe(b);
    button.setAttribute("aria-label", describe(b));
    ["Meeting", "Statement"].forEach(function (t) {
      [b[t] - b.vague[t], b.vague[t]].forEach(function (count, vague) {
        if (!count) return;
        var seg = document.createElement("span");
        seg.className = "seg";
        seg.style.height = (count / most) * 43 + "px";
        seg.style.background = styles[t].color;
        if (vague) seg.style.opacity = "0.35";
        button.appendChild(seg);
      });
    });
    var own = document.createElement("span");
    own.className = "own";
    own.style.height = "0";
    button.appendChild(own);
    if (k % tickEvery === 0) {
      var tick = document.createElement("span");
      tick.className = "tick";
      tick.textContent = b.tick;
      button.appendChild(tick);
    }
    b.button = button;
    b.own = own;
    bars.appendChild(button);
  });
  root.hidden = false;

  var chosen = null, anchor = null, dragFrom = null, dragged = false;

  function show(from, to) {
    buckets.forEach(function (b, k) {
      var on = from !== null && k >= from && k <= to;
      b.button.classList.toggle("on", on);
      b.button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function choose(from, to) {
    if (from === null) {
      chosen = null;
      show(null, null);
      title.textContent = "All dates";
      clear.hidden = true;
      onChange(null);
      return;
    }
    var lo = Math.min(from, to), hi = Math.max(from, to);
    chosen = [lo, hi];
    show(lo, hi);
    var name = lo === hi ? buckets[lo].name : buckets[lo].name + " to " + buckets[hi].name;
    title.textContent = name;
    clear.hidden = false;
    onChange({ lo: buckets[lo].lo, hi: buckets[hi].hi, title: name });
  }

  buckets.forEach(function (b, k) {
    b.button.addEventListener("pointerdown", function (e) {
      if (e.button !== 0 || e.shiftKey) return;
      dragFrom = k;
      dragged = false;
    });
    b.button.addEventListener("pointerenter", function (e) {
      if (dragFrom === null || !(e.buttons & 1)) return;
      dragged = dragFrom !== k;
      show(Math.min(dragFrom, k), Math.max(dragFrom, k));
    });
    b.button.addEventListener("pointerup", function () {
      if (dragFrom !== null && dragged) {
        anchor = dragFrom;
        choose(dragFrom, k);
      }
    });
    b.button.addEventListener("click", function (e) {
      if (dragged) { dragged = false; dragFrom = null; return; }
      dragFrom = null;
      if (e.shiftKey && anchor !== null) return choose(anchor, k);
      anchor = k;
      if (chosen && chosen[0] === k && chosen[1] === k) return choose(null);
      choose(k, k);
    });
  });
  document.addEventListener("pointerup", function () { if (dragFrom !== null && !dragged) dragFrom = null; });
  clear.addEventListener("click", function () { anchor = null; choose(null); });

  return {
    // choose the buckets that hold these ISO dates (a month "2025-02", a year, a day)
    select: function (from, to) {
      var a = indexOf(D.bounds(from)[0]), b = indexOf(D.bounds(to || from)[1]);
      choose(Math.max(0, a), Math.min(buckets.length - 1, b));
    },
    clear: function () { choose(null); },
    // the selected node's own meetings and statements, as a dark bar inside each bucket
    mark: function (own) {
      var counts = buckets.map(function () { return 0; });
      own.forEach(function (e) { for (var k = indexOf(e.lo); k <= indexOf(e.hi); k++) counts[k]++; });
      buckets.forEach(function (b, k) { b.own.style.height = (counts[k] / most) * 43 + "px"; });
    }
  };
};
