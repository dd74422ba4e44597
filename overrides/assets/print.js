// Printable pages (contact card, statute text): shows the Print button and opens the browser's print dialog with it.
(function () {
  "use strict";
  var button = document.querySelector("[data-portal-print]");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
