// Gives each rendered ipywidgets slider an accessible name (copied into the site by
// scripts/widget_js.sh and loaded after embed-amd.js on pages that show widgets).
// The html-manager draws a slider's handle as role="slider" with no name, so a screen reader
// announces "slider, 3" without saying what it sets (axe: aria-input-field-name). The
// widget's own description ("Tables", "Defect rate"...) is the name a sighted reader sees.
(function () {
  "use strict";
  function nameHandles(root) {
    root.querySelectorAll(".widget-slider, .jupyter-widget-slider").forEach(function (widget) {
      var label = widget.querySelector(".widget-label");
      var text = label ? label.textContent.trim() : "";
      widget.querySelectorAll('[role="slider"]').forEach(function (handle) {
        if (text && !handle.getAttribute("aria-label") && !handle.getAttribute("aria-labelledby")) {
          handle.setAttribute("aria-label", text);
        }
      });
    });
  }
  // Widgets render after the page loaded, in several steps: label them as they appear.
  new MutationObserver(function () {
    nameHandles(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
