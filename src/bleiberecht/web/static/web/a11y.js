/* Accessibility after HTMX swaps (WCAG 2.4.3 focus order, 3.3.1 error identification, 4.1.3 status messages).
   A static file because the CSP allows no inline script. Without JavaScript nothing here is needed: every form
   posts and renders a whole page, whose errors sit next to their fields.

   1. When a swap removes the focused element (the guided section's "Speichern" or "… hinzufügen" button), focus
      goes to the new row's first field, else the first invalid field (its aria-describedby reads the error),
      else the error summary (role=alert), else the success notice, else the region's heading.
   2. The change check fills error slots out of band; each field then gets aria-invalid and aria-describedby
      pointing at its slot, so a screen reader reads the message when the field is reached.
   3. A list re-rendered by a filter (case list, worklist) while the focus stays in the filter: its count line
      is read out through the page's one polite live region (#a11y-live), which is never swapped itself; a
      polled region (screening state) has its changes of state read out from its data-announce attribute.
   4. A warning before the session's idle timeout (see below). */
(function () {
  "use strict";

  var trigger = null; // the element whose request is running (htmx:beforeRequest)
  var addList = null; // id of the list whose "… hinzufügen" button was pressed
  var announced = {}; // last data-announce text read out, per region id

  function focusable(el) {
    return el.matches("a[href], button, input, select, textarea, summary, [tabindex]");
  }

  function focusOn(el) {
    if (!el) {
      return false;
    }
    if (!focusable(el)) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus();
    return document.activeElement === el;
  }

  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !document.documentElement.contains(active);
  }

  function announce(text) {
    var live = document.getElementById("a11y-live");
    if (!live || !text) {
      return;
    }
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = text;
    }, 100);
  }

  function controlsFor(slot) {
    var fieldId = slot.id.slice(0, -"-errors".length);
    var control = document.getElementById(fieldId);
    if (control) {
      return [control];
    }
    // Radio and checkbox groups: Django numbers the inputs <id>_0, <id>_1, …
    return Array.prototype.filter.call(document.querySelectorAll("input[id^='" + fieldId + "_']"), function (el) {
      return /_\d+$/.test(el.id.slice(fieldId.length));
    });
  }

  function syncErrorSlots(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".field-errors[id$='-errors']"), function (slot) {
      var hasError = slot.textContent.trim() !== "";
      var fieldId = slot.id.slice(0, -"-errors".length);
      controlsFor(slot).forEach(function (control) {
        var refs = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (ref) {
          return ref && ref !== slot.id && ref !== fieldId + "_error";
        });
        if (hasError) {
          refs.push(slot.id);
          control.setAttribute("aria-invalid", "true");
        } else {
          control.removeAttribute("aria-invalid");
        }
        if (refs.length) {
          control.setAttribute("aria-describedby", refs.join(" "));
        } else {
          control.removeAttribute("aria-describedby");
        }
      });
    });
  }

  function focusNewRow(listId) {
    var list = listId && document.getElementById(listId);
    var rows = list ? list.querySelectorAll("fieldset.item") : [];
    if (!rows.length) {
      return false;
    }
    return focusOn(rows[rows.length - 1].querySelector("input:not([type=hidden]), select, textarea"));
  }

  // 4. WCAG 2.2.1: before the idle timeout (the earliest end is data-session-seconds after the last request), a
  //    modal dialog offers "Sitzung verlängern"; every request to the server restarts the count.
  var sessionTimer = null;

  function sessionDialog() {
    return document.getElementById("session-warning");
  }

  function restartSessionTimer() {
    var dialog = sessionDialog();
    if (!dialog || typeof dialog.showModal !== "function") {
      return;
    }
    var seconds = parseInt(dialog.getAttribute("data-session-seconds"), 10);
    if (!(seconds > 0)) {
      return;
    }
    window.clearTimeout(sessionTimer);
    sessionTimer = window.setTimeout(function () {
      if (!dialog.open) {
        dialog.showModal();
      }
    }, Math.max(seconds - 120, seconds / 2) * 1000);
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var dialog = sessionDialog();
    if (dialog && dialog.open && dialog.contains(event.detail.elt) && event.detail.successful) {
      dialog.close();
    }
    restartSessionTimer();
  });

  document.addEventListener("DOMContentLoaded", function () {
    restartSessionTimer();
    Array.prototype.forEach.call(document.querySelectorAll("[data-announce][id]"), function (el) {
      announced[el.id] = el.getAttribute("data-announce");
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[name='_add']");
    var list = button && button.closest("fieldset.list");
    addList = list ? list.id : null;
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    trigger = event.detail.elt;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var swapped = (target && target.id && document.getElementById(target.id)) || target;
    var pendingAdd = addList;
    addList = null;
    if (!swapped || !document.documentElement.contains(swapped)) {
      return;
    }
    var form = swapped.closest("#section-form") || swapped.querySelector("#section-form") || document.getElementById("section-form");
    if (form) {
      syncErrorSlots(form);
    }
    // A region that replaces itself (the screening run's state, polled every 2 s) says what to read out in
    // data-announce: only a change of state is spoken, not every poll or progress step.
    if (swapped.hasAttribute("data-announce")) {
      var said = swapped.getAttribute("data-announce");
      if (said !== announced[swapped.id]) {
        if (announced[swapped.id] !== undefined) {
          announce(said);
        }
        announced[swapped.id] = said;
      }
    }
    if (focusLost()) {
      focusNewRow(pendingAdd) ||
        focusOn(swapped.querySelector("[aria-invalid='true']")) ||
        focusOn(swapped.querySelector("[role='alert']")) ||
        focusOn(swapped.querySelector(".notice[role='status']")) ||
        focusOn(swapped.querySelector("h1, h2, h3, h4")) ||
        focusOn(swapped);
      return;
    }
    // The focus stayed where it was (a filter field): read out the new count. Regions that are live regions
    // themselves speak on their own; a polling region replaced itself, so its old element is gone (no repeat).
    if (
      trigger &&
      document.documentElement.contains(trigger) &&
      !swapped.contains(trigger) &&
      !swapped.matches("[role='status'], [aria-live]")
    ) {
      var status = swapped.querySelector("[role='status']");
      if (status) {
        announce(status.textContent.replace(/\s+/g, " ").trim());
      }
    }
  });
})();
