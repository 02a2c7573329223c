// The query page: YASGUI on this server's endpoint, the example queries one click away, and
// links to the dataset's own resources pointing at their pages here.
(function () {
  "use strict";
  var endpoint = window.location.origin + "/sparql";
  document.getElementById("endpoint").textContent = endpoint;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null,
    yasqe: { resizeable: true },
    yasr: { defaultPlugin: "table" }
  });

  // the dataset's IRIs (under its base) open their page on this server
  function localise(root, base) {
    root.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (base && href.indexOf(base) === 0) {
        a.setAttribute("href", "/id/" + href.slice(base.length));
        a.removeAttribute("target");
      }
    });
  }

  function run(query) {
    var tab = yasgui.getTab();
    tab.setQuery(query);
    tab.query();
  }

  fetch("/.well-known/void", { headers: { Accept: "application/ld+json" } })
    .then(function (r) { return r.json(); })
    .then(function (nodes) {
      var base = null;
      nodes.forEach(function (node) {
        var space = node["http://rdfs.org/ns/void#uriSpace"];
        if (space && node["http://rdfs.org/ns/void#sparqlEndpoint"]) { base = space[0]["@value"]; }
      });
      var observer = new MutationObserver(function () { localise(document.getElementById("yasgui"), base); });
      observer.observe(document.getElementById("yasgui"), { childList: true, subtree: true });
    })
    .catch(function () { /* no VoID: links stay as they are */ });

  fetch("/queries/index.json")
    .then(function (r) { return r.json(); })
    .then(function (examples) {
      var box = document.getElementById("examples");
      examples.forEach(function (example) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = example.name;
        button.title = example.title;
        button.setAttribute("data-query", example.name);
        button.addEventListener("click", function () { run(example.query); });
        box.appendChild(button);
      });
    });
})();
