/*
 * The coordinator's worklist: one row per patient with a Hemgenix order, infusion or monitoring plan, from one
 * request (Patient/$hemgenix-worklist, which runs the readiness gates and the post-infusion review on the server).
 * Flags say in words who is ready, who is overdue and who has an ALT alert; rows sort, filter and open the
 * patient's page (click, or Tab to the row and Enter).
 */
(function () {
  "use strict";
  var F = GeneGateFhir;
  var el = F.el, part = F.part, value = F.value, first = F.first, top = F.top;
  var rows = [];
  var sortKey = "attention";
  var descending = true;

  var READINESS_TEXT = { "ready": "Ready", "incomplete": "Incomplete", "not-ready": "Not ready" };

  function toRow(parameter) {
    var phase = first(parameter, "phase");
    var alerts = part(parameter, "alert").map(value);
    var row = {
      id: first(parameter, "patient").replace("Patient/", ""),
      name: first(parameter, "name"),
      born: first(parameter, "birthDate") || "",
      gender: first(parameter, "gender") || "",
      phase: phase,
      readiness: first(parameter, "readiness"),
      week: first(parameter, "week"),
      next: first(parameter, "next"),
      nextDue: first(parameter, "nextDue"),
      overdue: Number(first(parameter, "overdue") || 0),
      critical: Number(first(parameter, "critical") || 0),
      warning: Number(first(parameter, "warning") || 0),
      findings: part(parameter, "finding").map(value),
      alerts: alerts,
      payer: first(parameter, "payer"),
      paNeeded: first(parameter, "paNeeded"),
      covered: first(parameter, "covered")
    };
    row.flags = [];
    if (row.readiness === "ready") { row.flags.push("Ready"); }
    if (row.overdue > 0) { row.flags.push("Overdue"); }
    if (alerts.indexOf("alt") >= 0) { row.flags.push("ALT alert"); }
    if (alerts.indexOf("inhibitor") >= 0) { row.flags.push("Inhibitor"); }
    if (row.critical > 0) { row.flags.push("Critical"); }
    // Most urgent first: critical, ALT, overdue, warnings; ready patients next, as they wait for an order.
    row.attention = Math.min(row.critical, 9) * 100000 + (alerts.indexOf("alt") >= 0 ? 10000 : 0)
      + Math.min(row.overdue, 9) * 1000 + Math.min(row.warning, 9) * 100 + (row.readiness === "ready" ? 5 : 0);
    row.open = row.critical * 100 + row.warning;
    row.state = phase === "post-infusion" ? "2 " + (row.nextDue || "9999") : "1 " + row.readiness;
    row.text = [row.name, row.id, row.next, row.payer, row.findings.join(" "), row.flags.join(" ")].join(" ")
      .toLowerCase();
    return row;
  }

  function tag(text, kind) {
    return el("span", { "class": "tag tag-" + kind, text: text });
  }

  function stateCell(row) {
    if (row.phase === "pre-infusion") {
      return el("td", {}, [tag(READINESS_TEXT[row.readiness] || row.readiness, row.readiness)]);
    }
    return el("td", {}, [el("div", { text: "Week " + row.week + " after Hemgenix" }),
      el("div", { "class": "note", text: row.next ? "Next: " + row.next + (row.nextDue ? ", due " + row.nextDue : "")
        : "Nothing due" })]);
  }

  function open(row) {
    window.location.assign("index.html?patient=" + encodeURIComponent(row.id));
  }

  function render() {
    var text = document.getElementById("filter-text").value.trim().toLowerCase();
    var show = document.getElementById("filter-show").value;
    var shown = rows.filter(function (r) {
      var matches = !text || r.text.indexOf(text) >= 0;
      var kept = show === "all" || r.phase === show || (show === "ready" && r.readiness === "ready")
        || (show === "overdue" && r.overdue > 0) || (show === "alt" && r.alerts.indexOf("alt") >= 0)
        || (show === "critical" && r.critical > 0);
      return matches && kept;
    }).sort(function (a, b) {
      var x = a[sortKey], y = b[sortKey];
      var order = typeof x === "number" ? x - y : String(x || "").localeCompare(String(y || ""));
      return (descending ? -order : order) || a.name.localeCompare(b.name);
    });
    var body = document.querySelector("#worklist tbody");
    body.textContent = "";
    shown.forEach(function (r) {
      var link = el("a", { href: "index.html?patient=" + encodeURIComponent(r.id), tabindex: "-1", text: r.name });
      var tr = el("tr", { tabindex: "0", "data-patient": r.id, "data-phase": r.phase,
        "aria-label": r.name + ", " + (r.phase === "post-infusion" ? "after Hemgenix" : "before Hemgenix")
          + (r.flags.length ? ", " + r.flags.join(", ") : "") }, [
        el("th", { scope: "row" }, [link, el("div", { "class": "note",
          text: (r.gender || "sex not recorded") + " · " + (r.born ? "born " + r.born : "birth date not recorded") })]),
        el("td", { text: r.phase === "post-infusion" ? "After Hemgenix" : "Before Hemgenix" }),
        stateCell(r),
        el("td", { "class": "flags" }, r.flags.length ? r.flags.map(function (f) {
          return tag(f, f.toLowerCase().replace(/ /g, "-"));
        }) : [el("span", { "class": "note", text: "—" })]),
        el("td", {}, [el("div", { text: r.critical + " critical, " + r.warning + " warning" }),
          r.findings.length ? el("ul", { "class": "plain findings" }, r.findings.map(function (f) {
            return el("li", { text: f });
          })) : null]),
        el("td", { text: r.payer ? r.payer + " · PA " + (r.paNeeded || "?") + " · covered " + (r.covered || "?")
          : "No active coverage" })
      ]);
      tr.addEventListener("click", function () { open(r); });
      tr.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { open(r); }
      });
      body.appendChild(tr);
    });
    document.getElementById("shown").textContent = shown.length + " of " + rows.length + " patients shown";
    document.querySelectorAll("#worklist thead th").forEach(function (th) {
      var key = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", key === sortKey ? (descending ? "descending" : "ascending") : "none");
    });
  }

  function renderSummary() {
    function count(test) { return rows.filter(test).length; }
    var items = [
      ["ready", "Ready for the order", count(function (r) { return r.readiness === "ready"; })],
      ["overdue", "Overdue follow-up", count(function (r) { return r.overdue > 0; })],
      ["alt", "ALT alert", count(function (r) { return r.alerts.indexOf("alt") >= 0; })],
      ["critical", "A critical finding", count(function (r) { return r.critical > 0; })],
      ["post-infusion", "After Hemgenix", count(function (r) { return r.phase === "post-infusion"; })],
      ["pre-infusion", "Before Hemgenix", count(function (r) { return r.phase === "pre-infusion"; })]
    ];
    var list = document.getElementById("summary");
    items.forEach(function (item) {
      var button = el("button", { type: "button", "data-show": item[0], text: item[1] + ": " + item[2] });
      button.addEventListener("click", function () {
        document.getElementById("filter-show").value = item[0];
        render();
      });
      list.appendChild(el("li", {}, [button]));
    });
  }

  async function main() {
    var session = await GeneGateSmart.ready(new URLSearchParams(window.location.search));
    if (session.launchPatient) {
      throw new Error("The worklist shows every patient of the clinic, so it needs a clinician's sign-in "
        + "(a user-level SMART launch). This sign-in is for one patient only: open that patient's page instead.");
    }
    var worklist;
    try {
      worklist = await F.client(session).get("Patient/$hemgenix-worklist");
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        throw new Error("The worklist shows every patient of the clinic and this sign-in may not read them ("
          + e.status + "). Sign in as a clinician with user-level access.");
      }
      throw e;
    }
    rows = top(worklist, "row").map(toRow);
    document.getElementById("as-of").textContent = rows.length + " patients · as of "
      + new Date().toISOString().slice(0, 10);
    renderSummary();
    document.getElementById("filter-text").addEventListener("input", render);
    document.getElementById("filter-show").addEventListener("change", render);
    document.querySelectorAll("#worklist thead button").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.dataset.sort;
        descending = key === sortKey ? !descending : key === "attention" || key === "open";
        sortKey = key;
        render();
      });
    });
    render();
    document.getElementById("content").hidden = false;
  }

  main().then(function () {
    document.body.dataset.ready = "true";
  }).catch(function (e) {
    F.showError(e.message);
    document.body.dataset.ready = "error";
  });
})();
