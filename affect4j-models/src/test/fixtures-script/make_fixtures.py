#!/usr/bin/python3
"""Reference outputs of PyTorch modules for affect4j-models' equivalence tests.

Run once with Debian's python3-torch (1.13):
    /usr/bin/python3 make_fixtures.py ../resources/org/affect4j/models
Each .npz holds the weights, the inputs and torch's outputs (float32, C order), named as the Java tests expect.
"""
import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
torch.manual_seed(1234)


def arr(t):
    return np.ascontiguousarray(t.detach().cpu().numpy().astype(np.float32))


def sinusoidal(length, width):
    pe = np.zeros((length, width), dtype=np.float64)
    for t in range(length):
        for i in range(width // 2):
            a = t / math.pow(10000.0, 2.0 * i / width)
            pe[t, 2 * i] = math.sin(a)
            pe[t, 2 * i + 1] = math.cos(a)
    return torch.tensor(pe, dtype=torch.float32)


def layer_weights(prefix, layer, d):
    w = {}
    ipw, ipb = layer.self_attn.in_proj_weight, layer.self_attn.in_proj_bias
    for k, name in enumerate(["q", "k", "v"]):
        w[prefix + name + "_weight"] = arr(ipw[k * d:(k + 1) * d])
        w[prefix + name + "_bias"] = arr(ipb[k * d:(k + 1) * d])
    w[prefix + "out_weight"] = arr(layer.self_attn.out_proj.weight)
    w[prefix + "out_bias"] = arr(layer.self_attn.out_proj.bias)
    for n in ["linear1", "linear2", "norm1", "norm2"]:
        m = getattr(layer, n)
        w[prefix + n + "_weight"] = arr(m.weight)
        w[prefix + n + "_bias"] = arr(m.bias)
    return w


def randomise_norms(layer):
    # LayerNorm starts at gamma=1, beta=0; random values make the test see a wrong mapping
    with torch.no_grad():
        for n in [layer.norm1, layer.norm2]:
            n.weight.uniform_(0.5, 1.5)
            n.bias.uniform_(-0.5, 0.5)


# 1. one post-LN encoder layer, with key padding (the second sequence has 2 padding frames)
d, heads, ff, B, T = 16, 4, 24, 2, 5
layer = torch.nn.TransformerEncoderLayer(d, heads, ff, dropout=0.3, batch_first=True)
randomise_norms(layer)
layer.eval()
x = torch.randn(B, T, d)
pad = torch.zeros(B, T, dtype=torch.bool)
pad[1, 3:] = True
# grad mode stays on so torch takes the ordinary (not the nested-tensor fast) path
y = layer(x, src_key_padding_mask=pad)
fx = layer_weights("", layer, d)
fx.update(x=arr(x), valid=arr(~pad), y=arr(y))
np.savez(out_dir + "/transformer_layer.npz", **fx)

# 2. the whole encoder: bias-free projection, sinusoidal positions, 2 layers
inp, layers = 6, 2
proj = torch.nn.Linear(inp, d, bias=False)
stack = [torch.nn.TransformerEncoderLayer(d, heads, ff, dropout=0.3, batch_first=True) for _ in range(layers)]
for l in stack:
    randomise_norms(l)
    l.eval()
x = torch.randn(B, T, inp)
h = proj(x) + sinusoidal(T, d).unsqueeze(0)
for l in stack:
    h = l(h, src_key_padding_mask=pad)
fx = {"proj_weight": arr(proj.weight), "x": arr(x), "valid": arr(~pad), "y": arr(h)}
for i, l in enumerate(stack):
    fx.update(layer_weights("l%d_" % i, l, d))
np.savez(out_dir + "/transformer_model.npz", **fx)

# 3. a 2-layer LSTM with a given initial state
hid, T = 8, 7
lstm = torch.nn.LSTM(inp, hid, num_layers=2, batch_first=True)
x = torch.randn(B, T, inp)
h0, c0 = torch.randn(2, B, hid), torch.randn(2, B, hid)
y, (hn, cn) = lstm(x, (h0, c0))
fx = {"x": arr(x), "h0": arr(h0), "c0": arr(c0), "y": arr(y), "hn": arr(hn), "cn": arr(cn)}
for name, p in lstm.named_parameters():
    fx[name] = arr(p)
np.savez(out_dir + "/lstm.npz", **fx)

# 4. R-Drop loss of METHOD §4 on given logits: mean over annotated frames, alpha = 5
B, T, C = 2, 4, 8
p1, p2 = torch.randn(B, T, C) * 2, torch.randn(B, T, C) * 2
labels = torch.tensor([[0, 4, -1, 7], [1, -1, -1, 6]])
keep = labels >= 0
ce1 = F.cross_entropy(p1[keep], labels[keep])
ce2 = F.cross_entropy(p2[keep], labels[keep])
lp1, lp2 = F.log_softmax(p1[keep], -1), F.log_softmax(p2[keep], -1)
kl12 = F.kl_div(lp2, lp1, log_target=True, reduction="none").sum(-1).mean()  # KL(P1 || P2)
kl21 = F.kl_div(lp1, lp2, log_target=True, reduction="none").sum(-1).mean()  # KL(P2 || P1)
alpha = 5.0
loss = 0.5 * (ce1 + ce2) + alpha * 0.5 * (kl12 + kl21)
np.savez(out_dir + "/rdrop.npz", p1=arr(p1), p2=arr(p2), labels=labels.numpy().astype(np.float32),
         loss=np.array([loss.item()], dtype=np.float32), ce=np.array([0.5 * (ce1 + ce2).item()], dtype=np.float32))
print("fixtures written to", out_dir)
