#!/usr/bin/env bash
# How long Ctrl+Q takes, and whether the process ends cleanly, with a chat open against a real
# outlierd: the app on the sample, under Xvfb, the keys sent with xdotool. Prints each quit's
# time (from the key press to the process's end, polled every 5 ms) and how many quits ended
# in an abort. A figure to read, never a pass/fail test.
#
#   tests/bench/bench_quit.sh [ROUNDS] [OUTLIERDESK] [OUTLIERD]     (defaults: 12, build/bin/...)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-12}
app=${2:-build/bin/outlierdesk}
server=${3:-build/bin/outlierd}
for tool in xvfb-run xdotool; do
  command -v "$tool" >/dev/null || { echo "needs $tool (scripts/install-deps.sh)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$((50000 + RANDOM % 10000))
"$server" --listen "127.0.0.1:$port" >"$work/outlierd.log" 2>&1 &
server_pid=$!
sleep 1

# One round, run inside its own Xvfb: load the sample, open the chat (Ctrl+2), send a line,
# then Ctrl+Q. Prints "SECONDS STATUS".
cat >"$work/round.sh" <<'ROUND'
#!/usr/bin/env bash
export XDG_CONFIG_HOME="$1/config" XDG_DATA_HOME="$1/data"
"$2" "$3" --remote "$4" >"$1/app.log" 2>&1 &
pid=$!
win=$(xdotool search --sync --onlyvisible --name OutlierDesk | head -1)
sleep 4 # the sample read and judged
xdotool windowfocus --sync "$win"
for step in "key ctrl+2" "type hello" "key Return"; do xdotool $step; sleep 0.5; done
sleep 1 # the chat answered
start=$(date +%s.%N)
xdotool key ctrl+q
for _ in $(seq 4000); do kill -0 "$pid" 2>/dev/null || break; sleep 0.005; done
wait "$pid"; status=$?
echo "$(echo "$(date +%s.%N) - $start" | bc) $status"
ROUND
chmod +x "$work/round.sh"

aborts=0
times=()
for _ in $(seq "$rounds"); do
  read -r seconds status < <(xvfb-run -a -s "-screen 0 1400x900x24" "$work/round.sh" "$work" "$app" \
    resources/samples/service-metrics.csv "127.0.0.1:$port" 2>/dev/null | tail -1)
  times+=("$seconds")
  [ "$status" -eq 0 ] || aborts=$((aborts + 1))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "quit with a chat open, $rounds rounds: median $(echo "$sorted" | sed -n "$(((rounds + 1) / 2))p") s," \
  "max $(echo "$sorted" | tail -1) s; ended by a signal or an error: $aborts"
