/* sphinx-posts: puts the shared sidebar components (recent posts, tags, archive ...) into
   the slots of this page (posts_sidebars = "shared"). The components are rendered once a
   build into one script file beside the blog's pages, so a new post changes that file and
   no page. Links in it are relative to the site's root and are resolved here; a page
   without JavaScript keeps each slot's heading, a link to the page it summarises. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("../", script.src); // this file is in _static/, one level below the root
  var data = script.getAttribute("data-posts-sidebars");
  var external = /^([a-z][a-z0-9+.-]*:|\/|#)/i;

  function here(url) {
    // dirhtml links name the folder: a/ and a/index.html are one page
    return url.split("#")[0].replace(/\/index\.html$/, "/");
  }

  function fill(fragments) {
    var slots = document.querySelectorAll("[data-posts-shared]");
    var page = here(window.location.href);
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      var html = fragments[slot.getAttribute("data-posts-shared")];
      if (typeof html !== "string") continue; // unknown: keep the heading link
      var template = document.createElement("template");
      template.innerHTML = html;
      var links = template.content.querySelectorAll("[href], [src]");
      for (var j = 0; j < links.length; j++) {
        var link = links[j];
        var name = link.hasAttribute("href") ? "href" : "src";
        var value = link.getAttribute(name);
        if (external.test(value)) continue;
        var url = new URL(value, root).href;
        link.setAttribute(name, url);
        if (name === "href" && here(url) === page) {
          link.setAttribute("aria-current", "page");
          if (link.parentNode && link.parentNode.tagName === "LI") {
            link.parentNode.classList.add("current");
          }
        }
      }
      slot.replaceWith(template.content);
    }
  }

  window.postsSidebarsLoaded = function (fragments) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        fill(fragments);
      });
    } else {
      fill(fragments);
    }
  };
  if (!data || !document.querySelector("[data-posts-shared]")) return;
  var loader = document.createElement("script");
  loader.src = new URL(data, root).href;
  loader.async = true;
  document.head.appendChild(loader);
})();
