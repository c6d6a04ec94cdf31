# Praat reference values for affect4j-audio (called by make_praat_fixtures.py; Debian praat 6.3).
# Writes, for the affect4j frame grid (row i at 0.0125 + 0.01 i s), F0 (To Pitch (ac), Praat defaults) and
# HNR (To Harmonicity (ac), Praat defaults) interpolated linearly at each row centre ("nan" when Praat says
# undefined), then one line with the utterance jitter (local) and shimmer (local, dB) from a cross-correlation
# point process, Praat's standard voice report settings.
form Voice reference
    sentence In
    sentence Out
    integer Rows
endform
sound = Read from file: in$
pitch = To Pitch (ac): 0, 75, 15, "no", 0.03, 0.45, 0.01, 0.35, 0.14, 600
selectObject: sound
harm = To Harmonicity (ac): 0.01, 75, 0.1, 4.5
deleteFile: out$
appendFileLine: out$, "row,f0,hnr"
for i from 0 to rows - 1
    t = 0.0125 + 0.01 * i
    selectObject: pitch
    f = Get value at time: t, "Hertz", "linear"
    selectObject: harm
    h = Get value at time: t, "cubic"
    appendFileLine: out$, i, ",", fixed$(f, 3), ",", fixed$(h, 3)
endfor
selectObject: sound, pitch
pp = To PointProcess (cc)
jit = Get jitter (local): 0, 0, 0.0001, 0.02, 1.3
selectObject: sound, pp
shim = Get shimmer (local_dB): 0, 0, 0.0001, 0.02, 1.3, 1.6
appendFileLine: out$, "# jitter_local,shimmer_local_db"
appendFileLine: out$, "# ", fixed$(jit, 6), ",", fixed$(shim, 6)
