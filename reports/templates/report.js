(function () {
  "use strict";
  // Record values are only ever set with textContent: nothing from a record is parsed as HTML.
  var SEV = ["error", "warning", "info"];
  var PAGE = 50;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  // Findings across records come after the record they belong to was reported: one card each.
  (function mergeRecords() {
    var byKey = {}, merged = [];
    data.records.forEach(function (r) {
      var key = r[0] + "\u0000" + r[1];
      var first = byKey[key];
      if (first === undefined) { byKey[key] = r; merged.push(r); return; }
      first[3] = first[3].concat(r[3]);
      Object.keys(r[4]).forEach(function (n) { first[4][n] = r[4][n]; });
      if (!first[2]) first[2] = r[2];
      if (!first[5]) first[5] = r[5];
    });
    data.records = merged;
  })();
  var form = document.getElementById("filters");
  var list = document.getElementById("record-list");
  var status = document.getElementById("status");
  var pageLabel = document.getElementById("page-label");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var state = { sev: ["error", "warning", "info"], check: "", record: "", q: "", sort: "input", page: 1 };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.sev = params.has("sev") ? params.get("sev").split(",").filter(function (s) { return SEV.indexOf(s) >= 0; })
                                  : ["error", "warning", "info"];
    state.check = params.get("check") || "";
    state.record = params.get("record") || "";
    state.q = params.get("q") || "";
    state.sort = params.get("sort") || "input";
    state.page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    form.querySelectorAll("input[name=sev]").forEach(function (box) { box.checked = state.sev.indexOf(box.value) >= 0; });
    form.elements.check.value = state.check;
    form.elements.record.value = state.record;
    form.elements.q.value = state.q;
    form.elements.sort.value = state.sort;
  }

  function writeHash() {
    var params = new URLSearchParams();
    if (state.sev.length !== 3) params.set("sev", state.sev.join(","));
    if (state.check) params.set("check", state.check);
    if (state.record) params.set("record", state.record);
    if (state.q) params.set("q", state.q);
    if (state.sort !== "input") params.set("sort", state.sort);
    if (state.page > 1) params.set("page", String(state.page));
    var hash = params.toString();
    var url = location.pathname + location.search + (hash ? "#" + hash : "");
    history.replaceState(null, "", url);
  }

  function fromForm() {
    state.sev = Array.prototype.filter.call(form.querySelectorAll("input[name=sev]"), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    state.check = form.elements.check.value;
    state.record = form.elements.record.value.trim();
    state.q = form.elements.q.value.trim();
    state.sort = form.elements.sort.value;
  }

  function matches() {
    var q = state.q.toLowerCase();
    var rec = state.record.toLowerCase();
    var out = [];
    data.records.forEach(function (r, index) {
      if (rec && (r[1] + " " + r[0]).toLowerCase().indexOf(rec) < 0) return;
      var found = r[3].filter(function (f) {
        if (state.sev.indexOf(SEV[f[0]]) < 0) return false;
        if (state.check && f[1] !== state.check) return false;
        if (q && (f[5] + " " + f[4] + " " + f[1] + " " + r[2] + " " + r[1]).toLowerCase().indexOf(q) < 0) return false;
        return true;
      });
      if (found.length) out.push({ r: r, f: found, i: index });
    });
    if (state.sort === "worst") out.sort(function (a, b) { return a.f[0][0] - b.f[0][0] || b.f.length - a.f.length || a.i - b.i; });
    else if (state.sort === "most") out.sort(function (a, b) { return b.f.length - a.f.length || a.i - b.i; });
    else if (state.sort === "id") out.sort(function (a, b) { return a.r[1] < b.r[1] ? -1 : a.r[1] > b.r[1] ? 1 : a.i - b.i; });
    return out;
  }

  function sourceLine(r, f) {
    var text = r[4][String(f[2])];
    if (text === undefined) return null;
    var box = el("div", "src");
    box.appendChild(el("span", "ln", f[2] + " | "));
    var col = Math.max(0, (f[3] || 1) - 1);
    var rest = text.slice(col);
    // A finding at the start of a value marks the value; one inside a text marks a word.
    var stop = /^\s*$/.test(text.slice(0, col)) ? rest.search(/\*\*|$/) : rest.search(/\s|\*\*|$/);
    var end = col + Math.max(stop, 1);
    if (end - col > 80) end = col + 80;
    box.appendChild(document.createTextNode(text.slice(0, col)));
    box.appendChild(el("mark", null, text.slice(col, end)));
    box.appendChild(document.createTextNode(text.slice(end)));
    return box;
  }

  function drawRecord(m) {
    var r = m.r;
    var card = el("article", "record");
    card.setAttribute("data-record", r[1]);
    var h = el("h3", null, r[1]);
    card.appendChild(h);
    if (r[2]) card.appendChild(el("p", null, r[2]));
    card.appendChild(el("p", "file", r[0] + (r[5] ? "  (" + r[5] + ")" : "")));
    m.f.forEach(function (f) {
      var row = el("div", "finding");
      row.setAttribute("data-code", f[1]);
      row.setAttribute("data-severity", SEV[f[0]]);
      var head = el("p");
      head.appendChild(el("span", "sev " + SEV[f[0]], SEV[f[0]]));
      head.appendChild(document.createTextNode(" "));
      var link = el("a", null, f[1]);
      link.href = "#rule-" + encodeURIComponent(f[1]);
      head.appendChild(link);
      head.appendChild(document.createTextNode(" " + f[5]));
      row.appendChild(head);
      row.appendChild(el("p", "where", (f[4] || "(record)") + (f[2] ? "  line " + f[2] + (f[3] ? ", column " + f[3] : "") : "")));
      var src = sourceLine(r, f);
      if (src) row.appendChild(src);
      if (f[6]) {
        var fix = el("p", "fix", "Suggested fix: ");
        fix.appendChild(el("code", null, f[6]));
        row.appendChild(fix);
      }
      card.appendChild(row);
    });
    return card;
  }

  function render() {
    var found = matches();
    var pages = Math.max(1, Math.ceil(found.length / PAGE));
    if (state.page > pages) state.page = pages;
    var shown = found.slice((state.page - 1) * PAGE, state.page * PAGE);
    var count = found.reduce(function (n, m) { return n + m.f.length; }, 0);
    list.textContent = "";
    var fragment = document.createDocumentFragment();
    shown.forEach(function (m) { fragment.appendChild(drawRecord(m)); });
    list.appendChild(fragment);
    status.textContent = found.length + " of " + data.records.length + " records, " + count + " findings match.";
    status.setAttribute("data-records", String(found.length));
    status.setAttribute("data-findings", String(count));
    pageLabel.textContent = "Page " + state.page + " of " + pages;
    prev.disabled = state.page <= 1;
    next.disabled = state.page >= pages;
  }

  function update() { fromForm(); state.page = 1; writeHash(); render(); }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  prev.addEventListener("click", function () { state.page -= 1; writeHash(); render(); list.scrollIntoView(); });
  next.addEventListener("click", function () { state.page += 1; writeHash(); render(); list.scrollIntoView(); });
  window.addEventListener("hashchange", function () { readHash(); render(); });

  // Sortable tables: a button in each column heading, usable from the keyboard.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th button").forEach(function (button, column) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = button.getAttribute("data-sort") === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          if (!x || !y) return 0;
          var u = numeric ? parseFloat(x.getAttribute("data-value") || x.textContent) : x.textContent;
          var v = numeric ? parseFloat(y.getAttribute("data-value") || y.textContent) : y.textContent;
          var order = numeric ? u - v : u.localeCompare(v);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  readHash();
  render();
}());
