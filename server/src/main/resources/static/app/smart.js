/*
 * SMART App Launch (EHR launch and standalone), written out because fhirclient.js has no WebJar:
 * SMART discovery (.well-known/smart-configuration), authorization code with PKCE (S256), token exchange.
 * Without an iss the page runs in open local mode and reads this server's /fhir directly.
 */
var GeneGateSmart = (function () {
  "use strict";
  var KEY = "genegate.smart";
  var DEFAULT_CLIENT_ID = "genegate-checklist";
  var SESSION = KEY + ".session";
  // The patient page asks for the launch patient's record; the worklist for the clinic's (a user-level token).
  var PAGES = {
    patient: { file: "index.html", scope: "launch launch/patient patient/*.read openid fhirUser" },
    worklist: { file: "worklist.html", scope: "launch openid fhirUser user/*.read" }
  };

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

  function pageUrl(file) {
    return new URL(file, window.location.href).toString().split("?")[0];
  }

  async function discover(iss) {
    var response = await fetch(iss.replace(/\/$/, "") + "/.well-known/smart-configuration",
      { headers: { Accept: "application/json" } });
    if (!response.ok) {
      throw new Error("SMART discovery at " + iss + " answered " + response.status);
    }
    return response.json();
  }

  /**
   * Step 1: the EHR (or a user) opens launch.html?iss=...&launch=... (page=worklist for the worklist); we go to the
   * authorization server.
   */
  async function launch(params) {
    var iss = params.get("iss");
    var page = PAGES[params.get("page")] || PAGES.patient;
    sessionStorage.removeItem(SESSION);
    if (!iss) {
      // Open local mode: no authorization server, the page reads this server's /fhir.
      var patient = params.get("patient");
      window.location.replace(pageUrl(page.file) + (patient ? "?patient=" + encodeURIComponent(patient) : ""));
      return;
    }
    var configuration = await discover(iss);
    var verifier = randomText(64);
    var state = randomText(32);
    var clientId = params.get("client_id") || DEFAULT_CLIENT_ID;
    sessionStorage.setItem(KEY + "." + state, JSON.stringify({
      iss: iss, verifier: verifier, clientId: clientId, tokenEndpoint: configuration.token_endpoint, file: page.file
    }));
    var authorize = new URL(configuration.authorization_endpoint);
    var query = {
      response_type: "code", client_id: clientId, redirect_uri: pageUrl(page.file), scope: page.scope, state: state,
      aud: iss,
      code_challenge: await challengeOf(verifier), code_challenge_method: "S256"
    };
    if (params.get("launch")) {
      query.launch = params.get("launch");
    }
    Object.keys(query).forEach(function (k) { authorize.searchParams.set(k, query[k]); });
    window.location.assign(authorize.toString());
  }

  /**
   * Step 2, on the page: exchange the code for a token; else go on with this tab's session (the worklist opening
   * a patient's page); else (open mode) use this server's /fhir. Resolves to {fhirBase, patientId, headers,
   * launchPatient}: launchPatient is the token's patient, set only for a patient-level launch.
   */
  async function ready(params) {
    var code = params.get("code");
    var state = params.get("state");
    if (!code) {
      var session = JSON.parse(sessionStorage.getItem(SESSION) || "null");
      if (session) {
        return Object.assign({}, session, { patientId: params.get("patient") || session.launchPatient });
      }
      return { fhirBase: new URL("../fhir", window.location.href).toString().replace(/\/$/, ""),
               patientId: params.get("patient"), headers: {}, launchPatient: null };
    }
    var saved = JSON.parse(sessionStorage.getItem(KEY + "." + state) || "null");
    if (!saved) {
      throw new Error("Unknown authorization state: launch the app again");
    }
    var body = new URLSearchParams({
      grant_type: "authorization_code", code: code, redirect_uri: pageUrl(saved.file), client_id: saved.clientId,
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
    var ready = { fhirBase: saved.iss.replace(/\/$/, ""), headers: { Authorization: "Bearer " + token.access_token },
                  launchPatient: token.patient || null };
    sessionStorage.setItem(SESSION, JSON.stringify(ready));
    // Keep the code out of the address bar (and out of a reload).
    window.history.replaceState({}, "", pageUrl(saved.file)
      + (token.patient ? "?patient=" + encodeURIComponent(token.patient) : ""));
    return Object.assign({ patientId: token.patient }, ready);
  }

  return { launch: launch, ready: ready, challengeOf: challengeOf };
})();
