# Per-file macro-F1 of a batch 'affect4j predict' output over RAVDESS actors FIRST-LAST (a file's label: its most
# frequent frames.csv label, lowest class index on ties; no label: wrong), as the recipe scores. Usage:
#   ./affect4j predict $(awk -F, -v a=13 -v b=16 'NR>1 && $2>=a && $2<=b {print "DATA/ravdess/"$1}' DATA/ravdess/labels.csv) --model M --out OUT
#   python3 bench/python/ravdess-per-file.py OUT FIRST LAST [DATA]
import csv, sys, os
out, actors = sys.argv[1], range(int(sys.argv[2]), int(sys.argv[3]) + 1)
gold = {}
for r in csv.DictReader(open((sys.argv[4] if len(sys.argv) > 4 else '../shared/data') + '/ravdess/labels.csv')):
    if int(r['actor']) in actors: gold[os.path.splitext(r['file'])[0]] = int(r['label_index'])
pred = {}
for name in gold:
    counts = [0] * 8
    for r in csv.DictReader(open(f'{out}/{name}/frames.csv')):
        if r['label'] != '-1': counts[int(r['label'])] += 1
    pred[name] = counts.index(max(counts)) if max(counts) > 0 else -1
classes = sorted(set(gold.values()))
f1 = []
for c in classes:
    tp = sum(1 for n in gold if gold[n] == c and pred[n] == c)
    fp = sum(1 for n in gold if gold[n] != c and pred[n] == c)
    fn = sum(1 for n in gold if gold[n] == c and pred[n] != c)
    f1.append(2 * tp / max(1, 2 * tp + fp + fn))
acc = sum(gold[n] == pred[n] for n in gold) / len(gold)
print(f'{out}: {len(gold)} files, macro-F1 {sum(f1)/len(f1):.4f} over {len(classes)} classes, accuracy {acc:.4f}')
