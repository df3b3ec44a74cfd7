/*
 * SMART App Launch (EHR launch and standalone), written out because fhirclient.js has no WebJar:
 * SMART discovery (.well-known/smart-configuration), authorization code with PKCE (S256), token exchange.
 * Without an iss the page runs in open local mode and reads this server's /fhir directly.
 */
var GeneGateSmart = (function () {
  "use strict";
  var KEY = "genegate.smart";
  var DEFAULT_CLIENT_ID = "genegate-checklist";
  var SCOPE = "launch launch/patient patient/*.read openid fhirUser";

  function base64url(bytes) {
    var text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function randomText(length) {
    var bytes = new Uint8Array(length);
    crypto.getRandomValues(bytes);
    return base64url(bytes).slice(0, length);
  }

  async function challengeOf(verifier) {
    var digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
    return base64url(new Uint8Array(digest));
  }

  function appUrl() {
    return new URL("index.html", window.location.href).toString().split("?")[0];
  }

  async function discover(iss) {
    var response = await fetch(iss.replace(/\/$/, "") + "/.well-known/smart-configuration",
      { headers: { Accept: "application/json" } });
    if (!response.ok) {
      throw new Error("SMART discovery at " + iss + " answered " + response.status);
    }
    return response.json();
  }

  /** Step 1: the EHR (or a user) opens launch.html?iss=...&launch=...; we go to the authorization server. */
  async function launch(params) {
    var iss = params.get("iss");
    if (!iss) {
      // Open local mode: no authorization server, the page reads this server's /fhir.
      var patient = params.get("patient");
      window.location.replace(appUrl() + (patient ? "?patient=" + encodeURIComponent(patient) : ""));
      return;
    }
    var configuration = await discover(iss);
    var verifier = randomText(64);
    var state = randomText(32);
    var clientId = params.get("client_id") || DEFAULT_CLIENT_ID;
    sessionStorage.setItem(KEY + "." + state, JSON.stringify({
      iss: iss, verifier: verifier, clientId: clientId, tokenEndpoint: configuration.token_endpoint
    }));
    var authorize = new URL(configuration.authorization_endpoint);
    var query = {
      response_type: "code", client_id: clientId, redirect_uri: appUrl(), scope: SCOPE, state: state, aud: iss,
      code_challenge: await challengeOf(verifier), code_challenge_method: "S256"
    };
    if (params.get("launch")) {
      query.launch = params.get("launch");
    }
    Object.keys(query).forEach(function (k) { authorize.searchParams.set(k, query[k]); });
    window.location.assign(authorize.toString());
  }

  /**
   * Step 2, on index.html: exchange the code for a token, or (open mode) use this server's /fhir.
   * Resolves to {fhirBase, patientId, headers}.
   */
  async function ready(params) {
    var code = params.get("code");
    var state = params.get("state");
    if (!code) {
      return { fhirBase: new URL("../fhir", window.location.href).toString().replace(/\/$/, ""),
               patientId: params.get("patient"), headers: {} };
    }
    var saved = JSON.parse(sessionStorage.getItem(KEY + "." + state) || "null");
    if (!saved) {
      throw new Error("Unknown authorization state: launch the app again");
    }
    var body = new URLSearchParams({
      grant_type: "authorization_code", code: code, redirect_uri: appUrl(), client_id: saved.clientId,
      code_verifier: saved.verifier
    });
    var response = await fetch(saved.tokenEndpoint, {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: body
    });
    if (!response.ok) {
      throw new Error("Token exchange answered " + response.status);
    }
    var token = await response.json();
    sessionStorage.removeItem(KEY + "." + state);
    // Keep the code out of the address bar (and out of a reload).
    window.history.replaceState({}, "", appUrl() + "?patient=" + encodeURIComponent(token.patient || ""));
    return { fhirBase: saved.iss.replace(/\/$/, ""), patientId: token.patient,
             headers: { Authorization: "Bearer " + token.access_token } };
  }

  return { launch: launch, ready: ready, challengeOf: challengeOf };
})();
