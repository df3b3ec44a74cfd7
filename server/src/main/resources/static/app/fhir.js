/*
 * What the GeneGate pages share: building elements, reading this server's FHIR API with the SMART session's
 * headers (following search paging), and reading Parameters parts by name.
 */
var GeneGateFhir = (function () {
  "use strict";

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attributes[k]; } else { node.setAttribute(k, attributes[k]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  /** A client for the session GeneGateSmart.ready resolved: get(path) and all(searchPath). */
  function client(session) {
    async function read(url) {
      var response = await fetch(url, { headers: Object.assign({ Accept: "application/fhir+json" }, session.headers) });
      var body = await response.json().catch(function () { return {}; });
      if (!response.ok) {
        var issue = body.issue && body.issue[0];
        var error = new Error(url.replace(session.fhirBase + "/", "").split("?")[0] + ": " + response.status + " "
          + ((issue && issue.diagnostics) || ""));
        error.status = response.status;
        throw error;
      }
      return body;
    }
    async function get(path) {
      return read(session.fhirBase + "/" + path);
    }
    async function all(path) {
      var bundle = await get(path);
      var resources = (bundle.entry || []).map(function (e) { return e.resource; });
      var next = (bundle.link || []).find(function (l) { return l.relation === "next"; });
      while (next) {
        bundle = await read(next.url);
        resources = resources.concat((bundle.entry || []).map(function (e) { return e.resource; }));
        next = (bundle.link || []).find(function (l) { return l.relation === "next"; });
      }
      return resources;
    }
    return { get: get, all: all };
  }

  function part(parameter, name) {
    return (parameter.part || []).filter(function (p) { return p.name === name; });
  }

  function value(p) {
    if (!p) { return null; }
    var key = Object.keys(p).find(function (k) { return k.indexOf("value") === 0; });
    if (!key) { return null; }
    return key === "valueReference" ? p[key].reference : p[key];
  }

  function first(parameter, name) {
    return value(part(parameter, name)[0]);
  }

  function top(parameters, name) {
    return (parameters.parameter || []).filter(function (p) { return p.name === name; });
  }

  function showError(message) {
    var error = document.getElementById("error");
    error.textContent = message;
    error.hidden = false;
  }

  return { el: el, client: client, part: part, value: value, first: first, top: top, showError: showError };
})();
