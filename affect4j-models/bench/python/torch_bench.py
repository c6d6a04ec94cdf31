#!/usr/bin/python3
"""The affect4j temporal models written in PyTorch, timed like affect4j-models' Throughput bench.

Usage: torch_bench.py MODEL STEPS INFER_SEGMENTS THREADS   (MODEL = lstm | transformer)
Prints one JSON line: train_segments_per_s, infer_frames_per_s, train_cpu_s_per_step, infer_cpu_ms_per_frame,
infer_int8_frames_per_s, infer_int8_cpu_ms_per_frame (PyTorch's dynamic int8 of the same network),
train_bf16_segments_per_s, train_bf16_cpu_s_per_step (PyTorch's CPU autocast to bfloat16)
(process CPU time, all threads), peak_rss_mb.
Same architecture, sizes, batch (8 segments of 128 frames, 512 input values), R-Drop (two passes stacked in one
batch), global-norm clipping 5 and Adam(1e-4, weight decay 1e-5) as the Java side.
"""
import json
import math
import os
import resource
import sys
import time

# bfloat16 products need oneDNN's AVX-512 / AMX kernels, which run.sh's AVX2 cap (kept for the LSTM's sake) hides:
# lifted for the Transformer before torch loads, as affect4j's TorchMatmul lifts it for training.precision bfloat16
if sys.argv[1] != "lstm":
    os.environ["ONEDNN_MAX_CPU_ISA"] = "ALL"

import torch
import torch.nn as nn
import torch.nn.functional as F

model_type, steps, infer_segments, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.set_num_interop_threads(1)
torch.manual_seed(0)
B, L, D, C = 8, 128, 512, 8


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fusion = nn.Sequential(nn.Linear(D, 512), nn.ReLU(), nn.Dropout(0.3))
        if model_type == "lstm":
            self.enc = nn.LSTM(512, 512, num_layers=1, batch_first=True)
            out = 512
        else:
            self.proj = nn.Linear(512, 1024, bias=False)
            self.pos_drop = nn.Dropout(0.3)
            layer = nn.TransformerEncoderLayer(1024, 4, 1024, 0.3, batch_first=True)
            self.enc = nn.TransformerEncoder(layer, 4, enable_nested_tensor=False)
            pe = torch.zeros(L, 1024)
            pos = torch.arange(L).unsqueeze(1).float()
            div = torch.exp(torch.arange(0, 1024, 2).float() * (-math.log(10000.0) / 1024))
            pe[:, 0::2] = torch.sin(pos * div)
            pe[:, 1::2] = torch.cos(pos * div)
            self.register_buffer("pe", pe.unsqueeze(0))
            out = 1024
        self.head = nn.Sequential(nn.Linear(out, 512), nn.Dropout(0.3), nn.ReLU(),
                                  nn.Linear(512, 256), nn.Dropout(0.3), nn.ReLU(), nn.Linear(256, C))

    def forward(self, x, pad):
        h = self.fusion(x)
        if model_type == "lstm":
            h, _ = self.enc(h)
        else:
            h = self.pos_drop(self.proj(h) + self.pe[:, : h.shape[1]])
            h = self.enc(h, src_key_padding_mask=pad)
        return self.head(h)


def rdrop(l1, l2, y, alpha=5.0):
    keep = y >= 0
    lp1, lp2 = F.log_softmax(l1[keep], -1), F.log_softmax(l2[keep], -1)
    ce = 0.5 * (F.nll_loss(lp1, y[keep]) + F.nll_loss(lp2, y[keep]))
    kl = ((lp1.exp() - lp2.exp()) * (lp1 - lp2)).sum(-1).mean()
    return ce + alpha * 0.5 * kl


net = Net()
opt = torch.optim.Adam(net.parameters(), lr=1e-4, weight_decay=1e-5)
x = torch.randn(B, L, D)
y = torch.randint(0, C, (B, L))
pad = torch.zeros(2 * B, L, dtype=torch.bool)


def train_step():
    logits = net(torch.cat([x, x]), pad)
    loss = rdrop(logits[:B], logits[B:], y)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
    opt.step()
    return loss.item()


net.train()
for _ in range(2):
    train_step()
c0, t0 = time.process_time(), time.perf_counter()
for _ in range(steps):
    train_step()
train_sps = steps * B / (time.perf_counter() - t0)
train_cpu = (time.process_time() - c0) / steps

# PyTorch's own bfloat16 training: autocast on the CPU (its matrix products in bfloat16, the loss in float32), the
# nearest to affect4j's training.precision bfloat16 (PyTorch 1.13's float32_matmul_precision does not reach the CPU);
# null where this torch cannot (the LSTM, under the AVX2 cap)
train_bf16_sps = train_bf16_cpu = None
if model_type != "lstm":
    with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
        train_step()
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(steps):
            train_step()
        train_bf16_sps = steps * B / (time.perf_counter() - t0)
        train_bf16_cpu = (time.process_time() - c0) / steps

net.eval()
xi = torch.randn(B, L, D)
padi = torch.zeros(B, L, dtype=torch.bool)
with torch.no_grad():
    net(xi, padi).softmax(-1).numpy()
    c0, t0 = time.process_time(), time.perf_counter()
    batches = infer_segments // B
    for _ in range(batches):
        net(xi, padi).softmax(-1).numpy()
    infer_fps = batches * B * L / (time.perf_counter() - t0)
    infer_cpu = (time.process_time() - c0) * 1000 / (batches * B * L)
    # PyTorch's own int8 at inference: dynamic quantisation of its nn.Linear layers (fbgemm), the nearest to
    # affect4j's --precision int8 (its attention's in_proj and out_proj stay float: PyTorch does not quantise them)
    qnet = torch.ao.quantization.quantize_dynamic(net, {nn.Linear}, dtype=torch.qint8)
    if model_type != "lstm":
        # PyTorch 1.13's fused encoder path reads weight tensors a quantised layer does not have: take the
        # layer-by-layer path (same arithmetic, ReLU as before)
        for layer in qnet.enc.layers:
            layer.activation_relu_or_gelu = 0
    qnet(xi, padi).softmax(-1).numpy()
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(batches):
        qnet(xi, padi).softmax(-1).numpy()
    infer_int8_fps = batches * B * L / (time.perf_counter() - t0)
    infer_int8_cpu = (time.process_time() - c0) * 1000 / (batches * B * L)


def peak_rss_mb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork+exec, so a child of the JVM would report the JVM's peak
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


print(json.dumps({"train_segments_per_s": train_sps, "infer_frames_per_s": infer_fps,
                  "train_cpu_s_per_step": train_cpu, "infer_cpu_ms_per_frame": infer_cpu,
                  "infer_int8_frames_per_s": infer_int8_fps, "infer_int8_cpu_ms_per_frame": infer_int8_cpu,
                  "train_bf16_segments_per_s": train_bf16_sps, "train_bf16_cpu_s_per_step": train_bf16_cpu,
                  "peak_rss_mb": peak_rss_mb(),
                  "torch": torch.__version__, "threads": torch.get_num_threads()}))
