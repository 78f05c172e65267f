(function () {
  "use strict";
  // Record values are only ever set with textContent: nothing from a record is parsed as HTML.
  var SEV = ["error", "warning", "info"];
  var DEFAULT_SEV = ["error", "warning"]; // advice (info) is shown on demand
  var PAGE = 50;
  var MARKS = { fix: "to fix", accepted: "accepted", "false-alarm": "false alarm" };
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var form = document.getElementById("filters");
  var list = document.getElementById("record-list");
  var status = document.getElementById("status");
  var pageLabel = document.getElementById("page-label");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var showInfo = document.getElementById("show-info");
  var state = { sev: DEFAULT_SEV.slice(), check: "", record: "", q: "", mark: "", sort: "worst", view: "records", page: 1 };
  var renders = 0;
  var printing = false;

  // Findings across records come after the record they belong to was reported: one card each.
  (function mergeRecords() {
    var byKey = {}, merged = [];
    data.records.forEach(function (r) {
      var key = r[0] + "\u0000" + r[1];
      var first = byKey[key];
      if (first === undefined) { byKey[key] = r; merged.push(r); return; }
      first[3] = first[3].concat(r[3]);
      Object.keys(r[4]).forEach(function (n) { first[4][n] = r[4][n]; });
      [2, 5, 6, 7].forEach(function (i) { if (!first[i]) first[i] = r[i]; });
    });
    data.records = merged;
    data.records.forEach(function (r, index) {
      var t = [0, 0, 0];
      r[3].forEach(function (f) { t[f[0]] += 1; });
      r.tally = t;
      r.index = index;
    });
  })();

  // Control characters and bidirectional overrides and isolates are shown as visible escapes:
  // raw, they can make an ID display as other characters.
  var INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
  function visible(text) {
    return String(text).replace(INVISIBLE, function (c) {
      var hex = c.charCodeAt(0).toString(16);
      return c.charCodeAt(0) < 0x100 ? "\\x" + ("0" + hex).slice(-2) : "\\u" + ("000" + hex).slice(-4);
    });
  }

  function el(tag, cls, text, auto) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = visible(text);
    if (auto) node.setAttribute("dir", "auto"); // Persian and English values each read their own way
    return node;
  }

  // --- triage marks, kept in this browser for this report -------------------------------------
  var storeKey = "irct-lint:" + data.report + ":";
  var memory = {};
  function getMark(f) {
    var raw = null;
    try { raw = window.localStorage.getItem(storeKey + f[7]); } catch (e) { raw = memory[f[7]] || null; }
    if (raw === null && memory[f[7]]) raw = memory[f[7]];
    if (!raw) return { mark: "", note: "" };
    try { return JSON.parse(raw); } catch (e) { return { mark: "", note: "" }; }
  }
  function setMark(f, mark, note) {
    var raw = JSON.stringify({ mark: mark, note: note });
    memory[f[7]] = raw;
    try {
      if (mark || note) window.localStorage.setItem(storeKey + f[7], raw);
      else window.localStorage.removeItem(storeKey + f[7]);
    } catch (e) { /* storage refused (private mode): the marks last as long as the page */ }
  }

  // --- the filters, kept in the URL --------------------------------------------------------
  function readHash() {
    var hash = location.hash.replace(/^#/, "");
    if (/^rule-/.test(hash)) return; // a check's documentation: the filters stay as they are
    var params = new URLSearchParams(hash);
    state.sev = params.has("sev") ? params.get("sev").split(",").filter(function (s) { return SEV.indexOf(s) >= 0; })
                                  : DEFAULT_SEV.slice();
    state.check = params.get("check") || "";
    state.record = params.get("record") || "";
    state.q = params.get("q") || "";
    state.mark = params.get("mark") || "";
    state.sort = params.get("sort") || "worst";
    state.view = params.get("view") || "records";
    state.page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    form.querySelectorAll("input[name=sev]").forEach(function (box) { box.checked = state.sev.indexOf(box.value) >= 0; });
    form.elements.check.value = state.check;
    form.elements.record.value = state.record;
    form.elements.q.value = state.q;
    form.elements.mark.value = state.mark;
    form.elements.sort.value = state.sort;
    form.elements.view.value = state.view;
    syncInfo();
  }

  function writeHash() {
    var params = new URLSearchParams();
    if (state.sev.join(",") !== DEFAULT_SEV.join(",")) params.set("sev", state.sev.join(","));
    if (state.check) params.set("check", state.check);
    if (state.record) params.set("record", state.record);
    if (state.q) params.set("q", state.q);
    if (state.mark) params.set("mark", state.mark);
    if (state.sort !== "worst") params.set("sort", state.sort);
    if (state.view !== "records") params.set("view", state.view);
    if (state.page > 1) params.set("page", String(state.page));
    var hash = params.toString();
    history.replaceState(null, "", location.pathname + location.search + (hash ? "#" + hash : ""));
  }

  function fromForm() {
    state.sev = Array.prototype.filter.call(form.querySelectorAll("input[name=sev]"), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    state.check = form.elements.check.value;
    state.record = form.elements.record.value.trim();
    state.q = form.elements.q.value.trim();
    state.mark = form.elements.mark.value;
    state.sort = form.elements.sort.value;
    state.view = form.elements.view.value;
    syncInfo();
  }

  // The advice toggle and the "info" severity box are one switch.
  function syncInfo() {
    var on = state.sev.indexOf("info") >= 0;
    showInfo.checked = on;
    document.body.classList.toggle("show-info", on);
  }

  function matches() {
    var q = state.q.toLowerCase();
    var rec = state.record.toLowerCase();
    var out = [];
    data.records.forEach(function (r) {
      if (rec && (r[1] + " " + r[0]).toLowerCase().indexOf(rec) < 0) return;
      var found = r[3].filter(function (f) {
        if (state.sev.indexOf(SEV[f[0]]) < 0) return false;
        if (state.check && f[1] !== state.check) return false;
        if (q && (f[5] + " " + f[4] + " " + f[1] + " " + r[2] + " " + r[1]).toLowerCase().indexOf(q) < 0) return false;
        if (state.mark) {
          var mark = getMark(f).mark;
          if (state.mark === "none" ? mark : mark !== state.mark) return false;
        }
        return true;
      });
      if (found.length) out.push({ r: r, f: found });
    });
    // Worst first: most errors, then most warnings; a record with advice only comes last.
    if (state.sort === "worst") {
      out.sort(function (a, b) {
        return b.r.tally[0] - a.r.tally[0] || b.r.tally[1] - a.r.tally[1] || a.r.index - b.r.index;
      });
    } else if (state.sort === "most") out.sort(function (a, b) { return b.f.length - a.f.length || a.r.index - b.r.index; });
    else if (state.sort === "id") out.sort(function (a, b) { return a.r[1] < b.r[1] ? -1 : a.r[1] > b.r[1] ? 1 : a.r.index - b.r.index; });
    return out;
  }

  function sourceLine(r, f) {
    var kept = r[4][String(f[2])];
    if (kept === undefined) return null;
    var offset = kept[0], text = kept[1];
    var box = el("div", "src", null, true);
    box.appendChild(el("span", "ln", f[2] + " | "));
    if (offset > 0) box.appendChild(document.createTextNode("…"));
    var col = Math.min(text.length, Math.max(0, (f[3] || 1) - 1 - offset));
    var rest = text.slice(col);
    // A finding at the start of a value marks the value; one inside a text marks a word.
    var stop = /^\s*$/.test(text.slice(0, col)) ? rest.search(/\*\*|$/) : rest.search(/\s|\*\*|$/);
    var end = col + Math.max(stop, 1);
    if (end - col > 80) end = col + 80;
    box.appendChild(document.createTextNode(visible(text.slice(0, col))));
    box.appendChild(el("mark", null, text.slice(col, end)));
    box.appendChild(document.createTextNode(visible(text.slice(end))));
    return box;
  }

  function tallyText(t) {
    var parts = [];
    parts.push(t[0] + (t[0] === 1 ? " error" : " errors"));
    parts.push(t[1] + (t[1] === 1 ? " warning" : " warnings"));
    parts.push(t[2] + " info");
    return parts.join(" · ");
  }

  // A finding's mark: its label, and the controls to change it once asked for (drawing a
  // select and a text box for every finding of a page costs more than the rest of it).
  function triage(f) {
    var box = el("div", "triage");
    var saved = getMark(f);
    var shown = el("button", "mark-button", saved.mark ? MARKS[saved.mark] + (saved.note ? ": " + saved.note : "") : "Mark…", true);
    shown.type = "button";
    shown.setAttribute("aria-label", "Mark this finding");
    if (saved.mark) shown.setAttribute("data-mark", saved.mark);
    shown.addEventListener("click", function () {
      box.textContent = "";
      var label = el("label", null, "Mark ");
      var select = el("select");
      select.setAttribute("name", "triage");
      [["", "not marked"], ["fix", MARKS.fix], ["accepted", MARKS.accepted], ["false-alarm", MARKS["false-alarm"]]]
        .forEach(function (o) { var opt = el("option", null, o[1]); opt.value = o[0]; select.appendChild(opt); });
      select.value = saved.mark || "";
      label.appendChild(select);
      var noteLabel = el("label", null, " Note ");
      var note = el("input");
      note.type = "text";
      note.setAttribute("name", "note");
      note.setAttribute("dir", "auto");
      note.value = saved.note || "";
      noteLabel.appendChild(note);
      function save() { saved = { mark: select.value, note: note.value.trim() }; setMark(f, saved.mark, saved.note); }
      select.addEventListener("change", save);
      note.addEventListener("change", save);
      box.appendChild(label);
      box.appendChild(noteLabel);
      select.focus();
    });
    box.appendChild(shown);
    return box;
  }

  function drawRecord(m) {
    var r = m.r;
    var card = el("article", "record");
    card.setAttribute("data-record", r[1]);
    card.appendChild(el("h3", null, r[1], true));
    var tally = el("p", "tally", tallyText(r.tally));
    tally.setAttribute("data-tally", r.tally.join(","));
    card.appendChild(tally);
    if (r[2]) card.appendChild(el("p", "title", r[2], true));
    card.appendChild(el("p", "file", r[0] + (r[5] ? "  (" + r[5] + ")" : "")));
    m.f.forEach(function (f) {
      var row = el("div", "finding");
      row.setAttribute("data-code", f[1]);
      row.setAttribute("data-severity", SEV[f[0]]);
      var head = el("p");
      head.appendChild(el("span", "sev " + SEV[f[0]], SEV[f[0]]));
      head.appendChild(document.createTextNode(" "));
      var link = el("a", "rule-link", f[1]);
      link.href = "#rule-" + encodeURIComponent(f[1]);
      head.appendChild(link);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "message", f[5], true));
      row.appendChild(head);
      row.appendChild(el("p", "where", (f[4] || "(record)") + (f[2] ? "  line " + f[2] + (f[3] ? ", column " + f[3] : "") : "")));
      var src = sourceLine(r, f);
      if (src) row.appendChild(src);
      if (f[6]) {
        var fix = el("p", "fix", "Suggested fix: ");
        fix.appendChild(el("code", null, f[6], true));
        row.appendChild(fix);
      }
      if (!printing) row.appendChild(triage(f));
      card.appendChild(row);
    });
    return card;
  }

  // The grouped view: each check with the records it fires on.
  function drawChecks(found) {
    var byCode = {}, order = [];
    found.forEach(function (m) {
      m.f.forEach(function (f) {
        if (!byCode[f[1]]) { byCode[f[1]] = { sev: f[0], records: [], findings: 0 }; order.push(f[1]); }
        var group = byCode[f[1]];
        group.findings += 1;
        group.sev = Math.min(group.sev, f[0]);
        if (group.records[group.records.length - 1] !== m.r) group.records.push(m.r);
      });
    });
    order.sort(function (a, b) { return byCode[a].sev - byCode[b].sev || byCode[b].records.length - byCode[a].records.length || (a < b ? -1 : 1); });
    var fragment = document.createDocumentFragment();
    order.forEach(function (code) {
      var group = byCode[code];
      var card = el("article", "check-group");
      card.setAttribute("data-code", code);
      var h = el("h3");
      h.appendChild(el("span", "sev " + SEV[group.sev], SEV[group.sev]));
      h.appendChild(document.createTextNode(" "));
      var link = el("a", "rule-link", code);
      link.href = "#rule-" + encodeURIComponent(code);
      h.appendChild(link);
      h.appendChild(document.createTextNode(" " + group.findings + " findings in " + group.records.length + " records"));
      card.appendChild(h);
      var ul = el("ul", "check-records");
      group.records.forEach(function (r) {
        var li = el("li");
        var button = el("button", "show-record", r[1], true);
        button.type = "button";
        button.addEventListener("click", function () {
          state.record = r[1]; state.check = code; state.view = "records"; state.page = 1;
          form.elements.record.value = r[1]; form.elements.check.value = code; form.elements.view.value = "records";
          writeHash(); render();
        });
        li.appendChild(button);
        if (r[2]) li.appendChild(el("span", "title", " " + r[2].slice(0, 120), true));
        ul.appendChild(li);
      });
      card.appendChild(ul);
      fragment.appendChild(card);
    });
    return fragment;
  }

  function render() {
    renders += 1;
    var found = matches();
    var count = found.reduce(function (n, m) { return n + m.f.length; }, 0);
    list.textContent = "";
    var pages = Math.max(1, Math.ceil(found.length / PAGE));
    if (state.page > pages) state.page = pages;
    if (state.view === "checks") {
      list.appendChild(drawChecks(found));
      pages = 1;
    } else {
      // Printing prints every matching record, not the page on the screen.
      var shown = printing ? found : found.slice((state.page - 1) * PAGE, state.page * PAGE);
      var fragment = document.createDocumentFragment();
      shown.forEach(function (m) { fragment.appendChild(drawRecord(m)); });
      list.appendChild(fragment);
    }
    var failing = found.filter(function (m) { return m.r.tally[0] + m.r.tally[1] > 0; }).length;
    status.textContent = found.length + " of " + data.records.length + " records, " + count + " findings match" +
      (state.sev.indexOf("info") < 0 ? " (advice hidden)" : "") + "; " + failing + " of them failing.";
    status.setAttribute("data-records", String(found.length));
    status.setAttribute("data-findings", String(count));
    status.setAttribute("data-renders", String(renders));
    pageLabel.textContent = "Page " + state.page + " of " + pages;
    prev.disabled = state.page <= 1 || state.view === "checks";
    next.disabled = state.page >= pages || state.view === "checks";
  }

  function update() { fromForm(); state.page = 1; writeHash(); render(); }

  // Typing in a text box redraws once the typing pauses, not at every key.
  var typing = null;
  form.addEventListener("input", function (e) {
    if (e.target && e.target.type === "search") {
      clearTimeout(typing);
      typing = setTimeout(update, 250);
    } else update();
  });
  form.addEventListener("change", function (e) { if (!(e.target && e.target.type === "search")) update(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(typing); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  showInfo.addEventListener("change", function () {
    form.querySelector("input[name=sev][value=info]").checked = showInfo.checked;
    update();
  });
  prev.addEventListener("click", function () { state.page -= 1; writeHash(); render(); list.scrollIntoView(); });
  next.addEventListener("click", function () { state.page += 1; writeHash(); render(); list.scrollIntoView(); });
  window.addEventListener("hashchange", function () { readHash(); render(); });
  // A link to a check's documentation scrolls to it and keeps the filters.
  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest ? e.target.closest("a.rule-link, a[href^='#rule-']") : null;
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    e.preventDefault();
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  });
  window.addEventListener("beforeprint", function () { printing = true; render(); });
  window.addEventListener("afterprint", function () { printing = false; render(); });

  // --- exports --------------------------------------------------------------------------------
  function csvCell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // never run as a formula by a spreadsheet
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function csv(rows) { return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n"; }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 0);
  }
  function eachFinding(found, fn) { found.forEach(function (m) { m.f.forEach(function (f) { fn(m.r, f); }); }); }

  document.getElementById("export-findings").addEventListener("click", function () {
    var rows = [["file", "record", "code", "severity", "field", "line", "column", "message", "fix", "mark", "note"]];
    eachFinding(matches(), function (r, f) {
      var mark = getMark(f);
      rows.push([r[0], r[1], f[1], SEV[f[0]], f[4], f[2] || "", f[3] || "", f[5], f[6], MARKS[mark.mark] || "", mark.note]);
    });
    download("irct-lint-findings.csv", "text/csv", csv(rows));
  });
  document.getElementById("export-marks").addEventListener("click", function () {
    var rows = [["file", "record", "code", "field", "line", "message", "mark", "note"]];
    data.records.forEach(function (r) {
      r[3].forEach(function (f) {
        var mark = getMark(f);
        if (mark.mark || mark.note) rows.push([r[0], r[1], f[1], f[4], f[2] || "", f[5], MARKS[mark.mark] || "", mark.note]);
      });
    });
    download("irct-lint-marks.csv", "text/csv", csv(rows));
  });
  function tomlString(text) {
    return '"' + String(text).replace(/[\\"]/g, function (c) { return "\\" + c; })
      .replace(/[\u0000-\u001f\u007f]/g, function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); }) + '"';
  }
  document.getElementById("export-waivers").addEventListener("click", function () {
    var expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    var out = ["# Waivers for irct-lint: paste into pyproject.toml or .irct-lint.toml.",
               "# Each expires in a year; review it then.", ""];
    var seen = {};
    data.records.forEach(function (r) {
      r[3].forEach(function (f) {
        var mark = getMark(f);
        if (mark.mark !== "accepted" && mark.mark !== "false-alarm") return;
        var key = r[1] + "\u0000" + f[1];
        if (seen[key]) return; // a waiver covers a check on a record
        seen[key] = true;
        out.push("[[tool.irct-lint.waivers]]", "record = " + tomlString(r[1]), "code = " + tomlString(f[1]),
                 "reason = " + tomlString(MARKS[mark.mark] + (mark.note ? ": " + mark.note : "")),
                 "expires = " + expires, "");
      });
    });
    download("irct-lint-waivers.toml", "application/toml", out.join("\n"));
  });

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
