/* The desk's small progressive enhancement: live updates over server-sent events (the browser's
   EventSource reconnects by itself), the CSRF header for scripted requests, quick answers inserted
   into a reply. Every page works without it. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "/desk";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var state = document.getElementById("live-state");

  function setState(text, off) {
    if (!state) return;
    state.hidden = false;
    state.textContent = text;
    state.classList.toggle("off", !!off);
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function refresh(container, url, changed) {
    var target = new URL(url, location.href);
    target.searchParams.set("partial", "1");
    return fetch(target, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (r) {
        if (r.status === 401) { location.reload(); return null; }
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        container.innerHTML = html;
        (changed || []).forEach(function (number) {
          var row = container.querySelector('tr[data-number="' + number + '"]');
          if (row) row.classList.add("changed");
        });
        document.dispatchEvent(new CustomEvent("desk:refreshed", { detail: { changed: changed } }));
      })
      .catch(function () {});
  }

  var queue = document.querySelector("[data-live-queue]");
  var ticketPart = document.querySelector("[data-live-ticket]");
  var pending = [];
  var refreshQueue = debounce(function () {
    var changed = pending; pending = [];
    refresh(queue, location.href, changed);
  }, 250);
  var refreshTicket = debounce(function () {
    refresh(ticketPart, ticketPart.getAttribute("data-live-url"), []);
  }, 250);

  if ((queue || ticketPart) && window.EventSource) {
    var source = new EventSource(root + "/events");
    var wasDown = false;
    source.addEventListener("open", function () {
      setState("实时", false);
      if (wasDown) {  // missed events while away: fetch the whole state again
        if (queue) refreshQueue();
        if (ticketPart) refreshTicket();
      }
      wasDown = false;
    });
    source.addEventListener("error", function () { wasDown = true; setState("连接中断，正在重连…", true); });
    source.addEventListener("ticket", function (e) {
      var data = {};
      try { data = JSON.parse(e.data); } catch (err) { return; }
      if (queue) { pending.push(data.number); refreshQueue(); }
      if (ticketPart && ticketPart.getAttribute("data-live-ticket") === data.number) refreshTicket();
    });
    source.addEventListener("inbound", function (e) {
      var data = {};
      try { data = JSON.parse(e.data); } catch (err) { return; }
      var ids = ticketPart ? (ticketPart.getAttribute("data-identities") || "").split(",") : [];
      if (ids.indexOf(String(data.identity)) >= 0) refreshTicket();
    });
    window.addEventListener("beforeunload", function () { source.close(); });
  }

  // quick answers: a button with data-insert puts its text into the reply box
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-insert]");
    if (!button) return;
    var box = document.getElementById(button.getAttribute("data-target") || "reply-text");
    if (!box) return;
    e.preventDefault();
    var text = button.getAttribute("data-insert");
    box.value = box.value ? box.value.replace(/\s*$/, "\n") + text : text;
    box.focus();
  });

  window.desk = { csrf: csrf, root: root };
})();
