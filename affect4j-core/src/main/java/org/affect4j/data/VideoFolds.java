package org.affect4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Splits by video, never by frame: the {@code _left} and {@code _right} files of one video always land on the same
 * side of a split (they share faces, voice and scene).
 */
public final class VideoFolds {
    private VideoFolds() {
    }

    /** The shared video id of an annotation name ({@code x_left} -> {@code x}). */
    public static String videoId(String name) {
        return AnnotatedVideo.parseName(name)[0];
    }

    /**
     * Deals the names into {@code k} folds by shared video id, shuffled with {@code seed}, balancing the number of
     * names per fold (largest groups first). Deterministic for a given input order and seed.
     *
     * @return k lists of names; every name appears in exactly one
     */
    public static List<List<String>> kFold(List<String> names, int k, long seed) {
        if (k < 2) throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String n : names) groups.computeIfAbsent(videoId(n), g -> new ArrayList<>()).add(n);
        if (groups.size() < k) {
            throw new IllegalArgumentException("cannot split " + groups.size() + " videos into " + k + " folds");
        }
        List<List<String>> g = new ArrayList<>(groups.values());
        Collections.shuffle(g, new Random(seed));
        // stable sort keeps the shuffled order among equal sizes
        g.sort((a, b) -> Integer.compare(b.size(), a.size()));
        List<List<String>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) folds.add(new ArrayList<>());
        for (List<String> group : g) {
            List<String> smallest = folds.get(0);
            for (List<String> f : folds) if (f.size() < smallest.size()) smallest = f;
            smallest.addAll(group);
        }
        for (List<String> f : folds) Collections.sort(f);
        return folds;
    }

    /** Throws if any video id appears on both sides. */
    public static void checkDisjoint(List<String> a, List<String> b) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String n : a) ids.add(videoId(n));
        for (String n : b) {
            if (ids.contains(videoId(n))) {
                throw new IllegalArgumentException("video '" + videoId(n) + "' is on both sides of a split (" + n + ")");
            }
        }
    }
}
