package org.affect4j.pipeline;

import org.affect4j.features.audio.AudioExtractors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Sorts the feature names of an extraction into audio and visual ones. Built-in audio names are those of
 * {@link AudioExtractors#NAMES}; a user's ONNX audio model is {@code onnx-audio:<config.json>}; every other name
 * (built-in visual names and {@code onnx:<config.json>}) is visual.
 *
 * @param audio  audio extractor names as {@link AudioExtractors#create} takes them
 * @param visual visual extractor names
 */
public record FeatureNames(List<String> audio, List<String> visual) {
    private static final String ONNX_AUDIO = "onnx-audio:";

    public static FeatureNames parse(List<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("no features asked for");
        List<String> a = new ArrayList<>(), v = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            String t = n.trim();
            if (t.isEmpty()) throw new IllegalArgumentException("empty feature name in '" + String.join(",", names) + "'");
            if (AudioExtractors.NAMES.contains(t)) a.add(t);
            else if (t.startsWith(ONNX_AUDIO)) a.add("onnx:" + t.substring(ONNX_AUDIO.length()));
            else v.add(t);
        }
        return new FeatureNames(List.copyOf(a), List.copyOf(v));
    }
}
