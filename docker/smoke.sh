#!/usr/bin/env bash
# Smoke test of the Docker image and the two-node compose stack, on this machine's Docker engine.
#   docker/smoke.sh [--public-base-images] [--rebuild-jar]
# 1. base images: without --public-base-images the local ones from Debian packages
#    (docker/base-images/make-base-images.sh, made when missing; needs root and debootstrap)
# 2. the jar, built on the host when missing (or with --rebuild-jar); 3. the image (target prebuilt)
# 4. the image alone: without GENEGATE_SECURITY_ALLOW_OPEN_NETWORK the server refuses to start;
#    with it the health check turns healthy and an order-sign is answered
# 5. compose: PostgreSQL and two replicas; a write through node A is seen by an order-sign on node B;
#    with node A stopped, node B still serves; down -v leaves no container, volume or network.
# Every port is published on 127.0.0.1 only, on ports Docker picks or found free; all traffic stays
# on loopback. Each step prints its time; any failure exits non-zero (and cleans up).
set -euo pipefail
cd "$(dirname "$0")/.."

public_base_images=false
rebuild_jar=false
for arg in "$@"; do
  case "$arg" in
    --public-base-images) public_base_images=true ;;
    --rebuild-jar) rebuild_jar=true ;;
    *) echo "usage: docker/smoke.sh [--public-base-images] [--rebuild-jar]" >&2; exit 2 ;;
  esac
done

if $public_base_images; then
  jre_image=eclipse-temurin:17-jre
  postgres_image=postgres:16
else
  jre_image="${GENEGATE_JRE_IMAGE:-genegate-base/jre:17}"
  postgres_image="${GENEGATE_POSTGRES_IMAGE:-genegate-base/postgres:15}"
fi
image=genegate-server:smoke
project=genegate-smoke
closed_container=genegate-smoke-closed
open_container=genegate-smoke-open
scenarios=profiles/src/main/resources/scenarios
order_sign=/cds-services/j1411-order-sign
# Limits against a hung step, not timing expectations: a start on a busy 2-core machine can take minutes.
start_limit=600

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  echo "smoke: neither 'docker compose' nor 'docker-compose' is installed" >&2; exit 1
fi
compose+=(-p "$project" -f docker/compose.yaml)

suite_start=$SECONDS
step_name=""
step_start=0
step() {
  step_name="$1"
  step_start=$SECONDS
  echo "--- $step_name"
}
ok() {
  printf '[ok] %-62s %4d s\n' "$step_name" $((SECONDS - step_start))
}
fail() {
  echo "[FAILED] $step_name: $*" >&2
  exit 1
}

cleanup() {
  local rc=$?
  docker rm -fv "$closed_container" "$open_container" >/dev/null 2>&1 || true
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  if [[ $rc == 0 ]]; then
    echo "smoke: all steps passed in $((SECONDS - suite_start)) s"
  else
    echo "smoke: FAILED after $((SECONDS - suite_start)) s" >&2
  fi
  rm -rf "$work"
}
work="$(mktemp -d)"
body_file="$work/body.json"
trap cleanup EXIT

# Environment of the compose commands: the images and two free loopback ports for the nodes.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export GENEGATE_IMAGE="$image" GENEGATE_POSTGRES_IMAGE="$postgres_image"
export GENEGATE_A_PORT="$(free_port)" GENEGATE_B_PORT="$(free_port)"
volumes_before="$(docker volume ls -q | sort)"

# Health of a container: healthy, or failure with its log when it exits or is not healthy in time
# (unhealthy is not final: a slow start may turn healthy later).
await_healthy() {
  local container="$1" status
  for _ in $(seq 1 "$start_limit"); do
    status="$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$container")"
    case "$status" in
      "running healthy") return 0 ;;
      exited*|dead*) docker logs --tail 40 "$container" >&2; fail "$container stopped ($status)" ;;
    esac
    sleep 1
  done
  docker logs --tail 40 "$container" >&2
  fail "$container not healthy after $start_limit s"
}

# Every published port of a container is bound to 127.0.0.1.
assert_loopback_only() {
  local container="$1" bindings
  bindings="$(docker inspect -f '{{range $p, $b := .NetworkSettings.Ports}}{{range $b}}{{.HostIp}} {{end}}{{end}}' "$container")"
  for ip in $bindings; do
    [[ "$ip" == 127.0.0.1 ]] || fail "$container publishes a port on $ip"
  done
}

host_port() { docker port "$1" 8080/tcp | head -1 | sed 's/.*://'; }

fhir() { # METHOD BASE PATH [BODY-FILE]: prints the status line's code, body in $body_file
  local method="$1" base="$2" path="$3" data=()
  [[ $# -ge 4 ]] && data=(--data-binary "@$4" -H 'Content-Type: application/fhir+json')
  curl -s -o "$body_file" -w '%{http_code}' -X "$method" -H 'Accept: application/fhir+json' \
    "${data[@]}" "$base/fhir/$path"
}

# An order-sign for a scenario (no prefetch, no fhirServer: the server reads its own store).
sign() { # BASE SCENARIO -> the response JSON on stdout; fails on any status but 200
  local base="$1" scenario="$2" code
  jq -n --arg patient "$scenario-patient" --arg encounter "$scenario-encounter" \
      --arg user "Practitioner/$scenario-practitioner" --arg instance "$(cat /proc/sys/kernel/random/uuid)" \
      --slurpfile orders "$scenarios/$scenario.orders.json" \
      '{hook: "order-sign", hookInstance: $instance,
        context: {userId: $user, patientId: $patient, encounterId: $encounter, draftOrders: $orders[0]}}' \
      >"$work/hook.json"
  code="$(curl -s -o "$work/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' \
      --data-binary "@$work/hook.json" "$base$order_sign")"
  [[ "$code" == 200 ]] || { cat "$work/answer.json" >&2; fail "order-sign on $base answered $code"; }
  cat "$work/answer.json"
}
finding() { # ANSWER-JSON GATE -> the gate's status among the findings, or PASS when not listed
  jq -r --arg gate "$2" '[.cards[].extension["genegate.findings"][]? | select(.gate == $gate) | .status] | first // "PASS"' <<<"$1"
}
critical_cards() { jq '[.cards[] | select(.indicator == "critical")] | length' <<<"$1"; }

load_scenario() { # BASE SCENARIO: the scenario's transaction bundle through that node's FHIR API
  local code
  code="$(fhir POST "$1" "" "$scenarios/$2.bundle.json")"
  [[ "$code" == 200 ]] || { head -c 2000 "$body_file" >&2; fail "loading $2 through $1 answered $code"; }
}

# ------------------------------------------------------------------------------------------------
step "base images ($jre_image, $postgres_image)"
if ! $public_base_images; then
  docker/base-images/make-base-images.sh
fi
ok

step "server jar"
if $rebuild_jar || [[ ! -f server/target/genegate-server.jar ]]; then
  mvn -B -q package -DskipTests
fi
ok

step "image $image (target prebuilt)"
docker build -f docker/Dockerfile --target prebuilt --build-arg JRE_IMAGE="$jre_image" -t "$image" . \
  >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; fail "docker build"; }
[[ "$(docker image inspect -f '{{.Config.User}}' "$image")" == genegate ]] || fail "the image does not run as genegate"
[[ "$(docker run --rm --entrypoint id "$image" -u)" != 0 ]] || fail "the container runs as root"
tools="$(docker run --rm --entrypoint sh "$image" -c \
    'for t in mvn javac gcc make; do command -v $t; done; ls -d /root/.m2 /src /tmp/genegate-server.jar 2>/dev/null || true')"
[[ -z "$tools" ]] || fail "build tools, a Maven cache or build input in the image: $tools"
size_mb="$(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f", $1/1e6}')"
echo "image size: $size_mb MB"
ok

step "image alone without the open-network flag: start refused"
docker run -d --name "$closed_container" -p 127.0.0.1::8080 "$image" >/dev/null
exit_code="$(timeout "$start_limit" docker wait "$closed_container")" || fail "still running after $start_limit s"
[[ "$exit_code" != 0 ]] || fail "the server exited 0"
docker logs "$closed_container" 2>&1 | grep -q "Refusing to listen on 0.0.0.0 without authentication" \
  || { docker logs --tail 30 "$closed_container" >&2; fail "no refusal in the log"; }
docker rm -fv "$closed_container" >/dev/null
ok

step "image alone with the open-network flag: healthy"
docker run -d --name "$open_container" -p 127.0.0.1::8080 -e GENEGATE_SECURITY_ALLOW_OPEN_NETWORK=true \
  --health-interval=5s "$image" >/dev/null
assert_loopback_only "$open_container"
open_base="http://127.0.0.1:$(host_port "$open_container")"
launched=$SECONDS
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$open_base/fhir/metadata")" == 200 ]]; do
  [[ "$(docker inspect -f '{{.State.Running}}' "$open_container")" == true ]] \
    || { docker logs --tail 40 "$open_container" >&2; fail "the container stopped"; }
  (( SECONDS - launched < start_limit )) || fail "no 200 on /fhir/metadata after $start_limit s"
  sleep 1
done
echo "start-up: first 200 on /fhir/metadata $((SECONDS - launched)) s after docker run"
await_healthy "$open_container"
ok

step "image alone: order-sign answered (nab-high)"
load_scenario "$open_base" nab-high
answer="$(sign "$open_base" nab-high)"
[[ "$(finding "$answer" nab-aav5)" == FAIL ]] || fail "nab-aav5 not FAIL: $answer"
(( $(critical_cards "$answer") >= 1 )) || fail "no critical card: $answer"
docker rm -fv "$open_container" >/dev/null
ok

step "compose: PostgreSQL and nodes A, B healthy"
"${compose[@]}" up -d --no-build >"$work/compose-up.log" 2>&1 || { cat "$work/compose-up.log" >&2; fail "compose up"; }
node_a="$("${compose[@]}" ps -q genegate-a)"
node_b="$("${compose[@]}" ps -q genegate-b)"
await_healthy "$node_a"
await_healthy "$node_b"
for container in $("${compose[@]}" ps -q); do assert_loopback_only "$container"; done
base_a="http://127.0.0.1:$GENEGATE_A_PORT"
base_b="http://127.0.0.1:$GENEGATE_B_PORT"
ok

step "compose: writes through A seen by an order-sign on B"
load_scenario "$base_a" eligible
answer="$(sign "$base_b" eligible)"
[[ "$(finding "$answer" nab-aav5)" == PASS && "$(critical_cards "$answer")" == 0 ]] \
  || fail "eligible patient not eligible on B: $answer"
# The lab corrects the NAb titer through A: 1:200 becomes 1:900.
code="$(fhir GET "$base_a" Observation/eligible-aav5-nab)"
[[ "$code" == 200 ]] || fail "reading the NAb result through A answered $code"
jq '.valueRatio = {numerator: {value: 1}, denominator: {value: 900}}' "$body_file" >"$work/nab.json"
code="$(fhir PUT "$base_a" Observation/eligible-aav5-nab "$work/nab.json")"
[[ "$code" == 200 ]] || { cat "$body_file" >&2; fail "correcting the NAb result through A answered $code"; }
answer="$(sign "$base_b" eligible)"
[[ "$(finding "$answer" nab-aav5)" == FAIL ]] || fail "B did not see the corrected titer: $answer"
ok

step "compose: node A stopped, node B serves"
"${compose[@]}" stop genegate-a >/dev/null 2>&1
[[ "$(docker inspect -f '{{.State.Running}}' "$node_a")" == false ]] || fail "node A still running"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$base_b/fhir/metadata")" == 200 ]] || fail "B's /fhir/metadata"
answer="$(sign "$base_b" eligible)"
[[ "$(finding "$answer" nab-aav5)" == FAIL ]] || fail "B's answer changed with A stopped: $answer"
ok

step "compose: down -v leaves nothing"
"${compose[@]}" down -v --remove-orphans >/dev/null 2>&1
left="$(docker ps -aq --filter "label=com.docker.compose.project=$project")"
left+="$(docker volume ls -q --filter "label=com.docker.compose.project=$project")"
left+="$(docker network ls -q --filter "label=com.docker.compose.project=$project")"
[[ -z "$left" ]] || fail "left behind: $left"
new_volumes="$(comm -13 <(echo "$volumes_before") <(docker volume ls -q | sort))"
[[ -z "$new_volumes" ]] || fail "volumes left behind: $new_volumes"
[[ -z "$(docker ps -q --filter "ancestor=$image")" ]] || fail "a container of $image still runs"
ok
