#!/usr/bin/env python3
"""Side checks of issue 14's Other with one-sided expressions (README "Where it fails"); not the product path
except where said. Needs numpy and torch (Debian: python3-numpy, python3-torch).

  synthetic-other.py halves PRED LIST SMIRK_LIST
      SMIRK_LIST: the list AsymmetricFaces.java smirk printed; PRED: `affect4j predict --out PRED` over the
      pictures of LIST, the smirked pictures, and the half-face composites of both (AsymmetricFaces.java halves,
      run on LIST and on SMIRK_LIST); prints how far the two
      composites' readings are apart (total variation over the seven classes) for real and smirked faces, and
      what predict says of the smirked pictures.
  synthetic-other.py train WORK DIR FER_LABELS
      WORK: the recipe's work folder (build-default-model --work), FER_LABELS: fer2013/labels.csv, DIR: the AsymmetricFaces.java rows files
      smirk_train.bin, sym_train.bin (FER2013 train Neutral), smirk_val.bin, sym_val.bin, none_val.bin (val Neutral),
      smirk_test.bin (test Neutral). One perceptron (256 hidden, dropout 0.5, 20 epochs, the recipe's settings) on
      the pictures and their mirror images: A seven classes; B + smirks as an eighth class, Other; C + the
      symmetric controls as Neutral. Prints FER2013 val/test macro-F1 and how often each set is called Other.
  synthetic-other.py landmarks CSV
      CSV: what AsymmetricFaces.java landmarks wrote. For each landmark net, the mouth's asymmetry measured in the
      frame of the eye line, in eye distances (corner heights' difference, outer and inner corners), as it is, on the
      smirks (by the side pulled) and on the symmetric controls, and how well its size tells a smirk from a real face
      and from a control (AUC, 0.5 = not at all).
"""
import csv, os, sys
import numpy as np

NAMES = ['p_neutral', 'p_anger', 'p_disgust', 'p_fear', 'p_happiness', 'p_sadness', 'p_surprise', 'p_other']
FEATURES = ['faceapi-expr', 'faceapi-expr-tight', 'faceres', 'mobilefacenet']


def halves(pred, lst, smirk_lst):
    def probs(name):
        f = os.path.join(pred, name, 'frames.csv')
        if not os.path.exists(f):
            return None
        r = next(csv.DictReader(open(f)))
        if r['p_neutral'] == '':
            return None
        p = np.array([float(r[k]) for k in NAMES])
        return p[:7] / p[:7].sum()

    def items(path):
        return [(os.path.basename(l.split(',')[0]).rsplit('.', 1)[0], int(l.strip().split(',')[1])) for l in open(path)]

    def tv(a, b):
        return 0.5 * np.abs(a - b).sum()

    real = [tv(probs(b + '_a'), probs(b + '_b')) for b, _ in items(lst)
            if probs(b + '_a') is not None and probs(b + '_b') is not None]
    smirk = [tv(probs(b + '_a'), probs(b + '_b')) for b, _ in items(smirk_lst)
             if probs(b + '_a') is not None and probs(b + '_b') is not None]
    real, smirk = np.array(real), np.array(smirk)
    print(f'{len(real)} pictures, {len(smirk)} smirked: median distance {np.median(real):.3f} / {np.median(smirk):.3f}')
    for t in (0.3, 0.5, 0.7):
        print(f'  distance > {t}: pictures {np.mean(real > t):.3f}, smirked {np.mean(smirk > t):.3f}')
    labels = [int(np.argmax(probs(b))) for b, _ in items(smirk_lst) if probs(b) is not None]
    print('  predict on the smirked pictures (class counts, Neutral first):', np.bincount(labels, minlength=7))


def train(work, d, labels_csv):
    import torch
    lab = {}
    for r in csv.DictReader(open(labels_csv)):
        lab.setdefault(r['split'], []).append((r['path'], int(r['label_index'])))

    def labels(split):  # the recipe's order: class folders by name, files by name
        return np.array([l for p, l in sorted(lab[split], key=lambda t: (t[0].split('/')[1], t[0]))])

    def view(name):
        x = np.concatenate([np.load(f'{work}/{f}/{name}.npy') for f in FEATURES], 1)
        return x, np.load(f'{work}/{FEATURES[0]}/{name}.mask.npy')

    dim = view('fer2013-val')[0].shape[1]

    def rows(name):
        raw = np.fromfile(os.path.join(d, name), dtype=np.uint8).reshape(-1, 1 + 4 * dim)
        return raw[:, 1:].copy().view('>f4').astype(np.float32)[raw[:, 0] == 1]

    ytr, yva, yte = labels('train'), labels('val'), labels('test')
    x0, m0 = view('fer2013-train'); x1, m1 = view('fer2013-train-mirror')
    xv, mv = view('fer2013-val'); xt, mt = view('fer2013-test')
    nv = rows('none_val.bin')
    assert np.array_equal(nv, xv[yva == 0][mv[yva == 0]]), 'rows differ from the work store: not the same extraction'
    smt, syt, smv, syv, sme = (rows(n) for n in ('smirk_train.bin', 'sym_train.bin', 'smirk_val.bin', 'sym_val.bin', 'smirk_test.bin'))
    xtr, ytr2 = np.concatenate([x0[m0], x1[m1]]), np.concatenate([ytr[m0], ytr[m1]])

    def mlp(x, y, k):
        torch.manual_seed(42)
        mu, sd = x.mean(0), x.std(0) + 1e-6
        net = torch.nn.Sequential(torch.nn.Linear(x.shape[1], 256), torch.nn.ReLU(), torch.nn.Dropout(0.5), torch.nn.Linear(256, k))
        opt = torch.optim.AdamW(net.parameters(), 1e-3, weight_decay=1e-4)
        xt_, yt_ = torch.tensor((x - mu) / sd, dtype=torch.float32), torch.tensor(y)
        for _ in range(20):
            net.train()
            perm = torch.randperm(len(y))
            for i in range(0, len(y), 128):
                b = perm[i:i + 128]
                opt.zero_grad()
                torch.nn.functional.cross_entropy(net(xt_[b]), yt_[b]).backward()
                opt.step()
        net.eval()
        return lambda z: net(torch.tensor((z - mu) / sd, dtype=torch.float32)).argmax(1).numpy()

    def f1(y, p):
        return np.mean([0 if ((p == c) & (y == c)).sum() == 0 else 2 * ((p == c) & (y == c)).sum() / ((p == c).sum() + (y == c).sum())
                        for c in range(7)])

    variants = {'A seven classes': (xtr, ytr2, 7),
                'B + smirks as Other': (np.concatenate([xtr, smt]), np.concatenate([ytr2, np.full(len(smt), 7)]), 8),
                'C + smirks as Other + symmetric controls as Neutral': (np.concatenate([xtr, smt, syt]),
                                                                        np.concatenate([ytr2, np.full(len(smt), 7), np.zeros(len(syt), int)]), 8)}
    for name, (x, y, k) in variants.items():
        p = mlp(x, y, k)
        pv, pt = p(xv[mv]), p(xt[mt])
        print(f'{name}: FER2013 val macro-F1 {f1(yva[mv], pv):.4f}, test {f1(yte[mt], pt):.4f}; called Other: val pictures '
              f'{np.mean(pv == 7):.3f}, smirked val {np.mean(p(smv) == 7):.3f}, smirked test {np.mean(p(sme) == 7):.3f}, '
              f'symmetric controls val {np.mean(p(syv) == 7):.3f}')


def landmarks(path):
    rows = [l.rstrip().split(',') for l in open(path)]
    variant = np.array([r[2] for r in rows])
    side = np.array([int(r[3]) for r in rows])
    x = np.array([[float(v) for v in r[4:]] for r in rows])
    nets = {  # points (n, k, 2); indices: right eye, left eye, mouth corners outer and inner
        'faceapi-landmarks (68)': (x[:, :136].reshape(-1, 68, 2), list(range(36, 42)), list(range(42, 48)), (48, 54), (60, 64)),
        'facemesh (468)': (x[:, 136:].reshape(-1, 468, 3)[:, :, :2], [33, 133], [362, 263], (61, 291), (78, 308)),
    }

    def auc(a, b):
        return (a[:, None] < b[None, :]).mean() + 0.5 * (a[:, None] == b[None, :]).mean()

    print('%d readings (%d pictures)' % (len(rows), (variant == 'none').sum()))
    for name, (p, reye, leye, outer, inner) in nets.items():
        re, le = p[:, reye].mean(1), p[:, leye].mean(1)
        e = le - re
        iod = np.linalg.norm(e, axis=1)
        u = e / iod[:, None]
        n = np.stack([-u[:, 1], u[:, 0]], 1)
        mid = (re + le) / 2

        def height(k):
            return ((p[:, k] - mid) * n).sum(1) / iod
        for what, (a, b) in (('outer corners', outer), ('inner corners', inner)):
            v = height(a) - height(b)
            none, smirk, sym = v[variant == 'none'], v[variant == 'smirk'], v[variant == 'sym']
            s_side = side[variant == 'smirk']
            print('%-24s %-14s real %+.3f (sd %.3f)  smirk, one side %+.3f, other %+.3f  control %+.3f (sd %.3f)'
                  '  AUC |.| smirk vs real %.3f, vs control %.3f' % (
                      name, what, none.mean(), none.std(), smirk[s_side == 1].mean(), smirk[s_side == -1].mean(),
                      sym.mean(), sym.std(), auc(np.abs(none), np.abs(smirk)), auc(np.abs(sym), np.abs(smirk))))


if __name__ == '__main__':
    {'halves': lambda: halves(*sys.argv[2:5]), 'train': lambda: train(*sys.argv[2:5]),
     'landmarks': lambda: landmarks(sys.argv[2])}[sys.argv[1]]()
