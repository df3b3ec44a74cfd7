/*
 * The Hemgenix checklist for one patient: the gates of Patient/{id}/$j1411-readiness with evidence and sources,
 * the weight-based dose, the payer's requirements, and ALT and FIX activity over time with the upper limit of
 * normal, 2 x the pre-infusion ALT baseline and the follow-up dates of the monitoring plan (not the payer's
 * outcomes-agreement reporting dates, which are a contract's, not clinical).
 */
(function () {
  "use strict";
  var LOINC = "http://loinc.org";
  var ALT = "1742-6";
  var FIX = ["3187-2", "3186-4"];
  var PLAN_IDENTIFIER = "http://genegate.org/fhir/sid/hemgenix-monitoring-plan";
  var J1411 = "J1411";
  var fhir;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attributes[k]; } else { node.setAttribute(k, attributes[k]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  async function get(path) {
    var response = await fetch(fhir.fhirBase + "/" + path,
      { headers: Object.assign({ Accept: "application/fhir+json" }, fhir.headers) });
    var body = await response.json();
    if (!response.ok) {
      var issue = body.issue && body.issue[0];
      throw new Error(path.split("?")[0] + ": " + response.status + " " + ((issue && issue.diagnostics) || ""));
    }
    return body;
  }

  async function all(path) {
    var bundle = await get(path);
    var resources = (bundle.entry || []).map(function (e) { return e.resource; });
    var next = (bundle.link || []).find(function (l) { return l.relation === "next"; });
    while (next) {
      var response = await fetch(next.url, { headers: Object.assign({ Accept: "application/fhir+json" }, fhir.headers) });
      bundle = await response.json();
      resources = resources.concat((bundle.entry || []).map(function (e) { return e.resource; }));
      next = (bundle.link || []).find(function (l) { return l.relation === "next"; });
    }
    return resources;
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

  function renderPatient(patient, readiness) {
    var name = (patient.name || [])[0] || {};
    document.getElementById("patient").textContent = [(name.given || []).join(" "), name.family].join(" ").trim()
      + " · born " + (patient.birthDate || "?") + " · Patient/" + patient.id;
    var badge = document.getElementById("readiness");
    var state = value(top(readiness, "readiness")[0]);
    badge.textContent = state + " · policy " + value(top(readiness, "policyVersion")[0]) + " · as of "
      + value(top(readiness, "asOf")[0]);
    badge.className = "badge " + state;
    badge.dataset.readiness = state;
  }

  function renderGates(readiness) {
    var body = document.querySelector("#checklist tbody");
    top(readiness, "gate").forEach(function (gate) {
      var status = first(gate, "status");
      var severity = first(gate, "severity");
      var evidence = el("ul", { "class": "evidence" }, part(gate, "evidence").map(function (e) {
        var text = first(e, "what") + (first(e, "value") ? ": " + first(e, "value") : "")
          + (first(e, "date") ? " (" + first(e, "date") + ")" : "");
        var reference = first(e, "reference");
        return el("li", { text: text + (reference ? " [" + reference + "]" : "") });
      }));
      var remedies = el("ul", { "class": "remedies" }, part(gate, "remedy").map(function (r) {
        return el("li", { text: first(r, "action") });
      }));
      var statusClass = status === "pass" ? "status-pass" : (severity === "info" || severity === "none")
        && status !== "could-not-verify" ? "severity-info" : "status-" + status;
      body.appendChild(el("tr", { "data-gate": first(gate, "id"), "data-status": status }, [
        el("td", { text: first(gate, "title") }),
        el("td", { "class": "status " + statusClass }, [el("span", { text: status })]),
        el("td", {}, [el("div", { text: first(gate, "message") }),
          el("div", { "class": "source", text: "Source (" + part(gate, "sourceClass").map(value).join(", ") + "): "
            + (first(gate, "source") || "") })]),
        el("td", {}, [evidence]),
        el("td", {}, [remedies])
      ]));
    });
  }

  function renderDose(readiness) {
    var target = document.querySelector("#dose .body");
    var dose = top(readiness, "dose")[0];
    if (!dose) {
      var gate = top(readiness, "gate").find(function (g) { return first(g, "id") === "weight-and-dose"; });
      target.appendChild(el("p", { text: gate ? first(gate, "message") : "No dose gate in the policy." }));
      return;
    }
    var gc = Number(first(dose, "genomeCopies"));
    var exponent = Math.floor(Math.log10(gc));
    target.appendChild(el("dl", {}, [
      el("dt", { text: "Body weight" }), el("dd", { text: first(dose, "weightKg") + " kg" }),
      el("dt", { text: "Dose" }), el("dd", { text: (gc / Math.pow(10, exponent)).toFixed(2).replace(/\.?0+$/, "")
        + " × 10^" + exponent + " gc (2 × 10^13 gc/kg)" }),
      el("dt", { text: "Volume" }), el("dd", { id: "dose-volume", text: first(dose, "volumeMl") + " mL (2 mL/kg)" }),
      el("dt", { text: "Vials" }), el("dd", { text: first(dose, "vials") + " × 10 mL" })
    ]));
  }

  function renderPayer(readiness) {
    var target = document.querySelector("#payer .body");
    var pa = top(readiness, "priorAuthorization")[0];
    if (!pa) {
      target.appendChild(el("p", { text: "No active coverage on record: the payer's requirements are unknown." }));
      return;
    }
    target.appendChild(el("dl", {}, [
      el("dt", { text: "Payer" }), el("dd", { id: "payer-name", text: first(pa, "payer") }),
      el("dt", { text: "Prior authorization" }), el("dd", { text: first(pa, "paNeeded") }),
      el("dt", { text: "Covered" }), el("dd", { text: first(pa, "covered") }),
      el("dt", { text: "Outcomes-based agreement" }), el("dd", { text: first(pa, "outcomesBasedAgreement") || "" })
    ]));
    target.appendChild(el("h3", { text: "Documentation for the PA packet" }));
    target.appendChild(el("ul", { "class": "plain", id: "payer-documentation" },
      part(pa, "documentation").map(function (d) { return el("li", { text: value(d) }); })));
    var records = part(pa, "record").map(value);
    target.appendChild(el("details", { "class": "note" }, [
      el("summary", { text: records.length + " records the findings rest on (for the packet)" }),
      el("p", { text: records.join(", ") })]));
  }

  function day(resource) {
    var when = resource.effectiveDateTime || (resource.effectivePeriod || {}).start || resource.issued || "";
    return when.slice(0, 10);
  }

  function hasCode(observation, codes) {
    return ((observation.code || {}).coding || []).some(function (c) {
      return c.system === LOINC && codes.indexOf(c.code) >= 0;
    });
  }

  async function renderLabs(patientId) {
    var observations = await all("Observation?patient=" + encodeURIComponent(patientId) + "&code="
      + encodeURIComponent([ALT].concat(FIX).map(function (c) { return LOINC + "|" + c; }).join(","))
      + "&_sort=date&_count=500");
    var administrations = await all("MedicationAdministration?patient=" + encodeURIComponent(patientId));
    var plans = await all("CarePlan?patient=" + encodeURIComponent(patientId) + "&identifier="
      + encodeURIComponent(PLAN_IDENTIFIER + "|" + patientId));
    var given = administrations.filter(function (a) {
      return a.status === "completed" && JSON.stringify(a.medicationCodeableConcept || {}).indexOf(J1411) >= 0;
    }).map(day).sort().pop();

    var alt = observations.filter(function (o) { return hasCode(o, [ALT]) && o.valueQuantity; });
    var fix = observations.filter(function (o) { return hasCode(o, FIX) && o.valueQuantity; });
    var latestAlt = alt[alt.length - 1];
    var uln = latestAlt && latestAlt.referenceRange && latestAlt.referenceRange[0].high
      ? latestAlt.referenceRange[0].high.value : 40;
    var baseline = given ? alt.filter(function (o) { return day(o) <= given; }).pop() : null;
    var milestones = [];
    plans.forEach(function (plan) {
      (plan.activity || []).forEach(function (a) {
        var d = a.detail || {};
        if (d.scheduledPeriod && /months after the infusion \(follow-up\)/.test(d.description || "")) {
          var label = d.description.match(/at (\d+) months/);
          var date = d.scheduledPeriod.start.slice(0, 10);
          if (!milestones.some(function (m) { return m.date === date; })) {
            milestones.push({ date: date, label: (label ? label[1] : "?") + " mo" });
          }
        }
      });
    });

    var labels = alt.map(day).concat(fix.map(day)).concat(given ? [given] : []).concat(milestones.map(function (m) {
      return m.date;
    }));
    labels = labels.filter(function (d, i) { return labels.indexOf(d) === i; }).sort();
    function series(list) {
      return labels.map(function (d) {
        var hit = list.filter(function (o) { return day(o) === d; }).pop();
        return hit ? hit.valueQuantity.value : null;
      });
    }
    function flat(y) { return labels.map(function () { return y; }); }

    var datasets = [
      { label: "ALT (U/L)", data: series(alt), borderColor: "#c62828", backgroundColor: "#c62828", yAxisID: "alt",
        spanGaps: true },
      { label: "FIX activity (%)", data: series(fix), borderColor: "#1565c0", backgroundColor: "#1565c0",
        yAxisID: "fix", spanGaps: true },
      { label: "ALT upper limit of normal (" + uln + " U/L)", data: flat(uln), borderColor: "#ef6c00",
        borderDash: [6, 4], pointRadius: 0, yAxisID: "alt" }
    ];
    if (baseline) {
      datasets.push({ label: "2 × baseline ALT (" + 2 * baseline.valueQuantity.value + " U/L)",
        data: flat(2 * baseline.valueQuantity.value), borderColor: "#6a1b9a", borderDash: [2, 3], pointRadius: 0,
        yAxisID: "alt" });
    }
    var markers = (given ? [{ date: given, label: "Hemgenix" }] : []).concat(milestones);
    var verticalLines = {
      id: "milestones",
      afterDatasetsDraw: function (chart) {
        var ctx = chart.ctx;
        var area = chart.chartArea;
        markers.forEach(function (m) {
          var x = chart.scales.x.getPixelForValue(labels.indexOf(m.date));
          ctx.save();
          ctx.strokeStyle = m.label === "Hemgenix" ? "#2e7d32" : "#90a4ae";
          ctx.setLineDash([4, 4]);
          ctx.beginPath();
          ctx.moveTo(x, area.top);
          ctx.lineTo(x, area.bottom);
          ctx.stroke();
          ctx.fillStyle = "#37474f";
          ctx.font = "11px sans-serif";
          ctx.fillText(m.label, x + 3, area.top + 12);
          ctx.restore();
        });
      }
    };
    var canvas = document.getElementById("labs-chart");
    new Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { alt: { position: "left", title: { display: true, text: "ALT (U/L)" }, beginAtZero: true },
                  fix: { position: "right", title: { display: true, text: "FIX activity (%)" }, beginAtZero: true,
                         grid: { drawOnChartArea: false } } }
      },
      plugins: [verticalLines]
    });
    var chart = document.getElementById("labs");
    chart.dataset.altPoints = alt.length;
    chart.dataset.fixPoints = fix.length;
    chart.dataset.uln = uln;
    chart.dataset.baselineTwice = baseline ? 2 * baseline.valueQuantity.value : "";
    chart.dataset.milestones = milestones.map(function (m) { return m.date; }).join(" ");
    document.getElementById("labs-note").textContent = given
      ? "Hemgenix given " + given + "; follow-up dates of the monitoring plan: "
        + (milestones.map(function (m) { return m.label + " " + m.date; }).join(", ") || "none on record") + "."
      : "No Hemgenix administration on record: pre-infusion results only.";
  }

  async function renderPicker() {
    document.getElementById("picker").hidden = false;
    var patients = await all("Patient?_count=100&_sort=_id");
    var list = document.getElementById("patients");
    patients.forEach(function (p) {
      list.appendChild(el("li", {}, [el("a", { href: "?patient=" + encodeURIComponent(p.id), text: p.id })]));
    });
  }

  async function main() {
    fhir = await GeneGateSmart.ready(new URLSearchParams(window.location.search));
    if (!fhir.patientId) {
      await renderPicker();
      document.body.dataset.ready = "true";
      return;
    }
    var id = encodeURIComponent(fhir.patientId);
    var results = await Promise.all([get("Patient/" + id), get("Patient/" + id + "/$j1411-readiness")]);
    renderPatient(results[0], results[1]);
    renderGates(results[1]);
    renderDose(results[1]);
    renderPayer(results[1]);
    document.getElementById("content").hidden = false;
    await renderLabs(fhir.patientId);
    document.body.dataset.ready = "true";
  }

  main().catch(function (e) {
    showError(e.message);
    document.body.dataset.ready = "error";
  });
})();
