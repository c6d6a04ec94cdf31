package org.affect4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureDescriptorTest {
    private static FeatureDescriptor d(Map<String, String> p) {
        return new FeatureDescriptor("faceres", 1024, 0, "OnnxImageExtractor", "1", p);
    }

    @Test
    void differencesAreWhatRowsMeanNotWhereTheModelLies() {
        FeatureDescriptor a = d(Map.of("model", "/home/a/faceres.onnx", "model_sha256", "ab", "detector", "blazeface"));
        assertTrue(a.differences(d(Map.of("model", "/home/b/faceres.onnx", "model_sha256", "ab", "detector", "blazeface"))).isEmpty());
        assertEquals(List.of("detector blazeface vs haar", "model_sha256 ab vs cd"),
                a.differences(d(Map.of("model_sha256", "cd", "detector", "haar"))));
        // an older descriptor that did not record the detector is not different; merging records it
        FeatureDescriptor old = d(Map.of("model_sha256", "ab"));
        assertTrue(old.differences(a).isEmpty());
        assertEquals("blazeface", old.mergedWith(a).provenance().get("detector"));
        assertEquals(List.of("dim 1024 vs 512"), a.differences(new FeatureDescriptor("faceres", 512, 0, "OnnxImageExtractor", "1", Map.of())));
    }

    @Test
    void provenanceIsWrittenInKeyOrderWhateverTheMapGiven() throws Exception {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        for (String k : List.of("output", "graph", "input", "window", "model", "extractor", "context", "hop")) p.put(k, k + "-value");
        String all = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(d(p));
        String json = all.substring(all.indexOf("\"provenance\""));
        int last = -1;
        for (String k : new java.util.TreeSet<>(p.keySet())) {
            int at = json.indexOf("\"" + k + "\"");
            assertTrue(at > last, k + " out of order in " + json);
            last = at;
        }
        assertEquals(List.copyOf(new java.util.TreeSet<>(p.keySet())), List.copyOf(d(Map.copyOf(p)).provenance().keySet()));
    }
}
