#!/usr/bin/env bash
# Times Patient/{id}/$j1411-readiness against a running server: N sequential calls per mode (GET without an
# order, POST with the scenario's draft orders), after a warm-up, and prints mean, p50, p95 and max in ms.
# Prints figures only; it never fails on speed.
#
#   server/tools/bench-readiness.sh [base-url] [patient-id] [calls]
#   e.g. server/tools/bench-readiness.sh http://localhost:8080/fhir eligible-patient 200
set -euo pipefail
BASE=${1:-http://localhost:8080/fhir}
PATIENT=${2:-eligible-patient}
CALLS=${3:-200}
SCENARIO=${PATIENT%-patient}
ORDERS="$(dirname "$0")/../../profiles/src/main/resources/scenarios/${SCENARIO}.orders.json"
BODY=$(mktemp)
trap 'rm -f "$BODY"' EXIT
python3 - "$ORDERS" > "$BODY" <<'PY'
import json, sys
bundle = json.load(open(sys.argv[1]))
print(json.dumps({"resourceType": "Parameters",
                  "parameter": [{"name": "order", "resource": e["resource"]} for e in bundle["entry"]]}))
PY

summary() {
  sort -n | awk -v label="$1" '{ v[NR] = $1 * 1000; s += v[NR] }
    END { printf "%-28s n=%d mean=%.1f ms p50=%.1f ms p95=%.1f ms max=%.1f ms\n", label, NR, s / NR,
          v[int(NR * 0.50) + (NR * 0.50 > int(NR * 0.50))], v[int(NR * 0.95) + (NR * 0.95 > int(NR * 0.95))], v[NR] }'
}

url="$BASE/Patient/$PATIENT/\$j1411-readiness"
for i in $(seq 20); do curl -s -o /dev/null "$url"; curl -s -o /dev/null -H 'Content-Type: application/fhir+json' --data-binary @"$BODY" "$url"; done
for i in $(seq "$CALLS"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Accept: application/fhir+json' "$url"
done | summary "GET (no order)"
for i in $(seq "$CALLS"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Accept: application/fhir+json' \
    -H 'Content-Type: application/fhir+json' --data-binary @"$BODY" "$url"
done | summary "POST (with the draft orders)"
curl -s -o /dev/null -w 'response size: %{size_download} bytes (GET)\n' "$url"
