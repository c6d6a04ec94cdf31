#!/usr/bin/python3
"""Praat reference values (F0, HNR per 10 ms row; utterance jitter and shimmer) for affect4j-audio's tests.

Run ONCE from the repository root with Debian's python3 and praat:
    /usr/bin/python3 affect4j-audio/src/test/fixtures-script/make_praat_fixtures.py ../shared/data
Writes src/test/resources/org/affect4j/features/audio/praat-<file>.csv via praat_voice.praat.
Rows = the Kaldi grid row count, 1 + (samples - 400) // 160.
"""
import os
import subprocess
import sys

import torchaudio

FILES = ["03-01-05-02-01-01-17.flac", "03-01-02-01-02-02-18.flac", "03-01-03-01-01-01-19.flac",
         "03-01-04-02-02-01-20.flac"]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "affect4j", "features", "audio")


def main(data):
    for name in FILES:
        path = os.path.abspath(os.path.join(data, "ravdess", name))
        n = torchaudio.info(path).num_frames
        rows = 1 + (n - 400) // 160
        out = os.path.abspath(os.path.join(OUT, "praat-" + name.replace(".flac", ".csv")))
        subprocess.run(["praat", "--run", os.path.join(HERE, "praat_voice.praat"), path, out, str(rows)], check=True)
        print(name, "rows", rows, "->", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
