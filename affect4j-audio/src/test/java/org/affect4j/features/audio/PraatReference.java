package org.affect4j.features.audio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A fixture written by {@code make_praat_fixtures.py}: per-row F0 and HNR, utterance jitter and shimmer. */
record PraatReference(double[] f0, double[] hnr, double jitterLocal, double shimmerLocalDb) {
    static final String[] FILES = {"03-01-05-02-01-01-17", "03-01-02-01-02-02-18", "03-01-03-01-01-01-19",
            "03-01-04-02-02-01-20"};

    /** Undefined values become NaN. */
    static PraatReference load(String name) {
        String res = "praat-" + name + ".csv";
        try (InputStream in = PraatReference.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("fixture " + res + " missing");
            List<double[]> rows = new ArrayList<>();
            double jit = Double.NaN;
            double shim = Double.NaN;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("# jitter")) continue;
                String[] p = line.replace("# ", "").split(",");
                if (line.startsWith("#")) {
                    jit = Double.parseDouble(p[0]);
                    shim = Double.parseDouble(p[1]);
                } else {
                    rows.add(new double[] {num(p[1]), num(p[2])});
                }
            }
            double[] f = new double[rows.size()];
            double[] h = new double[rows.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = rows.get(i)[0];
                h[i] = rows.get(i)[1];
            }
            return new PraatReference(f, h, jit, shim);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double num(String s) {
        return s.contains("undefined") ? Double.NaN : Double.parseDouble(s);
    }
}
