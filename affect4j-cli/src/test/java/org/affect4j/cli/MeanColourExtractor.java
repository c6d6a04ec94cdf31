package org.affect4j.cli;

import java.util.List;
import java.util.Map;
import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.VisualExtractorFactory;

/**
 * A test plug-in visual feature, {@code mean-colour}: the mean R, G, B of the aligned face crop. Registered only by
 * a line in the test resources' services file, to prove a feature is added without touching existing code.
 */
public final class MeanColourExtractor implements VisualExtractorFactory {
    @Override
    public String name() {
        return "mean-colour";
    }

    @Override
    public String description() {
        return "3: mean R, G, B of the face crop (a test plug-in)";
    }

    @Override
    public FrameFeatureExtractor create(String argument, int threads) {
        return new FrameFeatureExtractor() {
            @Override
            public String id() {
                return "mean-colour";
            }

            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public float[][] extract(List<RgbImage> faces) {
                float[][] out = new float[faces.size()][3];
                for (int i = 0; i < faces.size(); i++) {
                    byte[] p = faces.get(i).rgb();
                    for (int j = 0; j < p.length; j++) out[i][j % 3] += (p[j] & 0xff) * 3f / p.length;
                }
                return out;
            }

            @Override
            public Map<String, String> provenance() {
                return Map.of("extractor", "test plug-in");
            }

            @Override
            public void close() {
            }
        };
    }
}
