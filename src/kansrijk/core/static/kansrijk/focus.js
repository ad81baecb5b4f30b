/* After htmx swaps part of a page in place (ticking a step, picking up or answering a signal,
   writing a note, filtering a list), the button a person pressed has usually gone with the old
   part, and the browser drops the focus on <body>: a keyboard user starts again at the top and
   a screen reader says nothing. So, after every swap: when the focus was lost, it moves to the
   error summary in the new part, or else to the new part itself; and the part's status message
   is read out through one polite live region.
   And a link in an error summary puts the focus in its field (a plain link to #id_field only
   scrolls there), with the field's label in view above it.
   Loaded on pages with htmx or an error summary, never inline (the Content-Security-Policy
   allows only our own files). */
(function () {
  "use strict";

  var lastTargetId = "";

  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) {
      return;
    }
    // Emptied first and filled a moment later, so the same words twice are read twice.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  function moveFocusTo(element) {
    if (!element.hasAttribute("tabindex")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var group = field.closest("fieldset, .field") || field;
    group.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    lastTargetId = event.detail.target ? event.detail.target.id : "";
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var part = (lastTargetId && document.getElementById(lastTargetId)) || event.detail.elt;
    if (!part || !part.isConnected) {
      return;
    }
    var summary = part.querySelector(".error-summary");
    var status = part.querySelector("[role=status]");
    if (focusLost()) {
      moveFocusTo(summary || part);
    }
    if (!summary && status) {
      announce(status.textContent.trim());
    }
  });
})();
