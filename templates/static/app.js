// chainjudge progressive enhancement. Every page works without this file;
// it adds confirmations, character counters and draft autosave. No inline
// scripts anywhere (the Content-Security-Policy forbids them).
(function () {
  "use strict";

  // Confirm irreversible actions: <form data-confirm="确定提交？">.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var msg = form.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) {
      ev.preventDefault();
    }
  }, true);

  // Character counters: <textarea data-maxlen="2000" data-counter="id-of-output">.
  function countRunes(s) { return Array.from(s).length; }
  function updateCounter(el) {
    var out = document.getElementById(el.getAttribute("data-counter"));
    if (!out) { return; }
    var max = parseInt(el.getAttribute("data-maxlen") || "0", 10);
    var min = parseInt(el.getAttribute("data-minlen") || "0", 10);
    var n = countRunes(el.value);
    out.textContent = "已输入 " + n + " 字" + (max ? " / 上限 " + max + " 字" : "") + (min ? "（至少 " + min + " 字）" : "");
    out.classList.toggle("error", (max && n > max) || (min && n > 0 && n < min));
  }
  document.addEventListener("input", function (ev) {
    if (ev.target.hasAttribute && ev.target.hasAttribute("data-counter")) { updateCounter(ev.target); }
  });
  document.querySelectorAll("[data-counter]").forEach(updateCounter);

  // Draft autosave: <form data-autosave="/path/to/draft"> posts the form in the
  // background a few seconds after the last keystroke and shows the result in
  // the element named by data-autosave-status.
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var timer = null;
    var status = document.getElementById(form.getAttribute("data-autosave-status") || "");
    function save() {
      var data = new FormData(form);
      fetch(form.getAttribute("data-autosave"), {
        method: "POST", body: new URLSearchParams(Array.from(data.entries()).filter(function (e) { return typeof e[1] === "string"; })),
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" }, credentials: "same-origin"
      }).then(function (r) {
        return r.json().then(function (j) { return { ok: r.ok, body: j }; });
      }).then(function (res) {
        if (status) { status.textContent = res.ok ? (res.body.message || "草稿已自动保存") : (res.body.error || "自动保存失败"); }
        if (res.ok && res.body.version) {
          var v = form.querySelector("input[name=version]");
          if (v) { v.value = res.body.version; }
        }
        form.dispatchEvent(new CustomEvent("autosaved", { detail: res }));
      }).catch(function () {
        if (status) { status.textContent = "网络中断，草稿暂未保存（内容仍在本页，请勿关闭）"; }
      });
    }
    form.addEventListener("input", function () {
      if (status) { status.textContent = "正在编辑…"; }
      clearTimeout(timer);
      timer = setTimeout(save, 2500);
    });
  });
})();

// ── Dossiers (申报书) ──
// Character counts as the rubric counts them (whitespace not counted):
// <textarea data-charcount="id-of-output" data-minchars="800" data-maxchars="5000">.
// After an autosave the form's version follows the saved one even when the
// answer lists problems (422: saved, with fields to fix), so the next save
// is not refused as a concurrent edit; fields named in the answer are marked.
(function () {
  "use strict";
  function countChars(s) { return Array.from(s.replace(/\s+/g, "")).length; }
  function updateCharCount(el) {
    var out = document.getElementById(el.getAttribute("data-charcount"));
    if (!out) { return; }
    var min = parseInt(el.getAttribute("data-minchars") || "0", 10);
    var max = parseInt(el.getAttribute("data-maxchars") || "0", 10);
    var n = countChars(el.value);
    out.textContent = "已输入 " + n + " 字（不计空格和换行），要求 " + min + "–" + max + " 字" +
      (n > max ? "，超出 " + (n - max) + " 字" : (n > 0 && n < min ? "，还差 " + (min - n) + " 字" : ""));
    out.classList.toggle("error", n > max || (n > 0 && n < min));
  }
  document.addEventListener("input", function (ev) {
    if (ev.target.hasAttribute && ev.target.hasAttribute("data-charcount")) { updateCharCount(ev.target); }
  });
  document.querySelectorAll("[data-charcount]").forEach(updateCharCount);

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    form.addEventListener("autosaved", function (ev) {
      var res = ev.detail || {};
      var body = res.body || {};
      if (!res.ok && body.saved && body.version) {
        var v = form.querySelector("input[name=version]");
        if (v) { v.value = body.version; }
      }
      if (!body.saved) { return; }
      var fields = body.fields || {};
      form.querySelectorAll("[aria-invalid=true]").forEach(function (el) {
        if (el.name && !fields[el.name]) { el.removeAttribute("aria-invalid"); }
      });
      Object.keys(fields).forEach(function (name) {
        var el = form.querySelector("[name=\"" + name.replace(/"/g, "") + "\"]");
        if (el) { el.setAttribute("aria-invalid", "true"); el.title = fields[name]; }
      });
    });
  });
})();

// Score sheets (expert_sheet.html, issue 6): live totals while typing, a
// hint next to a score off the step or over the maximum, a grade's fixed
// points filled in, and the sheet version kept current after a partial
// autosave (HTTP 422 with a version). The server checks everything again;
// without this script the page still works.
(function () {
  "use strict";
  var form = document.querySelector("form.score-sheet");
  if (!form) { return; }
  var out = form.querySelector("output[data-score-total]");
  // Decimals are compared as integer millionths, never as floats.
  function micros(text) {
    var m = /^\s*\+?(\d*)(?:\.(\d{0,6})0*)?\s*$/.exec(text || "");
    if (!m || (m[1] === "" && (m[2] || "") === "")) { return null; }
    return parseInt(m[1] || "0", 10) * 1000000 + parseInt(((m[2] || "") + "000000").slice(0, 6), 10);
  }
  function show(v) {
    var s = String(Math.floor(v / 1000000));
    var frac = String(v % 1000000 + 1000000).slice(1).replace(/0+$/, "");
    return frac ? s + "." + frac : s;
  }
  function checkedGrade(input) {
    var name = input.getAttribute("data-score-grade");
    if (!name) { return null; }
    var radios = form.querySelectorAll("input[type=radio]");
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].name === name && radios[i].checked) { return radios[i]; }
    }
    return null;
  }
  function problem(input) {
    var v = micros(input.value);
    if (input.value.trim() === "") { return ""; }
    if (v === null) { return "请填写数字"; }
    var lo = 0, hi = micros(input.getAttribute("data-score-max"));
    var grade = checkedGrade(input);
    if (grade) { lo = micros(grade.getAttribute("data-grade-min")); hi = micros(grade.getAttribute("data-grade-max")); }
    var step = micros(input.getAttribute("data-score-step"));
    if (v < lo || v > hi) { return "分值应在 " + show(lo) + "–" + show(hi) + " 之内"; }
    if (step && v % step !== 0) { return "分值应为 " + show(step) + " 的整数倍"; }
    return "";
  }
  function hint(input, msg) {
    var id = "hint-" + input.id;
    var el = document.getElementById(id);
    if (!el) {
      el = document.createElement("p");
      el.id = id;
      el.className = "field-error";
      el.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", el);
    }
    el.textContent = msg;
    el.hidden = !msg;
    input.setAttribute("aria-invalid", msg ? "true" : "false");
  }
  function update() {
    var sum = 0;
    form.querySelectorAll("input.score-input").forEach(function (input) {
      var msg = problem(input);
      hint(input, msg);
      var v = micros(input.value);
      if (!msg && v !== null) { sum += v; return; }
      var grade = checkedGrade(input);
      if (input.value.trim() === "" && grade && grade.getAttribute("data-grade-fixed")) {
        sum += micros(grade.getAttribute("data-grade-fixed"));
      }
    });
    if (out) { out.textContent = show(sum); }
  }
  form.addEventListener("change", function (ev) {
    var r = ev.target;
    if (r.type !== "radio" || !r.hasAttribute("data-grade-min")) { update(); return; }
    form.querySelectorAll("input.score-input").forEach(function (input) {
      if (input.getAttribute("data-score-grade") !== r.name) { return; }
      var fixed = r.getAttribute("data-grade-fixed");
      if (fixed) { input.value = fixed; }
      input.placeholder = r.getAttribute("data-grade-min") + "–" + r.getAttribute("data-grade-max");
    });
    update();
  });
  form.addEventListener("input", update);
  form.addEventListener("autosaved", function (ev) {
    var res = ev.detail || {}, body = res.body || {};
    var v = form.querySelector("input[name=version]");
    if (v && body.version) { v.value = body.version; }
    var fields = body.fields || {};
    Object.keys(fields).forEach(function (name) {
      var input = form.querySelector("[name='" + name.replace(/'/g, "") + "']");
      if (input && input.classList.contains("score-input")) { hint(input, fields[name]); }
    });
  });
  update();
})();

// Results (issue 7): a button that opens or closes every per-dossier
// breakdown at once: <button data-details-toggle="details.result-detail"
// hidden>. It stays hidden without JavaScript, where each breakdown still
// opens on its own.
(function () {
  "use strict";
  document.querySelectorAll("[data-details-toggle]").forEach(function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var items = Array.from(document.querySelectorAll(btn.getAttribute("data-details-toggle")));
      var open = !items.every(function (d) { return d.open; });
      items.forEach(function (d) { d.open = open; });
      btn.textContent = open ? "全部收起" : "全部展开";
    });
  });
})();
