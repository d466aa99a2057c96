// @mentions: typing "@" and the start of a name in a post's text offers the task
// force's members; choosing one writes the handle the server recognises ("@lena.fischer").
// The text box keeps focus throughout (aria-activedescendant points at the chosen
// option). Without JavaScript the text box is a plain text box.
(function () {
  "use strict";
  // "@" at the start or after a space or punctuation (not inside an e-mail address), then
  // what has been typed of the handle, up to the caret.
  var TYPED = /(^|[^\w@.])@([A-Za-z0-9][A-Za-z0-9.\-]{0,49})$/;
  var WAIT = 150;
  var counter = 0;

  function attach(form) {
    var box = form.querySelector('textarea[name="body"]');
    if (!box || !window.fetch) return;
    var text = form.dataset;
    var id = "mentions-" + (++counter);
    var list = document.createElement("ul");
    list.id = id;
    list.className = "mentions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", text.mentionsLabel);
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "mentions__status visually-hidden";
    status.setAttribute("role", "status");
    box.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    box.setAttribute("aria-autocomplete", "list");

    var found = [];
    var active = -1;
    var start = -1;
    var timer = null;
    var pending = null;

    function say(message, visible) {
      status.textContent = message;
      status.classList.toggle("visually-hidden", !visible);
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      found = [];
      active = -1;
      box.removeAttribute("aria-controls");
      box.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      var options = list.querySelectorAll('[role="option"]');
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, n) {
        option.setAttribute("aria-selected", n === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function insert(index) {
      var member = found[index];
      if (!member || start < 0) return;
      var before = box.value.slice(0, start);
      var after = box.value.slice(box.selectionEnd).replace(/^[A-Za-z0-9.\-]*/, "");
      var written = "@" + member.handle + " ";
      box.value = before + written + after;
      var caret = before.length + written.length;
      box.setSelectionRange(caret, caret);
      close();
      say("", false);
    }

    function show(members) {
      found = members;
      list.replaceChildren();
      if (!members.length) {
        // Said in the status line, shown too: a listbox holds options only.
        close();
        say(text.mentionsNone, true);
        return;
      }
      members.forEach(function (member, n) {
        var option = document.createElement("li");
        option.id = id + "-" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "mentions__name";
        name.textContent = member.name;
        var handle = document.createElement("span");
        handle.className = "mentions__handle";
        handle.textContent = "@" + member.handle;
        option.append(name, " ", handle);
        if (member.office) {
          var office = document.createElement("span");
          office.className = "mentions__office";
          office.textContent = member.office;
          option.append(" ", office);
        }
        // mousedown, not click: the text box keeps focus and its caret.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          insert(n);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      box.setAttribute("aria-controls", id);
      choose(0);
      say(text.mentionsHint, false);
    }

    function lookUp() {
      var caret = box.selectionEnd;
      var match = box.selectionStart === caret && TYPED.exec(box.value.slice(0, caret));
      if (!match) { close(); say("", false); return; }
      start = caret - match[2].length - 1;
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(form.dataset.mentions + "?q=" + encodeURIComponent(match[2]), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: pending.signal
      }).then(function (response) {
        return response.ok ? response.json() : { members: null };
      }).then(function (answer) {
        if (answer.members) show(answer.members); else close();
      }).catch(function () { /* a newer look-up replaced this one, or none answered */ });
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, WAIT);
    });
    box.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "Escape") { event.preventDefault(); close(); say("", false); return; }
      if (!found.length) return;
      if (event.key === "ArrowDown") { event.preventDefault(); choose(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); choose(active - 1); }
      else if (event.key === "Enter") {
        if (active < 0) return;
        event.preventDefault();
        insert(active);
      }
    });
    box.addEventListener("blur", function () { close(); say("", false); });
  }

  document.querySelectorAll("form[data-mentions]").forEach(attach);
})();
