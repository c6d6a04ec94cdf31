#!/usr/bin/env bash
# Memory of 'cv --spark' with two workers on the full-size store (issue 15): the paper's LSTM config on the store of
# bench/full-size.sh, 5 folds + mix, run as a user runs it (./affect4j cv --master local[2]: two forked training JVMs
# at a time, each with its bounded heap, AFFECT4J_CHILD_HEAP default 2g), each model cut to BENCH_STEPS training
# steps (default 2) of one epoch, as memory, not time, is measured here. Samples every process of the command's
# group every 2 s and prints the peaks of the summed resident memory, split into anonymous memory (heaps, engines)
# and mapped file pages (the store: page cache shared by the children, given back under pressure), the largest
# single process, and the machine's lowest MemAvailable. BENCH_CV_SECONDS (default 0: until the end) stops the
# command after that many seconds, which still covers the first models' opening, standardisation, steps and
# validation.
#   bench/full-size-cv.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/affect4j-full-size}"
[ -f "$work/.store-done" ] || { echo "no full-size store in $work: run bench/full-size.sh first" >&2; exit 1; }
"$root/affect4j" --version >/dev/null
sets="$work/annotations/EXPR_Classification_Challenge"
python3 - "$root/configs/lstm.json" "$work" "${BENCH_STEPS:-2}" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); w = sys.argv[2]
c["data"].update(store=f"{w}/store", train=f"{w}/annotations/EXPR_Classification_Challenge/Train_Set",
                 validation=f"{w}/annotations/EXPR_Classification_Challenge/Validation_Set")
c["features"] = ["faceapi-expr", "faceres", "mobilefacenet", "fbank", "egemaps", "compare"]
c["training"].update(epochs=1, maxStepsPerEpoch=int(sys.argv[3]))
json.dump(c, open(f"{w}/cv-lstm.json", "w"), indent=1)
PY
rm -rf "$work/cv"
export SPARK_LOCAL_IP=127.0.0.1
start=$(date +%s)
setsid /usr/bin/time -f '%e %U %S' -o "$work/cv.time" "$root/affect4j" cv --config "$work/cv-lstm.json" --folds 5 --mix \
  --master 'local[2]' --out "$work/cv" > "$work/cv.log" 2>&1 &
pid=$!
python3 - "$pid" "${BENCH_CV_SECONDS:-0}" "$work/cv.mem" <<'PY'
import os, sys, time, signal
pid, limit, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
pgid = os.getpgid(pid)
peak = dict(rss=0, anon=0, file=0, single=0, procs=0); low_avail = 1 << 60; t0 = time.time(); stopped = False
def kb(status, key):
    for line in status:
        if line.startswith(key): return int(line.split()[1])
    return 0
while True:
    # the command is the shell's child, not this sampler's: it is done when its process is gone
    if not os.path.exists(f"/proc/{pid}"): break
    rss = anon = fil = single = procs = 0
    for p in os.listdir("/proc"):
        if not p.isdigit(): continue
        try:
            if os.getpgid(int(p)) != pgid: continue
            st = open(f"/proc/{p}/status").read().splitlines()
        except (OSError, ProcessLookupError):
            continue
        r = kb(st, "VmRSS:"); rss += r; anon += kb(st, "RssAnon:"); fil += kb(st, "RssFile:"); single = max(single, r); procs += 1
    for k, v in (("rss", rss), ("anon", anon), ("file", fil), ("single", single), ("procs", procs)): peak[k] = max(peak[k], v)
    avail = kb(open("/proc/meminfo").read().splitlines(), "MemAvailable:"); low_avail = min(low_avail, avail)
    if limit > 0 and time.time() - t0 > limit and not stopped:
        os.killpg(pgid, signal.SIGTERM); stopped = True
    time.sleep(2)
line = (f"cv --master local[2], full-size store, {'stopped after' if stopped else 'ran'} {time.time() - t0:.0f} s:"
        f" peak summed RSS {peak['rss'] / 1024:.0f} MB (anonymous {peak['anon'] / 1024:.0f} MB, mapped files"
        f" {peak['file'] / 1024:.0f} MB) over up to {peak['procs']} processes; largest process {peak['single'] / 1024:.0f} MB;"
        f" lowest MemAvailable of the machine {low_avail / 1024:.0f} MB")
print(line); open(out, "w").write(line + "\n")
PY
tail -3 "$work/cv.log"
[ -f "$work/cv.time" ] && echo "cv wall, user, system s: $(cat "$work/cv.time")"
