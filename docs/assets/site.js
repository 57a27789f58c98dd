// Site-wide script (mkdocs.yml extra_javascript), small: it names the search dialog for screen
// readers (Material's has no name), and lets tables that scroll sideways take the keyboard.
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  // A table that scrolls sideways can be scrolled with the keyboard too (WCAG 2.1.1).
  function focusable() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        w.setAttribute("tabindex", "0");
        w.setAttribute("role", "region");
        w.setAttribute("aria-label", "Table (scrolls sideways)");
      } else if (w.getAttribute("tabindex") === "0") {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-label");
      }
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { setTimeout(focusable, 0); });
  window.addEventListener("load", focusable);
  window.addEventListener("resize", focusable);
})();

// Pasted errors (issue 22): the quotes and backticks of an error text, and lunr's operators
// (: ~ ^ * and a leading + or -), make the site's search refuse the whole query ("Invalid
// query"); they carry no words (the search splits words at `:` anyway), so the search box
// drops them as they arrive.
(function () {
  "use strict";
  var input = document.querySelector("input.md-search__input");
  if (!input) return;
  input.addEventListener("input", function () {
    var clean = input.value.replace(/["'`:~^*]+/g, " ").replace(/(^|\s)[+-]+(?=\S)/g, "$1");
    if (clean !== input.value) input.value = clean;
  });
})();
