package org.affect4j.experiments;

import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.VideoInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * A tiny feature store (features {@code a} 4-d, {@code b} 2-d, class-dependent means plus noise), lists
 * {@code train.csv} (with one {@code _left}/{@code _right} pair), {@code val.csv}, {@code test.csv}, and a tiny LSTM
 * experiment of one short epoch. Tests the machinery, not accuracy.
 */
public final class SyntheticExperiment {
    private SyntheticExperiment() {
    }

    public static Path write(Path dir) throws IOException {
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        store.putDescriptor(new FeatureDescriptor("a", 4, 0, "synthetic", "1", Map.of()));
        store.putDescriptor(new FeatureDescriptor("b", 2, 0, "synthetic", "1", Map.of()));
        Random rnd = new Random(3);
        StringBuilder train = new StringBuilder("name,label\n"), val = new StringBuilder("name,label\n"),
                test = new StringBuilder("name\n");
        String[] names = {"t0", "t1", "t2", "t3", "t4", "t5", "pair_left", "pair_right", "v0", "v1", "v2", "x0", "x1"};
        for (int i = 0; i < names.length; i++) {
            int label = i % 4, frames = 12 + rnd.nextInt(20);
            store.put("a", names[i], matrix(frames, 4, label, rnd));
            store.put("b", names[i], matrix(frames, 2, label, rnd));
            store.putVideo(new VideoInfo(names[i], frames, 25, "synthetic"));
            String row = names[i] + "," + label + "\n";
            if (names[i].startsWith("v")) val.append(row);
            else if (names[i].startsWith("x")) test.append(names[i]).append('\n');
            else train.append(row);
        }
        Files.writeString(dir.resolve("train.csv"), train);
        Files.writeString(dir.resolve("val.csv"), val);
        Files.writeString(dir.resolve("test.csv"), test);
        Path cfg = dir.resolve("exp.yaml");
        Files.writeString(cfg, """
                name: tiny
                seed: 11
                data: {store: store, train: train.csv, validation: val.csv}
                features: [a, b]
                model: {type: lstm, segmentLength: 8, fusionDim: 8, dropout: 0.1, head: [8], encoder: {hidden: 8, layers: 1}}
                training: {epochs: 1, batchSize: 4, learningRate: 0.003, maxStepsPerEpoch: 2}
                """);
        return cfg;
    }

    private static FeatureMatrix matrix(int frames, int dim, int label, Random rnd) {
        float[] d = new float[frames * dim];
        for (int i = 0; i < d.length; i++) d[i] = (i % dim == label % dim ? 1.5f : 0f) + (float) rnd.nextGaussian() * 0.5f;
        return FeatureMatrix.of(frames, dim, d);
    }
}
