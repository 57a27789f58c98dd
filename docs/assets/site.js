// Site-wide script (mkdocs.yml extra_javascript), small: it names the search dialog for screen
// readers (Material's has no name), and draws diagrams on demand.
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

// Diagrams on demand (issue 15): Mermaid's bundle is ~1 MB compressed, so no page loads it
// until the reader asks for a drawing. Each `pre.diagram` (the Mermaid text, written by
// gen/formats/*.py with every data character escaped) gets a "Draw the diagram" button; the
// first click loads the vendored bundle (never a CDN) and draws into a div.diagram-drawing.
(function () {
  "use strict";
  var me = document.currentScript;
  var bundle = me ? me.src.replace(/site\.js(\?.*)?$/, "vendor/mermaid/mermaid.min.js") : null;
  var loading = null;

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  function load() {  // one <script> for the whole page, however many diagrams ask
    if (window.mermaid && window.mermaid.render) return Promise.resolve(window.mermaid);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundle;
        script.onload = function () {
          window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: scheme() });
          resolve(window.mermaid);
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  var count = 0;
  function draw(box, text) {  // resolves when the SVG is in the box
    return load().then(function (mermaid) {
      return mermaid.render("eks-diagram-" + (++count), text);
    }).then(function (result) { box.innerHTML = result.svg; });
  }

  function button(label, onclick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button diagram-button";
    b.textContent = label;
    b.addEventListener("click", onclick);
    return b;
  }

  window.eksDiagram = { load: load, draw: draw, button: button };

  Array.prototype.forEach.call(document.querySelectorAll("pre.diagram"), function (pre) {
    var text = pre.textContent;
    var box = document.createElement("div");
    box.className = "diagram-drawing";
    var b = button("Draw the diagram", function () {
      b.disabled = true;
      b.textContent = "Drawing…";
      draw(box, text).then(function () { b.remove(); pre.hidden = true; },
        function () { b.disabled = false; b.textContent = "Draw the diagram (failed, try again)"; });
    });
    pre.parentNode.insertBefore(b, pre);
    pre.parentNode.insertBefore(box, pre);
    pre.hidden = true;
  });
})();
