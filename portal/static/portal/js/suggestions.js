// Keyboard use of the header search's suggestions (filled in by htmx as people type).
//
// Down arrow from the box moves into the list, up and down move through it, Escape
// closes it and returns to the box, and it closes when focus or a click goes elsewhere;
// typing or the down arrow opens it again.
// The box says whether the list is open (aria-expanded). Without this script the
// suggestions are plain links reached with Tab.
(function () {
  "use strict";

  const box = document.getElementById("header-search-q");
  const list = document.getElementById("header-search-suggestions");
  if (!box || !list) return;
  const form = box.form;

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  function isOpen() {
    return links().length > 0 && !list.hidden;
  }

  function sync() {
    box.setAttribute("aria-expanded", isOpen() ? "true" : "false");
  }

  function close() {
    list.hidden = true;
    sync();
  }

  function move(step) {
    const items = links();
    const index = items.indexOf(document.activeElement);
    const next = index + step;
    if (next < 0) {
      box.focus();
    } else if (next < items.length) {
      items[next].focus();
    }
  }

  box.setAttribute("aria-controls", list.id);
  sync();

  // New suggestions arrived: show them.
  list.addEventListener("htmx:afterSwap", function () {
    list.hidden = false;
    sync();
  });

  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      list.hidden = false;
      sync();
      links()[0].focus();
    } else if (event.key === "Escape" && isOpen()) {
      event.preventDefault();
      close();
    }
  });

  list.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
      box.focus();
    }
  });

  // Tabbing away closes the list; so does a click or tap anywhere outside the search form
  // (a click on a suggestion itself is left alone, even where links take no focus).
  form.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
  });
  document.addEventListener("pointerdown", function (event) {
    if (isOpen() && !form.contains(event.target)) close();
  });
})();
