// Progressive enhancement for workshop dates: when the reader's browser is in another
// time zone than the event (and than the office zone the server already showed), add
// the times in the browser's zone. Without JavaScript the page states both server-side.
(function () {
  "use strict";
  var browserZone;
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!browserZone) return;
  var locale = document.documentElement.lang || undefined;
  var format = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    hourCycle: "h23",
    timeZone: browserZone,
  });
  document.querySelectorAll("[data-local-times]").forEach(function (element) {
    var zones = [element.dataset.zone, element.dataset.readerZone];
    if (zones.indexOf(browserZone) !== -1) return;
    var start = new Date(element.dataset.start);
    var end = new Date(element.dataset.end);
    if (isNaN(start) || isNaN(end)) return;
    var target = element.querySelector(".browser-time");
    if (!target) return;
    target.textContent =
      element.dataset.label + " (" + browserZone + "): " +
      format.format(start) + " – " + format.format(end);
    target.hidden = false;
  });
})();
