// Keeps the header's counts (unread notifications, unread posts) and the workspace's
// per-thread unread counts current, over the signed-in person's notification socket.
// Without JavaScript the counts are those of the last page load.
(function () {
  "use strict";
  var CLOSED_FOR_GOOD = [4401, 4403, 4404];
  var delay = 1000;

  function setText(selector, value) {
    document.querySelectorAll(selector).forEach(function (element) {
      element.textContent = String(value);
    });
  }

  function apply(message) {
    if (message.type === "notification" && typeof message.unread === "number") {
      setText('[data-count="notifications"]', message.unread);
    } else if (message.type === "counts") {
      setText('[data-count="notifications"]', message.unread_notifications);
      setText('[data-count="unread-posts"]', message.unread_posts);
      if (message.thread) {
        setText('[data-thread-unread="' + message.thread + '"]', message.thread_unread);
        var row = document.querySelector('[data-thread-row="' + message.thread + '"]');
        if (row) row.classList.toggle("threads__row--unread", message.thread_unread > 0);
        var status = document.querySelector(".workspace [data-live-status]");
        if (status && message.thread_unread > 0) status.textContent = status.dataset.newActivity;
      }
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/notifications/");
    socket.onopen = function () { delay = 1000; document.body.dataset.notificationsLive = "open"; };
    socket.onmessage = function (event) { apply(JSON.parse(event.data)); };
    socket.onclose = function (event) {
      document.body.dataset.notificationsLive = "closed";
      if (CLOSED_FOR_GOOD.indexOf(event.code) !== -1) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }

  if ("WebSocket" in window) connect();
})();
