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
