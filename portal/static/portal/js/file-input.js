// File inputs in the page's language (docs/front-end.md, "File inputs"). The browser's own
// button and its "no file chosen" read in the browser's language, whatever the page's; the
// server renders a button (a label for the input) and a status in the page's language,
// hidden, and this shows them and hides the browser's input visually. The input stays in
// the page, focusable and named by the field's own label. Every sentence comes from the
// template's data attributes: none is written here.
(function () {
  "use strict";

  function statusText(box, files) {
    if (files.length === 0) {
      return box.dataset.none;
    }
    if (files.length === 1) {
      return files[0].name;
    }
    const counts = JSON.parse(box.dataset.counts || "{}");
    return counts[files.length] || box.dataset.more;
  }

  function nameByFieldLabel(input) {
    const labels = Array.from(input.labels || []).filter(function (label) {
      return !label.classList.contains("file-input__button");
    });
    if (labels.length === 0) {
      return;
    }
    if (!labels[0].id) {
      labels[0].id = input.id + "_label";
    }
    input.setAttribute("aria-labelledby", labels[0].id);
  }

  function enhance(box) {
    const input = box.querySelector(".file-input__native");
    const button = box.querySelector(".file-input__button");
    const status = box.querySelector(".file-input__status");
    if (!input || !button || !status || box.classList.contains("file-input--enhanced")) {
      return;
    }
    nameByFieldLabel(input);
    // Only now a label of the input: hidden, it would still have lent the input its words.
    button.htmlFor = input.id;
    const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    input.setAttribute("aria-describedby", described.concat(status.id).join(" "));
    function update() {
      status.textContent = statusText(box, input.files || []);
    }
    input.addEventListener("change", update);
    if (input.form) {
      // After a reset the files are gone only once the event has run.
      input.form.addEventListener("reset", function () {
        window.setTimeout(update, 0);
      });
    }
    update();
    button.hidden = false;
    status.hidden = false;
    box.classList.add("file-input--enhanced");
  }

  function enhanceAll(root) {
    root.querySelectorAll("[data-file-input]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
  // Forms htmx brings in later.
  document.addEventListener("htmx:load", function (event) {
    if (event.target.querySelectorAll) {
      enhanceAll(event.target);
    }
  });
})();
