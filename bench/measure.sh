#!/usr/bin/env bash
# Same-session measurement: Recur vs PyTorch / oneDNN (2T and 1T) on every shared workload and cell (lstm, gru, rnn).
# Usage: bench/measure.sh [OUT] (default /tmp/recur-measure/<time>; keep what it writes in bench/results/<date-session>/).
# Needs ../shared/bench, Debian's python3-torch and libdnnl-dev; the anchors are built outside the read-only shared folder, in /tmp/anchors, on first use.
set -uo pipefail
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel); B=$(cd "$ROOT/../shared/bench" && pwd); A=/tmp/anchors
OUT=${1:-/tmp/recur-measure/$(date -u +%Y%m%dT%H%M%SZ)}; mkdir -p $OUT/run1
if [ ! -x $A/onednn/build/rnn_bench ]; then   # the shared folder is read-only: build the anchors beside it
  mkdir -p $A && cp -r $B/onednn $B/hw $A/ && chmod -R u+w $A && bash $A/onednn/build.sh && bash $A/hw/build.sh
  (mkdir -p $A/vendor && cd $A/vendor && apt-get download libopenblas0-openmp && dpkg -x libopenblas0-openmp_*.deb openblas-openmp)
fi
export OMP_NUM_THREADS=2 BENCH_THREADS=2 OPENBLAS_NUM_THREADS=2
cd "$ROOT"
dotnet build -c Release bench/Recur.Bench >/dev/null 2>&1
uptime | tee $OUT/load.txt
echo "== recur"; dotnet run -c Release --no-build --project bench/Recur.Bench -- rnn --jsonl --workloads W1,W2,W2var,W3,W4,W5 --cells lstm,gru,rnn --min-time 1 > $OUT/run1/recur.jsonl 2> $OUT/recur.err
uptime | tee -a $OUT/load.txt
echo "== pytorch"; LD_LIBRARY_PATH=$A/vendor/openblas-openmp/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 $B/torch_rnn.py --system-name pytorch --workloads W1,W2,W2var,W3,W4,W5 --cells lstm,gru,rnn --min-time 1 > $OUT/run1/pytorch.jsonl 2> $OUT/pytorch.err
uptime | tee -a $OUT/load.txt
echo "== onednn"; $A/onednn/build/rnn_bench --workloads W1,W2,W3,W4,W5 --cells lstm,gru,rnn --min-time-ms 1000 > $OUT/run1/onednn.jsonl 2> $OUT/onednn.err
OMP_NUM_THREADS=1 $A/onednn/build/rnn_bench --system-name onednn-1t --workloads W1,W2,W3,W5 --cells lstm,gru,rnn --min-time-ms 1000 > $OUT/run1/onednn-1t.jsonl 2>> $OUT/onednn.err
uptime | tee -a $OUT/load.txt
/usr/bin/python3 $B/tools/compare.py $OUT $OUT --system recur --anchors onednn,onednn-1t,pytorch > $OUT/compare.txt 2>&1
cat $OUT/compare.txt
echo $OUT
# W2var / W2 is a ratio of two of Recur's own medians, each within ±5 % run to run here: five more process-per-cell runs.
echo "== recur W2/W2var, 5 more runs"
for i in 1 2 3 4 5; do
  dotnet run -c Release --no-build --project bench/Recur.Bench -- rnn --jsonl --workloads W2,W2var --cells lstm,gru,rnn --modes infer,train --min-time 1 > $OUT/run1/recur-w2-$i.jsonl 2>> $OUT/recur.err
done
/usr/bin/python3 - $OUT <<'PY'
import json, sys, glob, statistics
out = sys.argv[1]
runs = {}
for f in sorted(glob.glob(f"{out}/run1/recur-w2-*.jsonl")):
    for line in open(f):
        r = json.loads(line); runs.setdefault((r["workload"], r["mode"], r["cell"]), []).append(r["stats"]["median_ms"])
with open(f"{out}/w2var.txt", "w") as w:
    for mode in ("infer", "train"):
        for cell in ("lstm", "gru", "rnn"):
            ratios = [v / f for v, f in zip(runs[("W2var", mode, cell)], runs[("W2", mode, cell)])]
            line = f"W2var/W2 {mode} {cell}: per run {' '.join(f'{x:.3f}' for x in ratios)}; median {statistics.median(ratios):.3f}"
            print(line); w.write(line + "\n")
PY
echo $OUT
