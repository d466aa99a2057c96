// Live thread: posts, edits and hidden posts appear without reloading, and nothing is
// lost. Every event carries the thread's increasing id; the page remembers the last id
// it applied and, on every (re)connection, asks the server for what came after it.
// Without JavaScript the thread is a normal page with a normal form.
(function () {
  "use strict";
  var root = document.querySelector("[data-thread-socket]");
  if (!root || !("WebSocket" in window)) return;

  var lastId = Number(root.dataset.lastEvent) || 0;
  var posts = root.querySelector("[data-posts]");
  var status = root.querySelector("[data-live-status]");
  var form = root.querySelector("[data-post-form]");
  // Interface text comes translated from the page.
  var text = root.dataset;
  // Other codes (4409 too many pages open, 4429 too fast, 4503 live updates down) and
  // network failures reconnect after a growing delay, and catch up by event id.
  var CLOSED_FOR_GOOD = { 4401: text.signedOut, 4403: text.forbidden, 4404: text.gone };
  var delay = 500;
  var socket = null;

  function say(text) { if (status) status.textContent = text; }

  // Controls in a live post are pruned to those this reader may use.
  function prune(article) {
    var canReply = root.dataset.canReply === "1";
    var isAuthor = article.dataset.author === root.dataset.viewer;
    var rules = {
      reply: canReply,
      author: canReply && isAuthor,
      moderate: root.dataset.canModerate === "1"
    };
    article.querySelectorAll("[data-requires]").forEach(function (control) {
      if (!rules[control.dataset.requires]) control.remove();
    });
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function place(html, isNew) {
    var article = fromHtml(html);
    if (!article) return null;
    prune(article);
    var existing = document.getElementById(article.id);
    if (existing) {
      existing.replaceWith(article);
    } else if (isNew) {
      article.classList.add("post--new");
      posts.appendChild(article);
    } else {
      return null;
    }
    return article;
  }

  // Read positions go out at most once a second (the socket's rate limit counts them),
  // each time the latest post seen.
  var readPending = 0;
  var readTimer = null;
  function markRead(postId) {
    readPending = Math.max(readPending, postId);
    if (readTimer) return;
    readTimer = setTimeout(function () {
      readTimer = null;
      if (document.visibilityState === "visible" && socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: "read", post: readPending }));
      }
    }, 1000);
  }

  // Each post the form sends carries a key of its own; sending it again (the fallback
  // below, a retry) stores it once. A new key is drawn once the post is stored.
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function apply(event) {
    if (event.type === "reload") { location.reload(); return; }
    if (typeof event.id !== "number" || event.id <= lastId) return;
    lastId = event.id;
    if (event.type === "post.created") {
      var article = place(event.html, true);
      if (article && String(event.author) !== root.dataset.viewer) {
        say(text.newPost);
        markRead(event.post);
      }
    } else if (event.type === "post.edited" || event.type === "post.hidden" || event.type === "post.shown") {
      place(event.html, false);
    } else if (event.type === "thread.changed") {
      var title = root.querySelector("[data-thread-title]");
      var label = root.querySelector("[data-thread-label]");
      if (title.textContent !== event.state.title) {
        document.title = document.title.replace(title.textContent, event.state.title);
        title.textContent = event.state.title;
      }
      label.textContent = event.state.label;
      label.hidden = !event.state.label;
      root.querySelector('[data-thread-flag="pinned"]').hidden = !event.state.pinned;
      root.querySelector('[data-thread-flag="locked"]').hidden = !event.state.locked;
      if (event.state.locked && form) form.closest("section").hidden = true;
    } else if (event.type === "thread.moved") {
      location.assign(event.state.url);
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.threadSocket + "?after=" + lastId);
    socket.onopen = function () { delay = 500; say(""); root.dataset.live = "open"; };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type === "error") { showErrors(event.message); return; }
      if (event.type === "posted") return;
      apply(event);
    };
    socket.onclose = function (event) {
      root.dataset.live = "closed";
      if (CLOSED_FOR_GOOD[event.code]) { say(CLOSED_FOR_GOOD[event.code]); return; }
      say(text.reconnecting);
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }

  function showErrors(text) {
    var box = form && form.querySelector("[data-form-errors]");
    if (!box) return;
    box.textContent = text;
    box.hidden = !text;
  }

  // The form is sent in the background; the new post comes back both in the answer and
  // as an event, and appears once whichever arrives first.
  if (form) {
    form.addEventListener("submit", function (submit) {
      submit.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      fetch(location.pathname, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.text().then(function (body) {
          if (response.status === 201) {
            place(body, true);
            form.querySelector("textarea").value = "";
            form.querySelectorAll('input[type="file"]').forEach(function (input) { input.value = ""; });
            var replyTo = form.querySelector('[name="reply_to"]');
            if (replyTo) replyTo.value = "";
            var key = form.querySelector('[name="client_key"]');
            if (key) key.value = newKey();
            showErrors("");
          } else {
            showErrors(body || text.notSaved);
          }
        });
      }).catch(function () {
        // No answer: the post may or may not be stored. The same key goes again, so it
        // is stored once either way.
        form.submit();
      }).finally(function () {
        button.disabled = false;
      });
    });
  }

  connect();
})();
