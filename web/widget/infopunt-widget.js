/*
 * Infopunt Mensenhandel chat widget. Embed with one tag:
 *   <script src="https://HOST/widget/infopunt-widget.js" data-server="https://RASA" data-api="https://ACTIONS"
 *           data-lang="auto" data-color="#5a2d82" data-exit-url="https://www.google.com/search?q=weer" defer></script>
 * No build step, no third-party requests. Texts come from texts.js, generated from the Babel catalogs by
 * `make widget` (scripts/build_widget.py). Leaves no trace: nothing in cookies or localStorage; the conversation
 * lives in sessionStorage (gone when the tab closes) and "Leave now" / Esc Esc wipes it before leaving.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/[^/]*$/, "");
  var cfg = {
    server: (script.dataset.server || "http://localhost:5005").replace(/\/$/, ""),
    api: (script.dataset.api || "http://localhost:5055").replace(/\/$/, ""),
    lang: script.dataset.lang || "auto",
    color: script.dataset.color || "#5a2d82",
    exitUrl: script.dataset.exitUrl || "https://www.google.com/search?q=weerbericht",
    timeoutMs: parseInt(script.dataset.timeout || "15000", 10)
  };
  var KEY = "infopunt-widget";
  var state = load();
  var T, ui = {};

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { sessionStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: memory only */ }
  }
  function wipe() {
    try { sessionStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    state = {};
  }
  function newSender() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function pickLanguage() {
    var codes = T.languages.map(function (l) { return l.code; });
    if (cfg.lang !== "auto" && codes.indexOf(cfg.lang) >= 0) { return cfg.lang; }
    var wanted = (navigator.languages || [navigator.language || "en"]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).toLowerCase().split("-")[0];
      if (codes.indexOf(code) >= 0) { return code; }
    }
    return "en";
  }
  function t(key) { return (T.texts[state.lang] || {})[key] || T.texts.en[key] || key; }
  function dir(code) {
    var l = T.languages.filter(function (x) { return x.code === code; })[0];
    return l ? l.dir : "ltr";
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k.indexOf("on") === 0) {
        node.addEventListener(k.slice(2), attrs[k]);
      } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  // Text with tappable links: URLs, www. addresses and Dutch phone numbers (tel:).
  var LINK = /(https?:\/\/[^\s)]+|www\.[^\s)]+|\+31[\d ]{9,13}\d|\b0[89]00[- ]?\d{3,4}(?:[ -]?\d{2,4}){0,2}\b|\b0\d{2,3}[- ]?\d{3}[ -]?\d{2}[ -]?\d{2}\b|\b112\b)/g;
  function richText(text) {
    var frag = document.createDocumentFragment();
    String(text).split("\n").forEach(function (line, i) {
      if (i) { frag.appendChild(document.createElement("br")); }
      var last = 0, m;
      LINK.lastIndex = 0;
      while ((m = LINK.exec(line)) !== null) {
        frag.appendChild(document.createTextNode(line.slice(last, m.index)));
        var v = m[0].replace(/[.,;:]+$/, "");
        var href = /^(https?:|www\.)/.test(v) ? (v.indexOf("www.") === 0 ? "https://" + v : v)
                                              : "tel:" + v.replace(/[^\d+]/g, "");
        var a = el("a", { href: href, rel: "noopener noreferrer", target: href.indexOf("tel:") === 0 ? "_self" : "_blank", text: v });
        frag.appendChild(a);
        last = m.index + v.length;
        LINK.lastIndex = last;
      }
      frag.appendChild(document.createTextNode(line.slice(last)));
    });
    return frag;
  }

  function addMessage(msg, persist) {
    var bubble = el("div", { "class": "ipw-msg ipw-" + msg.from });
    bubble.appendChild(richText(msg.text || ""));
    ui.log.appendChild(bubble);
    if (msg.buttons && msg.buttons.length) {
      var group = el("div", { "class": "ipw-buttons", role: "group" });
      msg.buttons.forEach(function (b) {
        group.appendChild(el("button", { type: "button", "class": "ipw-choice", text: b.title,
          onclick: function () { send(b.payload, b.title); } }));
      });
      ui.log.appendChild(group);
    }
    ui.log.scrollTop = ui.log.scrollHeight;
    if (persist !== false) {
      state.messages = (state.messages || []).concat([msg]).slice(-100);
      save();
    }
  }

  function setBusy(busy) {
    ui.typing.hidden = !busy;
    ui.send.disabled = busy;
  }

  function send(text, shown, silent) {
    text = String(text || "").trim();
    if (!text) { return; }
    if (!silent) { addMessage({ from: "user", text: shown || text }); }
    setBusy(true);
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, cfg.timeoutMs);
    fetch(cfg.server + "/webhooks/rest/webhook", {
      method: "POST", headers: { "Content-Type": "application/json" }, signal: controller.signal,
      body: JSON.stringify({ sender: state.sender, message: text, metadata: { language: state.lang, channel: "web" } })
    }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (messages) {
      (messages || []).forEach(function (m) {
        if (m.text || (m.buttons && m.buttons.length)) { addMessage({ from: "bot", text: m.text || "", buttons: m.buttons || [] }); }
      });
    }).catch(function () {
      addMessage({ from: "bot", text: t("utter_widget_offline") }, false);
    }).then(function () {
      clearTimeout(timer);
      setBusy(false);
      ui.input.focus();
    });
  }

  function leave() {
    wipe();
    ui.root && ui.root.remove();
    window.location.replace(cfg.exitUrl);
  }

  function deleteConversation() {
    var sender = state.sender;
    var lang = state.lang;
    // text/plain keeps this a "simple" cross-origin request (no preflight); the body is JSON.
    fetch(cfg.api + "/api/conversations/forget", {
      method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ sender_id: sender })
    }).catch(function () { /* deleted after the retention period anyway */ });
    wipe();
    state = { sender: newSender(), lang: lang, messages: [] };
    save();
    ui.log.textContent = "";
    addMessage({ from: "bot", text: t("utter_widget_deleted") }, false);
  }

  function applyLanguage() {
    ui.panel.setAttribute("dir", dir(state.lang));
    ui.panel.setAttribute("lang", state.lang);
    ui.title.textContent = t("utter_widget_title");
    ui.label.textContent = t("utter_widget_input_label");
    ui.input.setAttribute("placeholder", t("utter_widget_placeholder"));
    ui.send.textContent = t("btn_widget_send");
    ui.del.textContent = t("btn_widget_delete");
    ui.close.setAttribute("aria-label", t("btn_widget_close"));
    ui.open.textContent = t("btn_widget_open");
    ui.exit.textContent = t("btn_widget_leave");
    ui.langLabel.textContent = t("utter_widget_language_label");
    ui.typing.textContent = t("utter_widget_typing");
    ui.panel.setAttribute("aria-label", t("utter_widget_title"));
  }

  function css() {
    var c = cfg.color;
    return [
      ".ipw-root{font:16px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1a1a1a}",
      ".ipw-root *{box-sizing:border-box}",
      ".ipw-root button,.ipw-root select,.ipw-root textarea{font:inherit}",
      ".ipw-root :focus-visible{outline:3px solid #ffbf47;outline-offset:2px}",
      ".ipw-exit{position:fixed;top:8px;right:8px;z-index:2147483647;background:#b00020;color:#fff;border:0;border-radius:6px;padding:10px 14px;font-weight:700;cursor:pointer}",
      ".ipw-open{position:fixed;bottom:16px;right:16px;z-index:2147483646;background:" + c + ";color:#fff;border:0;border-radius:24px;padding:12px 18px;font-weight:600;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)}",
      ".ipw-panel{position:fixed;bottom:16px;right:16px;z-index:2147483646;width:min(380px,calc(100vw - 16px));height:min(600px,calc(100vh - 72px));background:#fff;border:1px solid #767676;border-radius:10px;display:flex;flex-direction:column;box-shadow:0 4px 16px rgba(0,0,0,.3)}",
      ".ipw-panel[hidden]{display:none}",
      ".ipw-head{background:" + c + ";color:#fff;padding:8px 10px;border-radius:10px 10px 0 0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}",
      ".ipw-head h2{font-size:1rem;margin:0;flex:1 1 auto}",
      ".ipw-head button,.ipw-head select{background:#fff;color:#1a1a1a;border:1px solid #fff;border-radius:4px;padding:4px 8px;cursor:pointer}",
      ".ipw-log{flex:1;overflow-y:auto;padding:10px;display:flex;flex-direction:column;gap:8px}",
      ".ipw-msg{max-width:88%;padding:8px 10px;border-radius:10px;white-space:normal;overflow-wrap:anywhere}",
      ".ipw-bot{background:#eeeeee;align-self:flex-start}",
      ".ipw-user{background:" + c + ";color:#fff;align-self:flex-end}",
      ".ipw-user a{color:#fff}",
      ".ipw-bot a{color:#0b4f9e}",
      ".ipw-buttons{display:flex;flex-wrap:wrap;gap:6px}",
      ".ipw-choice{background:#fff;color:" + c + ";border:2px solid " + c + ";border-radius:16px;padding:4px 10px;cursor:pointer}",
      ".ipw-form{display:flex;gap:6px;padding:8px;border-top:1px solid #767676;align-items:flex-end}",
      ".ipw-form label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}",
      ".ipw-form textarea{flex:1;resize:none;border:1px solid #767676;border-radius:6px;padding:6px;min-height:40px}",
      ".ipw-send{background:" + c + ";color:#fff;border:0;border-radius:6px;padding:8px 12px;cursor:pointer}",
      ".ipw-typing{font-style:italic;color:#595959;padding:0 10px}",
      ".ipw-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
    ].join("\n");
  }

  function build() {
    document.head.appendChild(el("style", { text: css() }));
    ui.root = el("div", { "class": "ipw-root" });
    ui.exit = el("button", { type: "button", "class": "ipw-exit", "data-testid": "leave-now", onclick: leave });
    ui.open = el("button", { type: "button", "class": "ipw-open", "aria-expanded": "false", onclick: function () { toggle(true); } });
    ui.title = el("h2", { id: "ipw-title" });
    ui.langLabel = el("label", { "for": "ipw-lang", "class": "ipw-sr" });
    ui.lang = el("select", { id: "ipw-lang", onchange: function () { changeLanguage(ui.lang.value); } });
    T.languages.forEach(function (l) { ui.lang.appendChild(el("option", { value: l.code, lang: l.code, text: l.name })); });
    ui.del = el("button", { type: "button", onclick: deleteConversation });
    ui.close = el("button", { type: "button", text: "×", onclick: function () { toggle(false); } });
    ui.log = el("div", { "class": "ipw-log", role: "log", tabindex: "0", "aria-live": "polite", "aria-relevant": "additions" });
    ui.typing = el("div", { "class": "ipw-typing", "aria-hidden": "true" });
    ui.typing.hidden = true;
    ui.label = el("label", { "for": "ipw-input" });
    ui.input = el("textarea", { id: "ipw-input", rows: "1", maxlength: "2000" });
    ui.send = el("button", { type: "submit", "class": "ipw-send" });
    var form = el("form", { "class": "ipw-form", onsubmit: function (e) { e.preventDefault(); var v = ui.input.value; ui.input.value = ""; send(v); } },
      [ui.label, ui.input, ui.send]);
    ui.input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    ui.panel = el("section", { "class": "ipw-panel", role: "dialog", "aria-labelledby": "ipw-title" },
      [el("div", { "class": "ipw-head" }, [ui.title, ui.langLabel, ui.lang, ui.del, ui.close]), ui.log, ui.typing, form]);
    ui.panel.hidden = true;
    ui.root.appendChild(ui.exit);
    ui.root.appendChild(ui.open);
    ui.root.appendChild(ui.panel);
    document.body.appendChild(ui.root);
  }

  function toggle(open) {
    ui.panel.hidden = !open;
    ui.open.hidden = open;
    ui.open.setAttribute("aria-expanded", String(open));
    state.open = open;
    save();
    if (open) {
      ui.input.focus();
      if (!(state.messages || []).length) { send("/greet", null, true); }
    } else { ui.open.focus(); }
  }

  function changeLanguage(code) {
    state.lang = code;
    save();
    ui.lang.value = code;
    applyLanguage();
    send('/change_language{"language": "' + code + '"}', T.languages.filter(function (l) { return l.code === code; })[0].name);
  }

  var escapes = [];
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var now = Date.now();
    escapes = escapes.filter(function (x) { return now - x < 1500; }).concat([now]);
    if (escapes.length >= 2) { leave(); }
  });

  function start() {
    T = window.InfopuntTexts;
    if (!state.sender) { state.sender = newSender(); }
    if (!state.lang) { state.lang = pickLanguage(); }
    save();
    build();
    ui.lang.value = state.lang;
    applyLanguage();
    (state.messages || []).forEach(function (m) { addMessage(m, false); });
    if (state.open) { toggle(true); }
  }

  var loader = document.createElement("script");
  loader.src = base + "texts.js";
  loader.onload = start;
  document.head.appendChild(loader);
})();
