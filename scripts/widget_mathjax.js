// Lets the ipywidgets html-manager typeset with MathJax 3 (copied into the site by
// scripts/widget_js.sh and loaded on pages that show widgets).
// The widget manager typesets every description with the MathJax 2 call
// `MathJax.Hub.Queue(["Typeset", MathJax.Hub, element])` whenever `window.MathJax` exists.
// Sphinx loads MathJax 3 on pages with formulas, which has no `Hub`: every widget label then
// throws "Cannot read properties of undefined (reading 'Queue')" in the reader's console.
// This gives whatever object `window.MathJax` holds (the settings object first, MathJax 3
// itself once loaded) a `Hub.Queue` that forwards to MathJax 3's typesetPromise.
(function () {
  "use strict";
  function typesetLater(job) {
    var element = job && job[2];
    var mathjax = window.MathJax;
    if (!element || !mathjax || !mathjax.startup || !mathjax.startup.promise) return;
    mathjax.startup.promise.then(function () {
      return mathjax.typesetPromise ? mathjax.typesetPromise([element]) : null;
    });
  }
  function addHub(value) {
    if (value && typeof value === "object" && !value.Hub) {
      Object.defineProperty(value, "Hub", {
        value: { Queue: typesetLater },
        enumerable: false, // not copied into MathJax 3's settings
        configurable: true,
      });
    }
    return value;
  }
  var current = addHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () {
      return current;
    },
    set: function (value) {
      current = addHub(value);
    },
  });
})();
