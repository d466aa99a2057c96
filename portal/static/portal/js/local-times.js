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
  // Written as the server writes dates (portal/formats): day month year in English, Latin
  // digits in Arabic, the date and the time joined as each language's DATETIME_FORMAT joins them.
  var language = (document.documentElement.lang || "en").toLowerCase();
  var locale = { en: "en-GB", ar: "ar-u-nu-latn", "zh-hans": "zh-Hans" }[language] || language;
  var joiner = { ar: "\u060c ", fr: " \u00e0 ", "zh-hans": " " }[language] || ", ";
  var dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: browserZone });
  var timeFormat = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: browserZone,
  });
  var format = {
    format: function (date) {
      return dateFormat.format(date) + joiner + timeFormat.format(date);
    },
  };
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
