// Full texts: the "copy citation" button of each article (clipboard API over http, else a selected text and execCommand, as over file://).
(function () {
  "use strict";

  function selectAndCopy(text) {
    // A read-only text area, selected and copied: works where navigator.clipboard is missing (file://, old browsers).
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    area.setSelectionRange(0, text.length);
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied;
  }

  function report(button, text, copied) {
    var status = document.querySelector("[data-portal-cite-status]");
    if (!status) return;
    status.textContent = "";
    if (copied) {
      status.textContent = button.getAttribute("data-portal-copied") + text;
      return;
    }
    // Nothing copied: show the citation selected, so that Ctrl+C copies it.
    status.appendChild(document.createTextNode(button.getAttribute("data-portal-copy-failed") + " "));
    var field = document.createElement("input");
    field.type = "text";
    field.readOnly = true;
    field.value = text;
    field.size = Math.min(60, text.length + 2);
    field.setAttribute("aria-label", button.getAttribute("data-portal-copy-failed"));
    status.appendChild(field);
    field.focus();
    field.select();
  }

  function copy(button) {
    var text = button.getAttribute("data-portal-cite");
    if (navigator.clipboard && window.isSecureContext && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { report(button, text, true); },
                                               function () { report(button, text, selectAndCopy(text)); });
    } else {
      report(button, text, selectAndCopy(text));
    }
    button.focus();
  }

  function setup() {
    var buttons = document.querySelectorAll("[data-portal-cite]");
    for (var i = 0; i < buttons.length; i += 1) buttons[i].hidden = false;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-portal-cite]") : null;
    if (button) copy(button);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
})();
