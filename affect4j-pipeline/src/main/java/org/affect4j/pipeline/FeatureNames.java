package org.affect4j.pipeline;

import org.affect4j.features.AudioExtractorFactory;
import org.affect4j.features.FeatureSpec;
import org.affect4j.features.VisualExtractorFactory;
import org.affect4j.util.ConfigReader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Sorts the feature names of an extraction into audio and visual ones by asking the registries
 * ({@link AudioExtractorFactory#ALL}, {@link VisualExtractorFactory#ALL}) whose name each is ({@code NAME} or
 * {@code NAME:ARGUMENT}, e.g. {@code onnx:mae.json}, {@code onnx-audio:hubert.json}).
 *
 * @param audio  audio feature names, as written
 * @param visual visual feature names, as written
 */
public record FeatureNames(List<String> audio, List<String> visual) {
    /** @throws IllegalArgumentException for an empty list or name, or a name neither registry knows (naming the nearest) */
    public static FeatureNames parse(List<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("no features asked for");
        List<String> a = new ArrayList<>(), v = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            String t = n.trim();
            if (t.isEmpty()) throw new IllegalArgumentException("empty feature name in '" + String.join(",", names) + "'");
            String base = FeatureSpec.parse(t).name();
            if (AudioExtractorFactory.ALL.names().contains(base)) {
                a.add(t);
            } else if (VisualExtractorFactory.ALL.names().contains(base)) {
                v.add(t);
            } else {
                List<String> known = new ArrayList<>(VisualExtractorFactory.ALL.names());
                known.addAll(AudioExtractorFactory.ALL.names());
                String near = ConfigReader.nearest(base, known);
                throw new IllegalArgumentException("unknown feature '" + t + "'" + (near == null ? "" : "; did you mean '"
                        + near + "'?") + " (known: " + String.join(", ", known) + "; see 'affect4j list')");
            }
        }
        return new FeatureNames(List.copyOf(a), List.copyOf(v));
    }
}
