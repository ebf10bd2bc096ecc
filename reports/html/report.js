// stancemap report: draws the charts from the JSON in #sm-data with
// echarts, and makes the evidence table filter and page. Plain
// JavaScript, no framework. Every string from the data that ends up in
// HTML (tooltips) goes through esc().
(function () {
  "use strict";

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function fmt(v, signed) {
    if (v == null || typeof v !== "number" || !isFinite(v)) return "–";
    var s = v.toFixed(2);
    if (signed && v > 0.004) s = "+" + s;
    return s.replace("-", "−");
  }
  function clip(s, n) {
    s = String(s || "").replace(/\s+/g, " ").trim();
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function example(idx) {
    if (idx == null || idx < 0) return "";
    var tr = document.getElementById("ev-" + idx);
    if (!tr) return "";
    return '<div class="tip-ex">“' + esc(clip(tr.cells[5].textContent, 220)) + "” <span>" + esc(tr.cells[0].textContent) + "</span></div>";
  }
  // interval is "lo to hi", or "hi, no spread" when both ends round alike.
  function interval(lo, hi) {
    var a = fmt(lo, true), b = fmt(hi, true);
    return a === b ? a + ", no spread" : a + " to " + b;
  }
  // cellText writes f(value) in each heatmap cell (when the series shows
  // labels), so that a printed or projected copy keeps the numbers.
  function cellText(o, f) {
    var s = o.series[0];
    if (s.label && s.label.show) s.label.formatter = function (p) { return f(p.value); };
  }
  function tip(o, f, trigger) {
    o.tooltip = { show: true, confine: true, trigger: trigger || "item", formatter: f, extraCssText: "max-width:360px;white-space:normal;" };
  }

  // Formatters and behaviour per kind of chart.
  var hooks = {
    stance: function (o) {
      var xs = o.xAxis[0].data, ys = o.yAxis[0].data;
      tip(o, function (p) {
        var d = p.value;
        var h = "<b>" + esc(ys[d[1]]) + "</b> on <b>" + esc(xs[d[0]]) + "</b><br>mean stance " + fmt(d[2], true) +
          " from " + plural(d[3], "statement", "statements");
        if (d[4] != null && d[5] != null) h += "<br>interval " + interval(d[4], d[5]);
        return h + example(d[6]);
      });
      cellText(o, function (d) { return fmt(d[2], true) + "\nn " + d[3]; });
    },
    salience: function (o) {
      var xs = o.xAxis[0].data, ys = o.yAxis[0].data;
      tip(o, function (p) {
        var d = p.value;
        return "<b>" + esc(ys[d[1]]) + "</b> on <b>" + esc(xs[d[0]]) + "</b><br>salience " + Math.round(d[2] * 100) +
          "% of what it said (" + plural(d[3], "statement", "statements") + ")";
      });
      cellText(o, function (d) { return d[3] ? Math.round(d[2] * 100) + "%\nn " + d[3] : ""; });
    },
    map: function (o) {
      tip(o, function (p) {
        if (!p.value || !p.data || p.data.name == null) return "";
        return "<b>" + esc(p.data.name) + "</b><br>" + esc(p.value[3] || p.seriesName) + "<br>" + plural(p.value[2], "statement", "statements") +
          "<br>position " + fmt(p.value[0]) + ", " + fmt(p.value[1]);
      });
    },
    dendro: function () {},
    dist: function (o, spec) {
      var xs = o.xAxis[0].data, ys = o.yAxis[0].data;
      if (!o.series[0].data.length && spec.extra) {
        // Mirror the lower triangle the report carries.
        var tri = spec.extra.tri, sh = spec.extra.shared, pts = [], k = 0;
        for (var y = 0; y < ys.length; y++) {
          for (var x = 0; x <= y; x++, k++) {
            if (tri[k] == null) continue;
            pts.push([x, y, tri[k], sh[k]]);
            if (x !== y) pts.push([y, x, tri[k], sh[k]]);
          }
        }
        o.series[0].data = pts;
      }
      tip(o, function (p) {
        var d = p.value;
        if (d[0] === d[1]) return "<b>" + esc(ys[d[1]]) + "</b>";
        return "<b>" + esc(ys[d[1]]) + "</b> and <b>" + esc(xs[d[0]]) + "</b><br>distance " + fmt(d[2]) +
          " over " + plural(d[3], "shared theme", "shared themes");
      });
      cellText(o, function (d) { return d[0] === d[1] ? "" : fmt(d[2]); });
    },
    network: function (o, spec) {
      var s = o.series[0];
      if (!spec.allLinks) spec.allLinks = s.links;
      var box = document.getElementById("net-conflict");
      var show = box && box.checked;
      s.links = show ? spec.allLinks : spec.allLinks.filter(function (l) { return !l.conflict; });
      var nodes = s.data;
      tip(o, function (p) {
        if (p.dataType === "edge") {
          var d = p.data;
          return "<b>" + esc(nodes[d.source].name) + "</b> — <b>" + esc(nodes[d.target].name) + "</b><br>" +
            (d.conflict ? "conflict " : "agreement ") + fmt(Math.abs(d.value));
        }
        return "<b>" + esc(p.data.name) + "</b><br>" + fmt(p.data.value).replace(/\.00$/, "") + " statements in the network";
      });
    },
    evolution: function (o) {
      // Each line k has its interval band in the series "band-lo-k"
      // (lower end) and "band-k" (width), left out of the tooltip.
      var byId = {};
      o.series.forEach(function (s) { if (s.id) byId[s.id] = s; });
      tip(o, function (ps) {
        var h = "<b>" + esc(ps.length ? ps[0].axisValue : "") + "</b>";
        ps.forEach(function (p) {
          if (p.value == null || String(p.seriesId).indexOf("band") === 0) return;
          var n = p.data && p.data.n;
          h += "<br>" + p.marker + esc(p.seriesName) + ": " + fmt(p.value, true) + (n ? " (" + plural(n, "statement", "statements") + ")" : "");
          var lo = byId["band-lo-" + p.seriesIndex], w = byId["band-" + p.seriesIndex];
          if (lo && w && lo.data[p.dataIndex] != null && w.data[p.dataIndex] != null) {
            h += " <span style=\"color:#777\">(" + interval(lo.data[p.dataIndex], lo.data[p.dataIndex] + w.data[p.dataIndex]) + ")</span>";
          }
        });
        return h;
      }, "axis");
    },
    // Two periods side by side: d = [theme, row, change, mean A, n A,
    // mean B, n B, low, high, verdict (2 moved, 1 stayed, 0 cannot
    // tell), thin].
    twoheat: function (o, spec) {
      var xs = o.xAxis[0].data, ys = o.yAxis[0].data, ex = spec.extra || {};
      var verdicts = ["cannot tell", "stayed", "moved"];
      tip(o, function (p) {
        var d = p.value;
        return "<b>" + esc(ys[d[1]]) + "</b> on <b>" + esc(xs[d[0]]) + "</b><br>" +
          esc(ex.from) + ": " + fmt(d[3], true) + " (" + plural(d[4], "statement", "statements") + ")<br>" +
          esc(ex.to) + ": " + fmt(d[5], true) + " (" + plural(d[6], "statement", "statements") + ")<br>" +
          "change " + fmt(d[2], true) + ", 95% interval " + interval(d[7], d[8]) + "<br><b>" + verdicts[d[9]] + "</b>" +
          (d[10] ? " (too few statements on a side)" : "");
      });
      o.series.forEach(function (s) {
        if (s.label && s.label.show) s.label.formatter = function (p) { return fmt(p.value[2], true) + "\n" + p.value[4] + "→" + p.value[6]; };
      });
    },
    slope: function (o) {
      var xs = o.xAxis[0].data;
      tip(o, function (p) {
        var d = p.data || {};
        return "<b>" + esc(p.seriesName) + "</b><br>" +
          esc(xs[0]) + ": " + fmt(d.a, true) + " (" + plural(d.na, "statement", "statements") + ")<br>" +
          esc(xs[1]) + ": " + fmt(d.b, true) + " (" + plural(d.nb, "statement", "statements") + ")<br>" +
          "change " + fmt(d.change, true) + ", 95% interval " + interval(d.low, d.high) + "<br><b>" + esc(d.verdict) + "</b>" +
          (d.thin ? " (too few statements on a side)" : "");
      });
    },
    convergence: function (o, spec) {
      var pairs = (spec.extra && spec.extra.pairs) || [];
      tip(o, function (ps) {
        var h = "<b>" + esc(ps.length ? ps[0].axisValue : "") + "</b>";
        ps.forEach(function (p) {
          h += "<br>" + p.marker + esc(p.seriesName) + ": " + fmt(p.value);
          if (p.seriesIndex === 0 && pairs[p.dataIndex] != null) h += " (" + plural(pairs[p.dataIndex], "pair", "pairs") + ")";
        });
        return h;
      }, "axis");
    },
    flows: function (o) {
      tip(o, function (p) {
        var d = p.data;
        if (p.dataType === "edge") {
          return "<b>" + esc(d.source) + "</b> → <b>" + esc(d.target) + "</b><br>" + plural(d.value, "row", "rows") + ": " +
            esc((d.rows || []).join(", "));
        }
        return "<b>" + esc(p.name) + "</b><br>" + plural(p.value, "row", "rows");
      });
    },
    scale: function (o, spec) {
      var ex = spec.extra || {};
      tip(o, function (p) {
        var v = p.value;
        if (!v || v.length < 5) return "";
        var h = "<b>" + esc((ex.actors || [])[v[1]]) + "</b><br>position " + fmt(v[0], true);
        if (v[2] != null && v[3] != null) h += "<br>interval " + fmt(v[2], true) + " to " + fmt(v[3], true);
        return h + "<br>" + plural(v[4], "statement", "statements");
      });
    },
    movers: function (o) {
      tip(o, function (ps) {
        var h = "<b>" + esc(ps.length ? ps[0].axisValue : "") + "</b>";
        ps.forEach(function (p) { h += "<br>" + p.marker + esc(p.seriesName) + ": " + fmt(p.value); });
        return h;
      }, "axis");
    },
    radar: function (o) {
      var names = o.radar.indicator.map(function (i) { return i.name; });
      tip(o, function (p) {
        var h = "<b>" + esc(p.name) + "</b>";
        (p.value || []).forEach(function (v, i) { h += "<br>" + esc(names[i]) + ": " + (v == null ? "no statement" : fmt(v, true)); });
        return h;
      });
    }
  };

  var charts = {};
  var data = JSON.parse(document.getElementById("sm-data").textContent);
  var specs = data.charts || [];
  var pending = specs.length;
  function finished() {
    pending--;
    if (pending === 0) {
      window.stancemapChartsDrawn = performance.now();
      document.body.setAttribute("data-charts", "drawn");
    }
  }
  function render(id, opt) {
    var c = charts[id];
    if (!c) return;
    (hooks[c.spec.kind] || function () {})(opt, c.spec);
    c.inst.setOption(opt, true);
    if (c.spec.kind === "map") placeMapLabels(c.inst);
  }

  // placeMapLabels puts each label of the map's "positions" series where
  // it overlaps no other label and no point: right of its point, else
  // left, above, below, then right or left a line higher or lower, and so
  // on; a label with no free place stays on the right. Greedy, in the
  // series' order, so the same page gives the same layout.
  function placeMapLabels(inst) {
    var opt = inst.getOption(), si = -1;
    opt.series.forEach(function (s, i) { if (s.name === "positions") si = i; });
    if (si < 0) return;
    var s = opt.series[si];
    var fs = (s.label && s.label.fontSize) || 12, h = fs + 3;
    var ctx = document.createElement("canvas").getContext("2d");
    var boxes = [];
    function free(b) {
      for (var i = 0; i < boxes.length; i++) {
        var q = boxes[i];
        if (b[0] < q[0] + q[2] && q[0] < b[0] + b[2] && b[1] < q[1] + q[3] && q[1] < b[1] + b[3]) return false;
      }
      return true;
    }
    var pts = s.data.map(function (d) {
      var p = inst.convertToPixel({ seriesIndex: si }, [d.value[0], d.value[1]]);
      var r = (d.symbolSize != null ? d.symbolSize : s.symbolSize || 10) / 2;
      if (r > 0) boxes.push([p[0] - r, p[1] - r, 2 * r, 2 * r]);
      return { x: p[0], y: p[1], r: r };
    });
    var data = s.data.map(function (d, i) {
      var lab = d.label || {};
      if (lab.show === false) return d;
      ctx.font = (lab.fontStyle === "italic" ? "italic " : "") + fs + "px sans-serif";
      var w = ctx.measureText(d.name).width + 2, p = pts[i], gap = p.r + 5;
      var cands = [[p.x + gap, p.y - h / 2], [p.x - gap - w, p.y - h / 2], [p.x - w / 2, p.y - gap - h], [p.x - w / 2, p.y + gap]];
      for (var k = 1; k <= 8; k++) {
        [-1, 1].forEach(function (sg) {
          cands.push([p.x + gap, p.y - h / 2 + sg * k * h], [p.x - gap - w, p.y - h / 2 + sg * k * h]);
        });
      }
      var best = cands[0];
      for (var c = 0; c < cands.length; c++) {
        if (free([cands[c][0], cands[c][1], w, h])) { best = cands[c]; break; }
      }
      boxes.push([best[0], best[1], w, h]);
      var out = Object.assign({}, d);
      // An array position is in pixels from the top left of the point's
      // symbol.
      out.label = Object.assign({}, lab, { position: [best[0] - (p.x - p.r), best[1] + h / 2 - (p.y - p.r)],
        align: "left", verticalAlign: "middle" });
      return out;
    });
    var upd = opt.series.map(function () { return {}; });
    upd[si] = { data: data };
    inst.setOption({ series: upd });
  }

  if (typeof echarts === "undefined") {
    specs.forEach(function (s) {
      var el = document.getElementById(s.id);
      if (el) {
        el.className += " failed";
        el.textContent = "The chart library (Apache ECharts) could not be loaded, so this chart cannot be drawn. " +
          "Open the report with a network connection, or ask for a self-contained report.";
      }
    });
    document.body.setAttribute("data-charts", "failed");
  } else {
    if (pending === 0) document.body.setAttribute("data-charts", "drawn");
    specs.forEach(function (spec) {
      var el = document.getElementById(spec.id);
      if (!el) { finished(); return; }
      var inst = echarts.init(el, null, { renderer: "canvas" });
      var first = true;
      inst.on("finished", function () { if (first) { first = false; finished(); } });
      charts[spec.id] = { inst: inst, spec: spec };
      render(spec.id, spec.option);
    });
    var timer = 0;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        Object.keys(charts).forEach(function (k) {
          charts[k].inst.resize();
          if (charts[k].spec.kind === "map") placeMapLabels(charts[k].inst);
        });
      }, 150);
    });
  }

  // Evolution: one option per theme.
  var evo = document.getElementById("evo-theme");
  if (evo && charts["chart-evolution"]) {
    evo.addEventListener("change", function () {
      var spec = charts["chart-evolution"].spec;
      render("chart-evolution", spec.variants[+evo.value]);
    });
  }
  // Two periods: the slope chart, one option per theme.
  var two = document.getElementById("two-theme");
  if (two && charts["chart-slope"]) {
    two.addEventListener("change", function () {
      render("chart-slope", charts["chart-slope"].spec.variants[+two.value]);
    });
  }
  // Network: conflict ties on demand.
  var conflict = document.getElementById("net-conflict");
  if (conflict && charts["chart-network"]) {
    conflict.addEventListener("change", function () {
      var spec = charts["chart-network"].spec;
      render("chart-network", spec.option);
    });
  }
  // Radar: the rows picked in the list.
  var pick = document.getElementById("radar-rows");
  if (pick && charts["chart-radar"]) {
    pick.addEventListener("change", function () {
      var spec = charts["chart-radar"].spec, ex = spec.extra, o = spec.option;
      var sel = Array.prototype.filter.call(pick.options, function (op) { return op.selected; }).slice(0, 12);
      o.series[0].data = sel.map(function (op, k) {
        var i = +op.value, col = ex.palette[k % ex.palette.length];
        return { name: ex.labels[i], value: ex.values[i], itemStyle: { color: col }, lineStyle: { width: 2 }, areaStyle: { opacity: 0.08 } };
      });
      o.legend.data = o.series[0].data.map(function (d) { return d.name; });
      render("chart-radar", o);
    });
  }

  // Finder (summarised reports only, when data.rows is there): any row,
  // by name or id, joins the heatmaps at the top, is marked on the map
  // and the network, picked in the radar, and gets a profile built from
  // the compact rows data. Everything it writes goes in as text.
  var rowsData = data.rows, finder = document.getElementById("find-row");
  if (rowsData && finder) {
    var findStatus = document.getElementById("find-status"), pinned = [], lastFound = "";
    var options = document.createDocumentFragment();
    rowsData.labels.forEach(function (l) {
      var op = document.createElement("option");
      op.value = l;
      options.appendChild(op);
    });
    document.getElementById("find-list").appendChild(options);
    var isShown = {};
    rowsData.shown.forEach(function (i) { isShown[i] = true; });
    var lookup = function (q) {
      q = q.trim().toLowerCase();
      if (!q) return [];
      var exact = [], part = [];
      for (var i = 0; i < rowsData.labels.length; i++) {
        var l = rowsData.labels[i].toLowerCase(), id = String(rowsData.ids[i]).toLowerCase();
        if (l === q || id === q) exact.push(i);
        else if (l.indexOf(q) >= 0 || id.indexOf(q) >= 0) part.push(i);
      }
      return exact.length ? exact : part;
    };
    // pinHeat puts the pinned rows that the heatmap does not draw above
    // its rows; cell(c, y) makes a point of a compact cell.
    var pinHeat = function (id, cells, cell) {
      var c = charts[id];
      if (!c) return;
      var o = c.spec.option;
      if (!c.base) c.base = { ys: o.yAxis[0].data.slice(), data: o.series[0].data.slice() };
      var extra = pinned.filter(function (i) { return !isShown[i]; });
      var pts = [];
      extra.forEach(function (i, y) { cells[i].forEach(function (x) { pts.push(cell(x, y)); }); });
      c.base.data.forEach(function (d) {
        var e = d.slice();
        e[1] += extra.length;
        pts.push(e);
      });
      o.yAxis[0].data = extra.map(function (i) { return "▸ " + rowsData.labels[i]; }).concat(c.base.ys);
      o.series[0].data = pts;
      render(id, o);
    };
    var mark = function (id, label) {
      var c = charts[id];
      if (!c) return false;
      var series = c.inst.getOption().series;
      for (var si = 0; si < series.length; si++) {
        if (c.spec.kind === "map" && series[si].name !== "positions") continue;
        var d = series[si].data || [];
        for (var di = 0; di < d.length; di++) {
          if (d[di] && d[di].name === label) {
            c.inst.dispatchAction({ type: "downplay" });
            c.inst.dispatchAction({ type: "highlight", seriesIndex: si, dataIndex: di });
            c.inst.dispatchAction({ type: "showTip", seriesIndex: si, dataIndex: di });
            return true;
          }
        }
      }
      return false;
    };
    var el = function (tag, text, cls) {
      var e = document.createElement(tag);
      if (text != null) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    };
    var meanClass = function (m) {
      var k = Math.round(Math.max(-2, Math.min(2, m)));
      return ["sm2", "sm1", "s0", "sp1", "sp2"][k + 2];
    };
    var profileOf = function (i) {
      var own = document.getElementById("p-" + i);
      if (own) {
        own.open = true;
        return own;
      }
      var box = document.getElementById("found-profiles");
      if (!box) return null;
      var d = document.getElementById("found-" + i);
      if (!d) {
        d = el("details", null, "profile");
        d.id = "found-" + i;
        var sum = el("summary");
        sum.appendChild(el("b", rowsData.labels[i]));
        sum.appendChild(document.createTextNode(" "));
        sum.appendChild(el("span", plural(rowsData.n[i], "statement", "statements") + " · found with the finder", "meta"));
        d.appendChild(sum);
        var sal = {};
        rowsData.salience[i].forEach(function (x) { sal[x[0]] = x[1]; });
        var tbl = el("table", null, "data small pos"), head = el("tr");
        ["theme", "mean", "n", "interval", "salience"].forEach(function (h) { head.appendChild(el("th", h)); });
        tbl.appendChild(el("thead")).appendChild(head);
        var body = tbl.appendChild(el("tbody"));
        rowsData.stance[i].forEach(function (x) {
          var tr = el("tr");
          tr.appendChild(el("td", rowsData.themes[x[0]]));
          tr.appendChild(el("td", fmt(x[1], true), meanClass(x[1])));
          tr.appendChild(el("td", String(x[2])));
          tr.appendChild(el("td", x[3] != null && x[4] != null ? interval(x[3], x[4]) : "–"));
          tr.appendChild(el("td", sal[x[0]] != null ? Math.round(sal[x[0]] * 100) + "%" : "–"));
          body.appendChild(tr);
        });
        d.appendChild(tbl);
        if (rowsData.filter[i] >= 0) {
          var more = el("p", null, "more"), a = el("a", "its statements in the evidence table", "filter-actor");
          a.href = "#evidence";
          a.setAttribute("data-actor", String(rowsData.filter[i]));
          more.appendChild(a);
          d.appendChild(more);
        }
        box.insertBefore(d, box.firstChild);
      }
      d.open = true;
      return d;
    };
    var say = function (parts) {
      findStatus.textContent = "";
      parts.forEach(function (p) {
        if (typeof p === "string") findStatus.appendChild(document.createTextNode(p));
        else {
          var a = el("a", p[1]);
          a.href = p[0];
          findStatus.appendChild(a);
        }
      });
    };
    var find = function () {
      var q = finder.value;
      if (q === lastFound) return;
      var hits = lookup(q);
      if (hits.length !== 1) {
        lastFound = "";
        if (!q.trim()) say([]);
        else if (hits.length === 0) say(["nothing matches “" + clip(q, 40) + "”"]);
        else say([hits.length + " match: pick one from the list"]);
        return;
      }
      var i = hits[0], label = rowsData.labels[i];
      lastFound = q;
      if (pinned.indexOf(i) < 0) pinned.unshift(i);
      pinHeat("chart-stance", rowsData.stance, function (x, y) { return [x[0], y, x[1], x[2], x[3], x[4], x[5]]; });
      pinHeat("chart-salience", rowsData.salience, function (x, y) { return [x[0], y, x[1], x[2]]; });
      var onMap = mark("chart-map", label), onNet = mark("chart-network", label);
      var radarPick = document.getElementById("radar-rows");
      if (radarPick && charts["chart-radar"]) {
        var listedOpt = Array.prototype.filter.call(radarPick.options, function (op) { return +op.value === i; })[0];
        if (!listedOpt) {
          // Not listed: its means come from the rows data.
          var ex = charts["chart-radar"].spec.extra, vals = rowsData.themes.map(function () { return null; });
          rowsData.stance[i].forEach(function (x) { vals[x[0]] = x[1]; });
          ex.labels[i] = label;
          ex.values[i] = vals;
          listedOpt = el("option", label);
          listedOpt.value = String(i);
          radarPick.insertBefore(listedOpt, radarPick.firstChild);
        }
        listedOpt.selected = true;
        radarPick.dispatchEvent(new Event("change"));
      }
      var prof = profileOf(i);
      var parts = [label + ": ", ["#stances", isShown[i] ? "in the heatmaps" : "added to the heatmaps"]];
      if (onMap) parts.push(", ", ["#map", "marked on the map"]);
      if (onNet) parts.push(", ", ["#network", "in the network"]);
      if (prof) parts.push(", ", ["#" + prof.id, "profile"]);
      say(parts);
    };
    finder.addEventListener("change", find);
    finder.addEventListener("keydown", function (e) { if (e.key === "Enter") find(); });
    document.getElementById("find-go").addEventListener("click", find);
  }

  // Printing: charts redrawn at the page's width, profiles opened, and
  // every statement the evidence filters match shown; all put back
  // afterwards.
  var printing = false, opened = [];
  function beforePrint() {
    if (printing) return;
    printing = true;
    Object.keys(charts).forEach(function (k) {
      // A chart taller than a page would be cut: the container and the
      // chart shrink to the page's width and at most 860 pixels high.
      var c = charts[k], el = c.inst.getDom(), h = Math.min(el.clientHeight, 860);
      c.height = el.style.height;
      el.style.height = h + "px";
      c.inst.resize({ width: Math.min(el.clientWidth, 700), height: h });
    });
    opened = Array.prototype.filter.call(document.querySelectorAll("details.profile"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
    if (window.stancemapPrintEvidence) window.stancemapPrintEvidence(true);
  }
  function afterPrint() {
    if (!printing) return;
    printing = false;
    Object.keys(charts).forEach(function (k) {
      var c = charts[k];
      c.inst.getDom().style.height = c.height;
      c.inst.resize({ width: "auto", height: "auto" });
    });
    opened.forEach(function (d) { d.open = false; });
    opened = [];
    if (window.stancemapPrintEvidence) window.stancemapPrintEvidence(false);
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    var onChange = function (e) { if (e.matches) beforePrint(); else afterPrint(); };
    if (mq.addEventListener) mq.addEventListener("change", onChange); else if (mq.addListener) mq.addListener(onChange);
  }

  // Evidence: filters, pages, and links that jump to a statement.
  var table = document.getElementById("ev-table");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var pager = document.querySelector(".pager");
  var size = +(pager && pager.getAttribute("data-page-size")) || 100;
  var fA = document.getElementById("f-actor"), fT = document.getElementById("f-theme"),
    fS = document.getElementById("f-stance"), fQ = document.getElementById("f-text"),
    fO = document.getElementById("f-origin");
  var count = document.getElementById("ev-count"), pageLabel = document.getElementById("ev-page"),
    prev = document.getElementById("ev-prev"), next = document.getElementById("ev-next");
  var texts = null, matched = rows, page = 0, visible = [];

  function filter() {
    var a = fA.value, t = fT.value, s = fS.value, o = fO ? fO.value : "", q = fQ.value.trim().toLowerCase();
    if (q && !texts) texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    matched = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if ((a === "" || r.getAttribute("data-a") === a) && (t === "" || r.getAttribute("data-t") === t) &&
        (s === "" || r.getAttribute("data-s") === s) && (o === "" || r.getAttribute("data-o") === o) &&
        (!q || texts[i].indexOf(q) >= 0)) matched.push(r);
    }
    page = 0;
    show();
  }
  function show() {
    var pages = Math.max(1, Math.ceil(matched.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    if (visible === rows || visible.length === 0) rows.forEach(function (r) { r.hidden = true; });
    else visible.forEach(function (r) { r.hidden = true; });
    visible = matched.slice(page * size, (page + 1) * size);
    visible.forEach(function (r) { r.hidden = false; });
    count.textContent = matched.length === rows.length ? plural(rows.length, "statement", "statements")
      : matched.length + " of " + plural(rows.length, "statement match", "statements match");
    pageLabel.textContent = "page " + (page + 1) + " of " + pages;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    pager.hidden = pages === 1;
    table.setAttribute("data-matched", String(matched.length));
    table.classList.add("paged");
  }
  [fA, fT, fS, fO].forEach(function (el) { if (el) el.addEventListener("change", filter); });
  fQ.addEventListener("input", filter);
  function clearFilters() {
    fA.value = fT.value = fS.value = fQ.value = "";
    if (fO) fO.value = "";
  }
  document.getElementById("f-reset").addEventListener("click", function () {
    clearFilters();
    filter();
  });
  window.stancemapPrintEvidence = function (on) {
    if (on) {
      matched.forEach(function (r) { r.hidden = false; });
      visible = matched;
    } else {
      show();
    }
  };
  prev.addEventListener("click", function () { page--; show(); });
  next.addEventListener("click", function () { page++; show(); });

  function reveal(id) {
    var tr = document.getElementById(id);
    if (!tr || tr.parentNode !== table.tBodies[0]) return false;
    if (matched.indexOf(tr) < 0) {
      clearFilters();
      filter();
    }
    page = Math.floor(matched.indexOf(tr) / size);
    show();
    rows.forEach(function (r) { r.classList.remove("hl"); });
    tr.classList.add("hl");
    tr.scrollIntoView({ block: "center" });
    return true;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a") : null;
    if (!a) return;
    var href = a.getAttribute("href") || "";
    if (href.indexOf("#ev-") === 0 && reveal(href.slice(1))) {
      e.preventDefault();
      history.replaceState(null, "", href);
    } else if (a.classList.contains("filter-actor")) {
      fA.value = a.getAttribute("data-actor");
      fT.value = fS.value = fQ.value = "";
      filter();
    }
  });
  window.addEventListener("hashchange", function () { reveal(location.hash.slice(1)); });
  show();
  if (location.hash.indexOf("#ev-") === 0) reveal(location.hash.slice(1));
})();
