// Client-side search over the Pagefind index in ./pagefind/ (built offline by `digest build`).
// Loaded only by search.html. Every other page is readable without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var note = document.getElementById("search-nojs");
  if (!form || !input || !status || !list) return;
  if (note) note.hidden = true;

  var engine = null;
  var latest = 0;
  var timer = null;

  function say(text) {
    status.textContent = text;
  }

  function countText(n, query) {
    if (n === 0) return status.dataset.none.replace("{q}", query);
    if (n === 1) return status.dataset.one.replace("{q}", query);
    return status.dataset.results.replace("{n}", String(n)).replace("{q}", query);
  }

  // Pagefind's excerpt marks matches with <mark>; keep those and plain text, drop anything else.
  function excerptNode(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    out.className = "excerpt";
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function resultItem(data) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    // Pagefind resolves result URLs against where its bundle is served, sub-path included.
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    li.appendChild(heading);
    li.appendChild(excerptNode(data.excerpt || ""));
    return li;
  }

  // The index is split into bundles (so a rebuild re-indexes only what changed): the one in
  // ./pagefind/ carries the library, pagefind/bundles.json lists the others to merge in.
  function bundlePath(name) {
    return new URL("pagefind/" + name, document.baseURI).pathname;
  }

  function load() {
    if (!engine) {
      engine = Promise.all([
        import("./pagefind/pagefind.js"),
        fetch("pagefind/bundles.json", { cache: "no-cache" }).then(function (r) {
          if (!r.ok) throw new Error(r.status + " pagefind/bundles.json");
          return r.json();
        })
      ]).then(function (loaded) {
        var pagefind = loaded[0];
        return pagefind.init().then(function () {
          return Promise.all(loaded[1].merge.map(function (name) {
            return pagefind.mergeIndex(bundlePath(name));
          }));
        }).then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      list.replaceChildren();
      say("");
      return;
    }
    say(status.dataset.loading);
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (rows) { return { total: search.results.length, rows: rows }; });
    }).then(function (found) {
      if (ticket !== latest) return;
      list.replaceChildren.apply(list, found.rows.map(resultItem));
      say(countText(found.total, query));
    }).catch(function () {
      if (ticket !== latest) return;
      list.replaceChildren();
      say(status.dataset.offline);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
