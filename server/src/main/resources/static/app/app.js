/*
 * One patient's Hemgenix page, following the therapy. Before the infusion: the checklist of
 * Patient/{id}/$j1411-readiness (gates with evidence, sources and what to do), the weight-based dose and the payer's
 * requirements. After it (a completed Hemgenix administration): Patient/{id}/$monitoring-status, i.e. the alerts
 * the patient-view hook raises and the schedule's dates done, due or overdue, with the pre-infusion gates folded
 * away as history. Both phases chart ALT and FIX activity with the upper limit of normal, 2 x the pre-infusion ALT
 * baseline, the plan's follow-up dates and any corticosteroid course on record. The clinical rules stay on the
 * server: the page only shows what the operations answer.
 */
(function () {
  "use strict";
  var F = GeneGateFhir;
  var el = F.el, part = F.part, value = F.value, first = F.first, top = F.top;
  var LOINC = "http://loinc.org";
  var ALT = "1742-6";
  var FIX = ["3187-2", "3186-4"];
  var PLAN_IDENTIFIER = "http://genegate.org/fhir/sid/hemgenix-monitoring-plan";
  var STEROID = /predniso|methylpredniso|corticoster|dexametha|hydrocortiso/i;
  var api;

  function badge(target, state, text) {
    target.textContent = text;
    target.className = "badge " + state;
    target.hidden = false;
  }

  function renderPatient(patient, readiness, status) {
    var name = (patient.name || [])[0] || {};
    document.getElementById("patient").textContent = [(name.given || []).join(" "), name.family].join(" ").trim()
      + " · " + (patient.gender || "sex not recorded") + " · born " + (patient.birthDate || "?")
      + " · Patient/" + patient.id;
    var phase = value(top(status, "phase")[0]);
    var phaseBadge = document.getElementById("phase");
    phaseBadge.dataset.phase = phase;
    if (phase === "post-infusion") {
      badge(phaseBadge, "phase-post", "After Hemgenix · week " + value(top(status, "week")[0]) + " of follow-up");
      return;
    }
    badge(phaseBadge, "phase-pre", "Before Hemgenix");
    var state = value(top(readiness, "readiness")[0]);
    var readinessBadge = document.getElementById("readiness");
    badge(readinessBadge, state, { "ready": "Ready", "incomplete": "Incomplete", "not-ready": "Not ready" }[state]
      + " · policy " + value(top(readiness, "policyVersion")[0]) + " · as of " + value(top(readiness, "asOf")[0]));
    readinessBadge.dataset.readiness = state;
  }

  var STATUS_TEXT = { "pass": "Pass", "fail": "Fail", "missing": "Missing", "stale": "Stale",
    "could-not-verify": "Could not verify", "given": "Given (this dose)" };

  function renderGates(readiness, administration) {
    var body = document.querySelector("#checklist tbody");
    top(readiness, "gate").forEach(function (gate) {
      var id = first(gate, "id");
      var status = first(gate, "status");
      var severity = first(gate, "severity");
      var message = first(gate, "message");
      var evidenceParts = part(gate, "evidence");
      // After the infusion the dose itself is the prior gene therapy the gate finds: history, not a failure.
      var theDose = administration && id === "prior-gene-therapy" && evidenceParts.some(function (e) {
        return first(e, "reference") === administration;
      });
      if (theDose) {
        status = "given";
        message = "Hemgenix was given (" + administration + "): this is the dose the follow-up counts from.";
      }
      var evidence = el("ul", { "class": "evidence" }, evidenceParts.map(function (e) {
        var text = first(e, "what") + (first(e, "value") ? ": " + first(e, "value") : "")
          + (first(e, "date") ? " (" + first(e, "date") + ")" : "");
        var reference = first(e, "reference");
        return el("li", { text: text + (reference ? " [" + reference + "]" : "") });
      }));
      var actions = part(gate, "remedy").map(function (r) { return first(r, "action"); });
      if (!actions.length && status !== "pass" && status !== "given") {
        actions = ["No order to place: discuss the finding with the treating hematologist and record the decision "
          + "(the override reason) before the order is signed."];
      }
      var remedies = el("ul", { "class": "remedies" }, actions.map(function (a) { return el("li", { text: a }); }));
      var statusClass = status === "pass" || status === "given" ? "status-" + status
        : (severity === "info" || severity === "none") && status !== "could-not-verify" ? "severity-info"
          : "status-" + status;
      body.appendChild(el("tr", { "data-gate": id, "data-status": status }, [
        el("th", { scope: "row", text: first(gate, "title") }),
        el("td", { "class": "status " + statusClass }, [el("span", { text: STATUS_TEXT[status] || status })]),
        el("td", {}, [el("div", { text: message }),
          el("div", { "class": "source", text: "Source (" + part(gate, "sourceClass").map(value).join(", ") + "): "
            + (first(gate, "source") || "") })]),
        el("td", {}, [evidence]),
        el("td", {}, [remedies])
      ]));
    });
  }

  /** After the infusion the checklist is history: folded away under its own summary. */
  function foldGates() {
    document.getElementById("gates-title").textContent = "Before the infusion";
    var body = document.getElementById("gates-body");
    var details = el("details", { id: "gates-history" }, [
      el("summary", { text: "Pre-infusion checklist (history; the record as it reads today)" })]);
    body.parentNode.replaceChild(details, body);
    details.appendChild(body);
    document.getElementById("dose").hidden = true;
  }

  var SCHEDULE_TEXT = { "done": "Done", "due": "Due", "overdue": "Overdue" };

  function renderFollowUp(status) {
    document.getElementById("follow-up").hidden = false;
    var alerts = top(status, "alert");
    var items = top(status, "scheduleItem");
    var overdue = items.filter(function (i) { return first(i, "status") === "overdue"; }).length;
    document.getElementById("follow-up-summary").textContent = "Hemgenix given " + value(top(status, "administered")[0])
      + "; as of " + value(top(status, "asOf")[0]) + ", week " + value(top(status, "week")[0]) + ". "
      + (overdue ? overdue + " schedule date" + (overdue > 1 ? "s are" : " is") + " overdue." : "Nothing is overdue.")
      + (top(status, "liverCancerRiskFactor").length ? " Liver-cancer risk: "
        + top(status, "liverCancerRiskFactor").map(value).join(", ") + " (yearly liver surveillance)." : "");
    var list = document.getElementById("alerts");
    if (!alerts.length) {
      list.appendChild(el("li", { text: "No alert: the post-infusion review finds nothing to act on." }));
    }
    alerts.forEach(function (alert) {
      var severity = first(alert, "severity");
      list.appendChild(el("li", { "data-kind": first(alert, "kind"), "class": "alert" }, [
        el("span", { "class": "tag severity-" + severity, text: severity.charAt(0).toUpperCase() + severity.slice(1) }),
        el("strong", { text: " " + first(alert, "summary") }),
        el("details", {}, [el("summary", { text: "Details" }),
          el("pre", { "class": "detail", text: first(alert, "detail") })])
      ]));
    });
    var body = document.querySelector("#schedule tbody");
    items.forEach(function (item) {
      var state = first(item, "status");
      body.appendChild(el("tr", { "data-status": state, "data-kind": first(item, "kind") }, [
        el("th", { scope: "row", text: first(item, "label") }),
        el("td", { text: first(item, "due") }),
        el("td", { text: first(item, "lastDay") }),
        el("td", { "class": "status status-" + state }, [el("span", { text: SCHEDULE_TEXT[state] })]),
        el("td", { text: part(item, "missing").map(value).join(", ") || "—" })
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

  function medicationText(resource) {
    var concept = resource.medicationCodeableConcept || {};
    return [concept.text].concat((concept.coding || []).map(function (c) { return c.display; }))
      .concat([(resource.medicationReference || {}).display]).join(" ");
  }

  /** Corticosteroid courses on record (requests and statements), as date ranges for the chart. */
  async function steroidCourses(patientId) {
    var query = "?patient=" + encodeURIComponent(patientId) + "&_count=200";
    var found = (await api.all("MedicationRequest" + query)).concat(await api.all("MedicationStatement" + query));
    return found.filter(function (r) { return STEROID.test(medicationText(r)) && r.status !== "entered-in-error"; })
      .map(function (r) {
        var bounds = (((r.dosageInstruction || r.dosage || [])[0] || {}).timing || {}).repeat || {};
        var period = r.effectivePeriod || bounds.boundsPeriod || {};
        var start = (period.start || r.authoredOn || r.effectiveDateTime || "").slice(0, 10);
        return { start: start, end: (period.end || start).slice(0, 10), label: medicationText(r).trim() };
      }).filter(function (c) { return c.start; });
  }

  async function renderLabs(patientId, given) {
    var observations = await api.all("Observation?patient=" + encodeURIComponent(patientId) + "&code="
      + encodeURIComponent([ALT].concat(FIX).map(function (c) { return LOINC + "|" + c; }).join(","))
      + "&_sort=date&_count=500");
    var plans = await api.all("CarePlan?patient=" + encodeURIComponent(patientId) + "&identifier="
      + encodeURIComponent(PLAN_IDENTIFIER + "|" + patientId));
    var courses = await steroidCourses(patientId);

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
    })).concat(courses.map(function (c) { return c.start; })).concat(courses.map(function (c) { return c.end; }));
    labels = labels.filter(function (d, i) { return labels.indexOf(d) === i; }).sort();
    function series(list) {
      return labels.map(function (d) {
        var hit = list.filter(function (o) { return day(o) === d; }).pop();
        return hit ? hit.valueQuantity.value : null;
      });
    }
    function flat(y) { return labels.map(function () { return y; }); }

    var chart = document.getElementById("labs");
    chart.dataset.altPoints = alt.length;
    chart.dataset.fixPoints = fix.length;
    chart.dataset.uln = uln;
    chart.dataset.baselineTwice = baseline ? 2 * baseline.valueQuantity.value : "";
    chart.dataset.milestones = milestones.map(function (m) { return m.date; }).join(" ");
    chart.dataset.steroidCourses = courses.length;
    var table = document.querySelector("#labs-table tbody");
    labels.filter(function (d) {
      return alt.concat(fix).some(function (o) { return day(o) === d; });
    }).forEach(function (d) {
      var a = series(alt)[labels.indexOf(d)];
      var f = series(fix)[labels.indexOf(d)];
      table.appendChild(el("tr", {}, [el("th", { scope: "row", text: d }),
        el("td", { text: a === null ? "—" : String(a) }), el("td", { text: f === null ? "—" : String(f) })]));
    });
    var note = document.getElementById("labs-note");
    if (alt.length < 2 && fix.length < 2) {
      // One point per series is no trend: say the values instead of drawing dots.
      document.querySelector("#labs .chart").hidden = true;
      document.getElementById("labs-table-details").open = true;
      note.textContent = "Before Hemgenix one baseline result each: ALT " + (latestAlt ? latestAlt.valueQuantity.value
        + " U/L (" + day(latestAlt) + ", upper limit " + uln + ")" : "not on record") + "; FIX activity "
        + (fix.length ? fix[fix.length - 1].valueQuantity.value + " % (" + day(fix[fix.length - 1]) + ")"
          : "not on record") + ". The chart starts with the weekly results after the infusion.";
      return;
    }

    var datasets = [
      { label: "ALT (U/L)", data: series(alt), borderColor: "#b71c1c", backgroundColor: "#b71c1c", yAxisID: "alt",
        spanGaps: true, pointStyle: "circle" },
      { label: "FIX activity (%)", data: series(fix), borderColor: "#0d47a1", backgroundColor: "#0d47a1",
        yAxisID: "fix", spanGaps: true, pointStyle: "rect", borderDash: [1, 0] },
      { label: "ALT upper limit of normal (" + uln + " U/L)", data: flat(uln), borderColor: "#a14a00",
        borderDash: [6, 4], pointRadius: 0, yAxisID: "alt" }
    ];
    if (baseline) {
      datasets.push({ label: "2 × baseline ALT (" + 2 * baseline.valueQuantity.value + " U/L)",
        data: flat(2 * baseline.valueQuantity.value), borderColor: "#6a1b9a", borderDash: [2, 3], pointRadius: 0,
        yAxisID: "alt" });
    }
    var markers = (given ? [{ date: given, label: "Hemgenix" }] : []).concat(milestones);
    var overlays = {
      id: "milestones",
      beforeDatasetsDraw: function (c) {
        var ctx = c.ctx;
        var area = c.chartArea;
        courses.forEach(function (course) {
          var x0 = c.scales.x.getPixelForValue(labels.indexOf(course.start));
          var x1 = c.scales.x.getPixelForValue(labels.indexOf(course.end));
          ctx.save();
          ctx.fillStyle = "rgba(255, 193, 7, 0.25)";
          ctx.fillRect(x0, area.top, Math.max(x1 - x0, 3), area.bottom - area.top);
          ctx.fillStyle = "#37474f";
          ctx.font = "11px sans-serif";
          ctx.fillText("Steroid: " + course.label, x0 + 3, area.bottom - 6);
          ctx.restore();
        });
      },
      afterDatasetsDraw: function (c) {
        var ctx = c.ctx;
        var area = c.chartArea;
        markers.forEach(function (m) {
          var x = c.scales.x.getPixelForValue(labels.indexOf(m.date));
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
    new Chart(document.getElementById("labs-chart"), {
      type: "line",
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: { legend: { labels: { usePointStyle: true } } },
        scales: { alt: { position: "left", title: { display: true, text: "ALT (U/L)" }, beginAtZero: true },
                  fix: { position: "right", title: { display: true, text: "FIX activity (%)" }, beginAtZero: true,
                         grid: { drawOnChartArea: false } } }
      },
      plugins: [overlays]
    });
    note.textContent = given
      ? "Hemgenix given " + given + "; follow-up dates of the monitoring plan: "
        + (milestones.map(function (m) { return m.label + " " + m.date; }).join(", ") || "none on record") + "."
        + (courses.length ? " Corticosteroid course shaded." : " No corticosteroid course on record.")
      : "No Hemgenix administration on record: pre-infusion results only.";
  }

  async function renderPicker() {
    document.getElementById("picker").hidden = false;
    var patients = await api.all("Patient?_count=100&_sort=_id");
    var list = document.getElementById("patients");
    patients.forEach(function (p) {
      list.appendChild(el("li", {}, [el("a", { href: "?patient=" + encodeURIComponent(p.id), text: p.id })]));
    });
  }

  async function main() {
    var session = await GeneGateSmart.ready(new URLSearchParams(window.location.search));
    api = F.client(session);
    if (!session.patientId) {
      await renderPicker();
      document.body.dataset.ready = "true";
      return;
    }
    var id = encodeURIComponent(session.patientId);
    var results = await Promise.all([api.get("Patient/" + id), api.get("Patient/" + id + "/$j1411-readiness"),
      api.get("Patient/" + id + "/$monitoring-status")]);
    var readiness = results[1];
    var status = results[2];
    var post = value(top(status, "phase")[0]) === "post-infusion";
    renderPatient(results[0], readiness, status);
    renderGates(readiness, post ? value(top(status, "administration")[0]) : null);
    renderDose(readiness);
    renderPayer(readiness);
    if (post) {
      renderFollowUp(status);
      foldGates();
    }
    document.getElementById("content").hidden = false;
    await renderLabs(session.patientId, post ? value(top(status, "administered")[0]) : null);
    document.body.dataset.ready = "true";
  }

  main().catch(function (e) {
    F.showError(e.message);
    document.body.dataset.ready = "error";
  });
})();
