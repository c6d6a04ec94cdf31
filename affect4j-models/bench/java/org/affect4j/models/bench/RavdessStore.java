package org.affect4j.models.bench;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.audio.AudioExtractors;
import org.affect4j.features.audio.FrameAlignment;
import org.affect4j.media.AudioDecoder;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.VideoInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a feature store of RAVDESS speech (../shared/data/ravdess, actors 1-20): each utterance becomes a
 * "video" of 25 frames per second whose rows are affect4j-audio's Kaldi fbank (80) and eGeMAPS LLDs, aligned with
 * {@link FrameAlignment}; every dimension is standardised with the mean and deviation of the training actors
 * (1-16) only. Writes {@code train.csv} (actors 1-16) and {@code test.csv} (17-20), speaker-independent.
 */
public final class RavdessStore {
    static final double FPS = 25;

    private RavdessStore() {
    }

    /** Builds the store under {@code out} unless {@code out/train.csv} exists. */
    public static void build(Path ravdess, Path out, List<String> features) throws Exception {
        if (Files.isRegularFile(out.resolve("train.csv"))) return;
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(ravdess.resolve("labels.csv")).subList(1, 1201)) rows.add(line.split(","));
        Map<String, List<FeatureMatrix>> perFeature = new HashMap<>();
        Map<String, AudioFeatureExtractor> extractors = new HashMap<>();
        for (String f : features) extractors.put(f, AudioExtractors.create(f));
        long t0 = System.nanoTime();
        List<String> names = new ArrayList<>();
        for (String[] r : rows) {
            float[] audio = AudioDecoder.decode(ravdess.resolve(r[0]));
            int frames = (int) Math.floor(audio.length / (double) AudioDecoder.SAMPLE_RATE * FPS);
            for (String f : features) {
                AudioFeatureExtractor e = extractors.get(f);
                FeatureMatrix aligned = FrameAlignment.toVideoFrames(e.extract(audio), e, frames, FPS).nearestFilled();
                perFeature.computeIfAbsent(f, k -> new ArrayList<>()).add(aligned);
            }
            names.add(r[0].replace(".flac", ""));
        }
        System.err.printf("RAVDESS features: %d utterances in %.1f s%n", rows.size(), (System.nanoTime() - t0) / 1e9);
        FeatureStore store = new FeatureStore(out.resolve("store"));
        for (String f : features) {
            AudioFeatureExtractor e = extractors.get(f);
            List<FeatureMatrix> ms = perFeature.get(f);
            int dim = e.dimension();
            double[] mean = new double[dim];
            double[] sq = new double[dim];
            long n = 0;
            for (int i = 0; i < ms.size(); i++) {
                if (Integer.parseInt(rows.get(i)[1]) > 16) continue;
                FeatureMatrix m = ms.get(i);
                for (int t = 0; t < m.rows(); t++) {
                    for (int d = 0; d < dim; d++) {
                        double v = m.get(t, d);
                        mean[d] += v;
                        sq[d] += v * v;
                    }
                    n++;
                }
            }
            float[] mu = new float[dim];
            float[] sd = new float[dim];
            for (int d = 0; d < dim; d++) {
                mu[d] = (float) (mean[d] / n);
                sd[d] = (float) Math.sqrt(Math.max(1e-8, sq[d] / n - mu[d] * (double) mu[d]));
            }
            store.putDescriptor(new FeatureDescriptor(f, dim, 0, e.getClass().getName(), "affect4j-audio",
                    Map.of("standardised", "per dimension with actors 1-16 statistics", "fps", "25")));
            for (int i = 0; i < ms.size(); i++) {
                FeatureMatrix m = ms.get(i);
                float[] z = new float[m.data().length];
                for (int k = 0; k < z.length; k++) z[k] = (m.data()[k] - mu[k % dim]) / sd[k % dim];
                store.put(f, names.get(i), new FeatureMatrix(m.rows(), dim, z, m.valid()));
            }
        }
        StringBuilder train = new StringBuilder("name,label\n");
        StringBuilder test = new StringBuilder("name,label\n");
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            store.putVideo(new VideoInfo(names.get(i), perFeature.get(features.get(0)).get(i).rows(), FPS, r[0]));
            (Integer.parseInt(r[1]) <= 16 ? train : test).append(names.get(i)).append(',').append(r[3]).append('\n');
        }
        Files.writeString(out.resolve("test.csv"), test);
        Files.writeString(out.resolve("train.csv"), train);
        for (AudioFeatureExtractor e : extractors.values()) e.close();
    }

    static void ensureDir(Path p) throws IOException {
        Files.createDirectories(p);
    }
}
