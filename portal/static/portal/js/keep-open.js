// Disclosures (<details>) that the reader opened stay open when htmx replaces the region
// holding them: those with an id are remembered before the swap and reopened after it.
(function () {
  "use strict";
  let opened = [];
  document.addEventListener("htmx:beforeSwap", function (event) {
    opened = Array.from(event.detail.target.querySelectorAll("details[id][open]"), function (d) {
      return d.id;
    });
  });
  document.addEventListener("htmx:afterSwap", function () {
    opened.forEach(function (id) {
      const details = document.getElementById(id);
      if (details) {
        details.open = true;
      }
    });
    opened = [];
  });
})();
