#!/usr/bin/env bash
# Benchmarks alias-import against the sandbox API running standalone in its own JVM, and writes the figures to
# BENCHMARKS.md (between its "bench:begin" and "bench:end" markers). What it measures and why: BENCHMARKS.md.
#
#   scripts/bench.sh           the full run: 10k, 100k and 1M rows, a one-minute rate test, and four runs of about a
#                              minute against a sandbox simulating real-world conditions (about 11 minutes when the
#                              importer holds its rates under them; far longer when it slows down, see BENCHMARKS.md)
#   scripts/bench.sh --quick   the same steps on small files, to check the script (4 to 8 minutes)
#
# Needs: java (./mvnw builds the jar if missing), curl, awk. Loopback only. The importer runs the way a user runs it,
# through scripts/alias-import, with ALIAS_IMPORT_JAVA_OPTS=-Xmx256m. Work files go to target/bench/.
# The simulated conditions (sandbox --latency-ms/--jitter-ms, --rate-limit, --failing-rows): 250 ms of latency with
# jitter at the default rate and at --rate 100; a server limit of 50 requests/s under --rate 100; 1% of rows that
# fail on every attempt under --rate 200. Figures the importer's summary may not have yet ("learnedLimit",
# "throttled") show as n/a.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  -h | --help)
    sed -n '2,/^set -/{/^set -/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
    exit 0 ;;
  "") ;;
  *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
esac
for tool in java curl awk; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

port="${BENCH_PORT:-18089}"
heap="-Xmx256m"
work="$here/target/bench"
if [ "$quick" = 1 ]; then
  sizes=(2000 10000 20000); memory_small=10000; memory_large=20000
  latency_rows=2000; baseline_rows=200; rate_rows=2000
  jitter_default_rows=100; jitter_fast_rows=500; limit_rows=250; failing_rows=1000
else
  sizes=(10000 100000 1000000); memory_small=100000; memory_large=1000000
  latency_rows=20000; baseline_rows=1000; rate_rows=12000
  # about a minute each: 1,200 rows at 20/s, 6,000 at 100/s, 3,000 at the server's 50/s, 12,000 at 200/s
  jitter_default_rows=1200; jitter_fast_rows=6000; limit_rows=3000; failing_rows=12000
fi
rate=200
latency_ms=20
default_rate=20     # the importer's sending.rate when --rate is not given
jitter_base_ms=200; jitter_ms=100; jitter_fast_rate=100
server_limit=50; server_burst=5; limit_client_rate=100
failing_percent=1; failing_rate=200

jar="$here/target/alias-import.jar"
if [ ! -f "$jar" ]; then
  echo "bench: building $jar ..." >&2
  (cd "$here" && ./mvnw -B -q -ntp -DskipTests package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
fi
rm -rf "$work"
mkdir -p "$work/sandbox"

say() { echo "bench: $*" >&2; }

# --- the sandbox --------------------------------------------------------------------------------------------------
sandbox_pid=""
stop_sandbox() {
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
    sandbox_pid=""
  fi
}
trap stop_sandbox EXIT

start_sandbox() { # NAME [sandbox options...]: (re)starts the sandbox with these options, its log named NAME
  local name="$1"; shift
  stop_sandbox
  # Its own working directory: it must not share the importer's database folder.
  (cd "$work/sandbox" && exec java -Xmx512m -jar "$jar" sandbox --port "$port" --no-store "$@" \
      >"$work/sandbox/sandbox-$name.log" 2>&1) &
  sandbox_pid=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/_sandbox/stats" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  say "the sandbox did not start; its log:"; cat "$work/sandbox/sandbox-$name.log" >&2; exit 1
}

stats() { curl -sf "http://127.0.0.1:$port/_sandbox/stats"; }
reset_stats() { curl -sf -X POST "http://127.0.0.1:$port/_sandbox/reset" >/dev/null; }
# A number from flat JSON: field NAME of TEXT.
field() { printf '%s' "$2" | sed -n "s/.*\"$1\":\\([0-9.]*\\).*/\\1/p"; }

# --- input files --------------------------------------------------------------------------------------------------
csv_of() { # rows -> path; unique rows, names of realistic length
  local file="$work/aliases-$1.csv"
  if [ ! -f "$file" ]; then
    awk -v n="$1" 'BEGIN { print "Account Name,Alias";
      for (i = 1; i <= n; i++) printf "Customer Account %07d Holdings,CA-%07d\n", i, i }' >"$file"
  fi
  printf '%s' "$file"
}

# --- one import ---------------------------------------------------------------------------------------------------
# import_once NAME FILE [import options...]: runs the importer in a fresh folder (own H2 database) and sets
# R_WALL_MS, R_STARTUP_MS (launch to first request at the server), R_JOB_S, R_JOB_RPS, R_RSS_MB, R_HEAP_MB, R_STATS,
# R_SUMMARY (the importer's JSON summary line) and R_EXIT. The run must exit 0, or one of the codes in ok_exits
# (ok_exits="0 3" import_once ... where rows are meant to fail).
import_once() {
  local name="$1" file="$2"; shift 2
  local dir="$work/runs/$name"
  mkdir -p "$dir"
  reset_stats
  local start end pid hwm=0 v
  start=$(date +%s%3N)
  (cd "$dir" && CUSTOMERGAUGE_CLIENT_ID=sandbox-client CUSTOMERGAUGE_CLIENT_SECRET=sandbox-secret \
      CUSTOMERGAUGE_CONFIGURATION=9dd58237-c913-4073-9c76-07da0b49ff50 \
      CUSTOMERGAUGE_TOKEN_URL="http://127.0.0.1:$port/oauth2/token" \
      CUSTOMERGAUGE_IMPORTS_URL="http://127.0.0.1:$port/records/" \
      ALIAS_IMPORT_JAVA_OPTS="$heap -Xlog:gc:file=$dir/gc.log" \
      exec "$here/scripts/alias-import" import "$file" --json "$@" >"$dir/out.json" 2>"$dir/err.txt") &
  pid=$!
  # Peak resident memory: the kernel's high-water mark, read until the process ends.
  while kill -0 "$pid" 2>/dev/null; do
    v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
    sleep 0.2
  done
  wait "$pid" || true
  end=$(date +%s%3N)
  local summary
  summary=$(grep '"event":"summary"' "$dir/out.json" | tail -1 || true)
  R_EXIT=$(field exitCode "$summary")
  if [ -z "$summary" ] || [ -z "$R_EXIT" ] || [[ " ${ok_exits:-0} " != *" $R_EXIT "* ]]; then
    say "$name did not complete:"; cat "$dir/out.json" "$dir/err.txt" >&2; exit 1
  fi
  R_SUMMARY=$summary
  R_STATS=$(stats)
  R_WALL_MS=$((end - start))
  R_STARTUP_MS=$(( $(field firstRequestEpochMillis "$R_STATS") - start ))
  R_JOB_S=$(field seconds "$summary")
  R_JOB_RPS=$(field rowsPerSecond "$summary")
  R_RSS_MB=$(awk -v k="$hwm" 'BEGIN { printf "%.0f", k / 1024 }')
  # Peak heap in use: the largest "before" figure of the GC log's pauses (e.g. "Pause Young ... 120M->30M(256M)").
  R_HEAP_MB=$(sed -n 's/.* \([0-9]*\)M->.*/\1/p' "$dir/gc.log" 2>/dev/null | sort -n | tail -1 || true)
  R_HEAP_MB=${R_HEAP_MB:-0}
}

per_s() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n * 1000 / ms }'; }
fmt() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
# rate_over N FIRST LAST: events/s when N events came between two epoch-ms times (N - 1 intervals)
rate_over() { awk -v n="$1" -v ms="$(($3 - $2))" 'BEGIN { printf "%.1f", (ms > 0 ? (n - 1) * 1000 / ms : 0) }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }
or_na() { if [ -n "$1" ]; then printf '%s' "$1"; else printf 'n/a'; fi; }

# --- 1. unthrottled, zero latency ---------------------------------------------------------------------------------
rows_table=""
declare -A rss heap
start_sandbox no-latency
say "warming up the sandbox"
import_once warmup "$(csv_of 2000)" --rate 0 >/dev/null
startups=()
for n in "${sizes[@]}"; do
  say "unthrottled import of $n rows"
  import_once "unthrottled-$n" "$(csv_of "$n")" --rate 0
  requests=$(field requests "$R_STATS")
  [ "$requests" = "$n" ] || { say "expected $n requests at the sandbox, saw $requests"; exit 1; }
  rss[$n]=$R_RSS_MB; heap[$n]=$R_HEAP_MB
  startups+=("$R_STARTUP_MS")
  rows_table+="| $n | $(fmt "$(awk -v ms="$R_WALL_MS" 'BEGIN { print ms / 1000 }')") s | $(per_s "$n" "$R_WALL_MS") |"
  rows_table+=" $(fmt "$R_JOB_S") s | $(fmt "$R_JOB_RPS") | $R_STARTUP_MS ms | $R_RSS_MB MB | $R_HEAP_MB MB |"$'\n'
done

# Start-up on its own: three imports of a 100-row file, the median of launch-to-first-request.
for i in 1 2 3; do
  import_once "startup-$i" "$(csv_of 100)" --rate 0
  startups+=("$R_STARTUP_MS")
done
startup_median=$(printf '%s\n' "${startups[@]: -3}" | sort -n | sed -n 2p)

# --- 2. 20 ms latency: importer (default concurrency) vs the naive script -----------------------------------------
start_sandbox "latency-${latency_ms}ms" --latency-ms "$latency_ms"
say "importer at ${latency_ms} ms latency, $latency_rows rows"
import_once "latency" "$(csv_of "$latency_rows")" --rate 0
importer_latency_rps=$R_JOB_RPS
importer_concurrency=$(field maxConcurrentRequests "$R_STATS")
say "naive baseline at ${latency_ms} ms latency, $baseline_rows rows"
reset_stats
baseline=$(java "$here/scripts/bench/NaiveBaseline.java" "http://127.0.0.1:$port/oauth2/token" \
    "http://127.0.0.1:$port/records/" sandbox-client sandbox-secret 9dd58237-c913-4073-9c76-07da0b49ff50 \
    "$(csv_of "$latency_rows")" "$baseline_rows")
baseline_rps=$(printf '%s' "$baseline" | sed -n 's/.*rowsPerSecond=\([0-9.]*\).*/\1/p')
speedup=$(awk -v a="$importer_latency_rps" -v b="$baseline_rps" 'BEGIN { printf "%.1f", a / b }')

# --- 3. --rate 200 ------------------------------------------------------------------------------------------------
start_sandbox no-latency
say "--rate $rate, $rate_rows rows"
import_once "rate" "$(csv_of "$rate_rows")" --rate "$rate"
requests=$(field requests "$R_STATS")
first=$(field firstRequestEpochMillis "$R_STATS"); last=$(field lastRequestEpochMillis "$R_STATS")
achieved=$(awk -v n="$requests" -v ms="$((last - first))" 'BEGIN { printf "%.1f", (n - 1) * 1000 / ms }')
achieved_pct=$(awk -v a="$achieved" -v r="$rate" 'BEGIN { printf "%.1f", 100 * a / r }')
window_max=$(field maxRequestsInAnyOneSecondWindow "$R_STATS")
rate_seconds=$(awk -v ms="$((last - first))" 'BEGIN { printf "%.1f", ms / 1000 }')

# --- 4. 250 ms latency with jitter, at the default rate and at --rate 100 -----------------------------------------
start_sandbox jitter --latency-ms "$jitter_base_ms" --jitter-ms "$jitter_ms"
jitter_table=""
for r in default "$jitter_fast_rate"; do
  if [ "$r" = default ]; then
    n=$jitter_default_rows; r_value=$default_rate; label="default ($default_rate)"; opts=()
  else
    n=$jitter_fast_rows; r_value=$r; label="$r"; opts=(--rate "$r")
  fi
  say "${jitter_base_ms}-$((jitter_base_ms + jitter_ms)) ms latency, rate $label, $n rows"
  import_once "jitter-$r" "$(csv_of "$n")" ${opts[@]+"${opts[@]}"}
  a=$(rate_over "$(field requests "$R_STATS")" "$(field firstRequestEpochMillis "$R_STATS")" \
      "$(field lastRequestEpochMillis "$R_STATS")")
  jitter_table+="| $label | $n | $a requests/s | $(pct "$a" "$r_value")% |"
  jitter_table+=" $(field maxRequestsInAnyOneSecondWindow "$R_STATS") | $(field maxConcurrentRequests "$R_STATS") |"$'\n'
done

# --- 5. a server limit of 50/s (token bucket, small burst, no Retry-After) under --rate 100 -----------------------
start_sandbox limit --rate-limit "$server_limit" --burst "$server_burst" --retry-after none
say "a server limit of $server_limit requests/s, --rate $limit_client_rate, $limit_rows rows"
# Rows may run out of attempts against the limit (exit 3): the figures still say how the importer coped.
ok_exits="0 3" import_once limit "$(csv_of "$limit_rows")" --rate "$limit_client_rate"
limit_first=$(field firstRequestEpochMillis "$R_STATS"); limit_last=$(field lastRequestEpochMillis "$R_STATS")
limit_requests=$(field requests "$R_STATS")
limit_achieved=$(rate_over "$limit_requests" "$limit_first" "$limit_last")
limit_accepted=$(rate_over "$(field accepted "$R_STATS")" "$limit_first" "$limit_last")
limit_refused=$(pct "$(field throttled "$R_STATS")" "$limit_requests")
limit_learned=$(or_na "$(field learnedLimit "$R_SUMMARY")")
limit_importer_429s=$(or_na "$(field throttled "$R_SUMMARY")")
limit_exit=$R_EXIT; limit_exhausted=$(field exhausted "$R_SUMMARY")
limit_seconds=$(awk -v ms="$((limit_last - limit_first))" 'BEGIN { printf "%.1f", ms / 1000 }')

# --- 6. 1% of rows failing on every attempt, under --rate 200 -----------------------------------------------------
start_sandbox failing --failing-rows "$failing_percent"
say "${failing_percent}% of rows failing on every attempt, --rate $failing_rate, $failing_rows rows"
# Those rows end EXHAUSTED: the run exits 3.
ok_exits="3" import_once failing "$(csv_of "$failing_rows")" --rate "$failing_rate"
failing_first_rate=$(rate_over "$(field firstAttempts "$R_STATS")" "$(field firstAttemptsFirstEpochMillis "$R_STATS")" \
    "$(field firstAttemptsLastEpochMillis "$R_STATS")")
failing_first_pct=$(pct "$failing_first_rate" "$failing_rate")
failing_wall=$(fmt "$(awk -v ms="$R_WALL_MS" 'BEGIN { print ms / 1000 }')")
failing_exhausted=$(field exhausted "$R_SUMMARY")
failing_503s=$(field failingRowAnswers "$R_STATS")
failing_requests=$(field requests "$R_STATS")
failing_retries=$(( failing_requests - $(field firstAttempts "$R_STATS") ))
failing_retry_pct=$(pct "$failing_retries" "$failing_requests")
failing_retries_early=$(field repeatsBeforeLastFirstAttempt "$R_STATS")
stop_sandbox

# --- 7. the table -------------------------------------------------------------------------------------------------
ratio=$(awk -v a="${rss[$memory_large]}" -v b="${rss[$memory_small]}" 'BEGIN { printf "%.2f", a / b }')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
javav=$(java -version 2>&1 | head -1)
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$here" status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
mode=$([ "$quick" = 1 ] && echo "scripts/bench.sh --quick" || echo "scripts/bench.sh")

table=$(cat <<EOF
Measured $(date -u +%Y-%m-%d) by \`$mode\` at commit $commit$dirty, on $(nproc) cores ($cpu), $mem RAM,
$javav, $(uname -sr). The sandbox ran in its own JVM on the same machine (sharing the two cores); the importer
ran through \`scripts/alias-import\` with \`ALIAS_IMPORT_JAVA_OPTS=$heap\`, default settings unless shown, a fresh
H2 file database per run.

**Unthrottled (\`--rate 0\`), zero latency**

| rows | launch to exit | rows/s (start-up included) | import time | rows/s (start-up excluded) | launch to first request | peak RSS | peak heap used |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows_table}
Start-up, launch to the first request at the server, median of three 100-row imports: **${startup_median} ms**.
Peak RSS ${memory_large} rows / ${memory_small} rows: **${ratio}x**.

**${latency_ms} ms server latency**: importer (default concurrency; the server saw up to ${importer_concurrency} requests at
once) **$(fmt "$importer_latency_rps") rows/s** over $latency_rows rows; naive script (one connection, one request after
another, \`scripts/bench/NaiveBaseline.java\`) **$(fmt "$baseline_rps") rows/s** over $baseline_rows rows: **${speedup}x**.

**\`--rate $rate\`**, $rate_rows rows over ${rate_seconds} s: achieved **$achieved requests/s (${achieved_pct}% of
the rate)**; the most requests the server counted in any one-second window: **$window_max**.

**${jitter_base_ms}-$((jitter_base_ms + jitter_ms)) ms server latency** (\`sandbox --latency-ms $jitter_base_ms --jitter-ms $jitter_ms\`: each answer waits
${jitter_base_ms} ms plus 0 to ${jitter_ms} ms, uniform, 250 ms on average); achieved: requests/s between the first and the last
request at the server:

| \`--rate\` | rows | achieved | of the rate | busiest one-second window | most in flight |
| ---: | ---: | ---: | ---: | ---: | ---: |
${jitter_table}
**A server limit of $server_limit requests/s** (\`sandbox --rate-limit $server_limit --burst $server_burst --retry-after none\`: a token
bucket, 429 without Retry-After), \`--rate $limit_client_rate\`, $limit_rows rows over ${limit_seconds} s: the server saw
**$limit_achieved requests/s** and accepted **$limit_accepted rows/s ($(pct "$limit_accepted" "$server_limit")% of its limit)**; refused:
**${limit_refused}% of the requests**. The importer counted $limit_importer_429s 429s and reports a learned limit of
**$limit_learned** requests/s (exit code $limit_exit, $limit_exhausted rows exhausted).

**${failing_percent}% of rows failing on every attempt** (\`sandbox --failing-rows $failing_percent\`), \`--rate $failing_rate\`, $failing_rows rows:
the first attempts of the rows reached the server at **$failing_first_rate requests/s (${failing_first_pct}% of the
rate)**; launch to exit **${failing_wall} s** (exit code 3: $failing_exhausted rows exhausted, $failing_503s attempts
answered 503). Retries were $failing_retries of the $failing_requests requests (${failing_retry_pct}%), of which
$failing_retries_early went while new rows were still being sent (retries take at most 1 in 50 requests then) and
the rest after the last row's first attempt.
EOF
)

printf '%s\n' "$table"
if [ -f BENCHMARKS.md ] && grep -q '<!-- bench:begin -->' BENCHMARKS.md; then
  printf '%s\n' "$table" >"$work/table.md"
  awk -v f="$work/table.md" '
    /<!-- bench:begin -->/ { print; while ((getline line < f) > 0) print line; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0 }
    !skip { print }' BENCHMARKS.md >"$work/BENCHMARKS.md"
  mv "$work/BENCHMARKS.md" BENCHMARKS.md
  say "figures written to BENCHMARKS.md"
else
  say "BENCHMARKS.md has no bench:begin/bench:end markers: figures not written"
fi
