#!/usr/bin/env bash
# Final same-session measurement: GEMM vs OpenBLAS, and Recur vs PyTorch / oneDNN on the shared workloads.
set -uo pipefail
B=/work/shared/bench
OUT=$B/out/final-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p $OUT/run1
cd /work/main
dotnet build -c Release bench/Recur.Bench >/dev/null 2>&1
uptime | tee $OUT/load.txt
echo "== gemm"; $B/hw/build/sgemm_bench 1 2 openblas > $OUT/gemm_openblas.jsonl 2>/dev/null
dotnet run -c Release --no-build --project bench/Recur.Bench -- gemm --json $OUT/gemm_recur.jsonl --min-time 1 > $OUT/gemm_recur.txt 2>&1
uptime | tee -a $OUT/load.txt
echo "== recur"; dotnet run -c Release --no-build --project bench/Recur.Bench -- rnn --jsonl --workloads W1,W2,W2var,W3,W4,W5 --cells lstm,gru --min-time 1 > $OUT/run1/recur.jsonl 2> $OUT/recur.err
uptime | tee -a $OUT/load.txt
echo "== pytorch"; LD_LIBRARY_PATH=$B/vendor/openblas-openmp/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 $B/torch_rnn.py --system-name pytorch --workloads W1,W2,W2var,W3,W4,W5 --cells lstm,gru --min-time 1 > $OUT/run1/pytorch.jsonl 2> $OUT/pytorch.err
uptime | tee -a $OUT/load.txt
echo "== onednn"; $B/onednn/build/rnn_bench --workloads W1,W2,W3,W5 --cells lstm,gru --min-time-ms 1000 > $OUT/run1/onednn.jsonl 2> $OUT/onednn.err
uptime | tee -a $OUT/load.txt
echo $OUT
