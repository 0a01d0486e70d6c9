/*
 * Self-hosted, lazily loaded Mermaid.
 *
 * Material for MkDocs renders ```mermaid blocks with the global `mermaid` object and, when there is
 * none, loads Mermaid from unpkg.com. This script defines that global as a small stand-in, so no
 * page ever contacts a CDN: the first time Material asks for a diagram it loads the site's own copy
 * (assets/vendor/mermaid/mermaid.min.js, copied there by hooks/bundled_assets.py), which replaces
 * the stand-in, and forwards the call. Pages without diagrams never download Mermaid.
 *
 * Material only calls mermaid.initialize(config) once and mermaid.render(id, text) per diagram.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;

  var script = document.currentScript;
  var src = new URL("../vendor/mermaid/mermaid.min.js", script ? script.src : location.href).href;
  var settings = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = src;
        tag.onload = function () {
          if (window.mermaid === standIn) reject(new Error("Mermaid did not define itself: " + src));
          else resolve(window.mermaid);
        };
        tag.onerror = function () {
          loading = null;
          reject(new Error("Could not load Mermaid from " + src));
        };
        document.head.appendChild(tag);
      }).then(function (real) {
        if (settings) real.initialize(settings);
        return real;
      });
    }
    return loading;
  }

  var standIn = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, text, container) {
      return load().then(function (real) {
        return real.render(id, text, container);
      });
    },
  };
  window.mermaid = standIn;
})();
