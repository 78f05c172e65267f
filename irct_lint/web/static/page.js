(function () {
  "use strict";
  // Everything from the record or the findings is set with textContent: never parsed as HTML.
  var T = JSON.parse(document.getElementById("strings").textContent);
  var titles = JSON.parse(document.getElementById("titles").textContent);
  var lang = document.documentElement.lang;
  var form = document.getElementById("check-form");
  var area = document.getElementById("record");
  var fileInput = document.getElementById("file");
  var results = document.getElementById("results");
  var summary = document.getElementById("summary");
  var list = document.getElementById("findings");
  var linesBox = document.getElementById("lines");
  var SEV = { error: 0, warning: 1, info: 2 };

  function t(text, values) {
    var out = T[text] || text;
    Object.keys(values || {}).forEach(function (k) { out = out.split("{" + k + "}").join(String(values[k])); });
    return out;
  }
  function el(tag, cls, text, auto) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (auto) node.setAttribute("dir", "auto");
    return node;
  }

  function showLines(text, findings) {
    linesBox.textContent = "";
    var byLine = {};
    findings.forEach(function (f, i) { if (f.line) (byLine[f.line] = byLine[f.line] || []).push(i); });
    text.split(/\r\n|\r|\n/).forEach(function (line, index) {
      var n = index + 1;
      var item = el("li", byLine[n] ? "hit" : null);
      item.id = "L" + n;
      item.setAttribute("value", String(n));
      var hits = byLine[n] || [];
      if (hits.length) {
        var f = findings[hits[0]];
        var col = Math.max(0, (f.column || 1) - 1);
        item.appendChild(el("span", null, line.slice(0, col), true));
        item.appendChild(el("mark", null, line.slice(col) || " ", true));
        hits.forEach(function (i) {
          var back = el("a", "back", "↑ " + findings[i].code);
          back.href = "#F" + i;
          back.setAttribute("aria-label", t("Back to the finding") + " " + findings[i].code);
          item.appendChild(back);
        });
      } else {
        item.appendChild(el("span", null, line || " ", true));
      }
      linesBox.appendChild(item);
    });
  }

  function show(doc, text) {
    var findings = doc.findings.slice().sort(function (a, b) {
      return SEV[a.severity] - SEV[b.severity] || (a.line || 0) - (b.line || 0);
    });
    var s = doc.summary.by_severity;
    var clean = !s.error && !s.warning;
    function count(n, one, many) { return t(n === 1 ? one : many, { n: n }); }
    var both = t("{errors} and {warnings} to fix before you submit.", {
      errors: count(s.error, "{n} error", "{n} errors"), warnings: count(s.warning, "{n} warning", "{n} warnings") });
    summary.textContent = clean ? t("No problems found: your record is ready to submit.") : both;
    if (s.info) summary.textContent += " " + count(s.info, "{n} piece of advice.", "{n} pieces of advice.");
    summary.className = clean ? "clean" : "problems";
    list.textContent = "";
    findings.forEach(function (f, i) {
      var item = el("li", "finding " + f.severity);
      item.id = "F" + i;
      item.setAttribute("data-code", f.code);
      var head = el("p");
      head.appendChild(el("span", "sev " + f.severity, t(f.severity)));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "message", f.message, true));
      item.appendChild(head);
      var where = el("p", "where");
      if (f.line) {
        var link = el("a", null, t("line") + " " + f.line + (f.column ? ", " + t("column") + " " + f.column : ""));
        link.href = "#L" + f.line;
        where.appendChild(link);
        where.appendChild(document.createTextNode(" · "));
      }
      var doc = el("a", null, f.code + " " + (titles[f.code] || f.name) + " — " + t("What this check is"));
      doc.href = "/checks/" + encodeURIComponent(f.code) + "?lang=" + encodeURIComponent(lang);
      where.appendChild(doc);
      item.appendChild(where);
      if (f.fix) {
        var fix = el("p", "fix", t("Suggested fix:") + " ");
        fix.appendChild(el("code", null, f.fix, true));
        item.appendChild(fix);
      }
      list.appendChild(item);
    });
    showLines(text, findings);
    results.hidden = false;
    summary.focus();
  }

  function fail(message) {
    list.textContent = "";
    linesBox.textContent = "";
    summary.textContent = t("The record could not be checked:") + " " + message;
    summary.className = "problems";
    results.hidden = false;
    summary.focus();
  }

  function submit(body, type, text) {
    summary.textContent = t("Checking…");
    results.hidden = false;
    var headers = type ? { "Content-Type": type } : {};
    fetch("/api/v1/check?format=json&lang=" + encodeURIComponent(lang), { method: "POST", body: body, headers: headers })
      .then(function (response) {
        return response.json().then(function (doc) { return { ok: response.ok, doc: doc }; });
      })
      .then(function (r) { if (r.ok) show(r.doc, text); else fail(r.doc.error || ""); })
      .catch(function (e) { fail(String(e)); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = fileInput.files && fileInput.files[0];
    if (file) {
      var reader = new FileReader();
      reader.onload = function () {
        var data = new FormData();
        data.append("file", file, file.name);
        submit(data, null, String(reader.result));
      };
      reader.readAsText(file);
      return;
    }
    if (!area.value.trim()) { fail(t("Nothing to check: paste your record or choose a file.")); return; }
    submit(area.value, "text/plain; charset=utf-8", area.value);
  });
}());
