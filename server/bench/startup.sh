#!/usr/bin/env bash
# Start-up time and idle memory of the GeneGate server (not load: see the load benchmark).
#
# Starts the built jar with a fresh working directory (so a fresh H2 file database under ./data,
# as a user's first start), measures the time from launching `java` to the first 200 on
# /fhir/metadata, then restarts it on the same database (a user's every later start). After each
# start it waits --idle seconds and reads the resident set size (VmRSS) of the process.
#
#   server/bench/startup.sh [--runs N] [--idle S] [--first-only] [--extracted | --cds] [--jar PATH]
#                           [--java-opts "FLAGS"] [-- APP ARGS]
#
# --first-only  skip the restart (halves the time when comparing settings)
# --cds         class-data sharing as the Docker image does it: extract the jar, list the classes a
#               training start loads (-Dspring.context.exit=onRefresh), dump them into an AppCDS
#               archive, then measure the extracted jar with -XX:SharedArchiveFile
# --extracted   the extracted jar without an archive (to tell extraction and CDS apart)
#
# Example: server/bench/startup.sh --runs 3 --java-opts "-XX:+UseSerialGC" -- --spring.main.lazy-initialization=true
set -euo pipefail

runs=3
idle=20
first_only=false
cds=false
extracted=false
jar="$(cd "$(dirname "$0")/.." && pwd)/target/genegate-server.jar"
java_opts=""
app_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --first-only) first_only=true; shift ;;
    --cds) cds=true; shift ;;
    --extracted) extracted=true; shift ;;
    --jar) jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --) shift; app_args=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -f "$jar" ]] || { echo "no jar at $jar: run mvn -B package -DskipTests first" >&2; exit 2; }

if $extracted; then
  extract_dir="$(mktemp -d)"
  java -Djarmode=tools -jar "$jar" extract --destination "$extract_dir/app" >/dev/null
  jar="$extract_dir/app/$(basename "$jar")"
fi
if $cds; then
  cds_dir="$(mktemp -d)"
  java -Djarmode=tools -jar "$jar" extract --destination "$cds_dir/app" >/dev/null
  jar="$cds_dir/app/$(basename "$jar")"
  echo "CDS: training start and archive dump into $cds_dir/app.jsa ..."
  # shellcheck disable=SC2086
  (cd "$cds_dir" && java $java_opts -XX:DumpLoadedClassList="$cds_dir/classes.lst" -Dspring.context.exit=onRefresh \
      -jar "$jar" --spring.datasource.url=jdbc:h2:mem:cds-training --genegate.terminology.install=false \
      >"$cds_dir/training.log" 2>&1) || { echo "CDS training failed; see $cds_dir/training.log" >&2; exit 1; }
  # Lambda proxies left out: dumping them crashes OpenJDK 17.0.15 (SIGSEGV in
  # SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), as does -XX:ArchiveClassesAtExit.
  grep -v '^@lambda-proxy' "$cds_dir/classes.lst" >"$cds_dir/classes-archived.lst"
  java -Xshare:dump -XX:SharedClassListFile="$cds_dir/classes-archived.lst" -XX:SharedArchiveFile="$cds_dir/app.jsa" \
      -jar "$jar" >"$cds_dir/dump.log" 2>&1 || { echo "CDS dump failed; see $cds_dir/dump.log" >&2; exit 1; }
  # -Xshare:on: fail rather than silently run without the archive.
  java_opts="$java_opts -Xshare:on -XX:SharedArchiveFile=$cds_dir/app.jsa"
fi

pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; true; }
trap cleanup EXIT

# One start on the database in $1: sets $secs (launch to first 200), $cpu (CPU seconds until then)
# and $rss (MiB after the idle wait).
start_once() {
  local dir="$1" log="$1/server.log" port="" t0 t1
  : >"$log"
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$dir" && exec java $java_opts -jar "$jar" --server.port=0 "${app_args[@]}" >>"$log" 2>&1) &
  pid=$!
  while true; do
    kill -0 "$pid" 2>/dev/null || { echo "server died; see $log" >&2; exit 1; }
    [[ -z "$port" ]] && port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -1)
    [[ -n "$port" ]] && curl -fs -o /dev/null "http://127.0.0.1:$port/fhir/metadata" && break
    sleep 0.1
  done
  t1=$(date +%s.%N)
  # CPU seconds (user + system) spent to get there: steadier than wall time on a shared machine.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat")
  sleep "$idle"
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  secs=$(printf '%.1f' "$(echo "$t1 - $t0" | bc)")
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "java options: ${java_opts:-(none)}; app args: ${app_args[*]:-(none)}; idle wait ${idle}s"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s | %-8s %-6s %-8s | %-8s %-6s %-8s\n' run first-s cpu-s RSS-MiB restart-s cpu-s RSS-MiB
for ((i = 1; i <= runs; i++)); do
  dir="$(mktemp -d)"
  start_once "$dir"; first="$secs $cpu $rss"
  if $first_only; then secs=-; cpu=-; rss=-; else start_once "$dir"; fi
  # shellcheck disable=SC2086
  printf '%-4s | %-8s %-6s %-8s | %-8s %-6s %-8s\n' "$i" $first "$secs" "$cpu" "$rss"
  rm -rf "$dir"
done
