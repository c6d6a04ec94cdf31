#!/usr/bin/python3
"""Reference Kaldi fbank values for affect4j-audio's tests, produced ONCE with Debian's python3-torchaudio.

Run from the repository root with Debian's interpreter (not a pyenv one):
    /usr/bin/python3 affect4j-audio/src/test/fixtures-script/make_fbank_fixtures.py ../shared/data
Writes src/test/resources/org/affect4j/features/audio/fbank-<file>.npy: float32 [frames/STRIDE, 80],
every STRIDE-th frame (to keep fixtures small) of torchaudio.compliance.kaldi.fbank with the settings that
KaldiFbank uses by default: 25 ms povey window, 10 ms hop, pre-emphasis 0.97, DC removal, no dither,
80 bins from 20 Hz to Nyquist, snip_edges, input scaled to the int16 range (x 32768) as Kaldi reads wav files.
"""
import os
import sys

import numpy as np
import torch
import torchaudio

FILES = ["03-01-05-02-01-01-17.flac", "03-01-02-01-02-02-18.flac"]
STRIDE = 3
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "affect4j", "features", "audio")


def main(data):
    for name in FILES:
        wav, sr = torchaudio.load(os.path.join(data, "ravdess", name))
        assert sr == 16000 and wav.shape[0] == 1, (name, sr, wav.shape)
        feats = torchaudio.compliance.kaldi.fbank(
            wav * 32768.0, num_mel_bins=80, frame_length=25.0, frame_shift=10.0, dither=0.0,
            preemphasis_coefficient=0.97, remove_dc_offset=True, window_type="povey", low_freq=20.0,
            high_freq=0.0, sample_frequency=16000.0, snip_edges=True, use_energy=False, use_log_fbank=True,
            use_power=True)
        sub = feats[::STRIDE].numpy().astype(np.float32)
        path = os.path.join(OUT, "fbank-" + name.replace(".flac", ".npy"))
        np.save(path, sub)
        print(name, "samples", wav.shape[1], "frames", feats.shape[0], "kept", sub.shape, "->", path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
