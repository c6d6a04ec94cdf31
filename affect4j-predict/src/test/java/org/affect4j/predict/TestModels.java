package org.affect4j.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Models for tests of the regression voice branch (window functionals and a linear head): the shipped face branch with
 * the trained regression voice branch the default model shipped before its voice encoder (test resource
 * {@code regression-voice.json}, the real head: RAVDESS actors 1-20, validation 0.540, test 0.516 through predict).
 */
public final class TestModels {
    private static LateFusionModel regression;

    private TestModels() {
    }

    /**
     * The shipped model with the regression voice branch.
     *
     * @return the model (cached)
     */
    public static synchronized LateFusionModel withRegressionVoice() {
        if (regression != null) return regression;
        ObjectMapper json = new ObjectMapper();
        try (InputStream model = TestModels.class.getResourceAsStream(ExpressionModels.DEFAULT_RESOURCE);
             InputStream voice = TestModels.class.getResourceAsStream("regression-voice.json")) {
            ObjectNode m = (ObjectNode) json.readTree(model);
            m.set("audio", json.readTree(voice));
            m.put("name", m.get("name").asText() + " (regression voice)");
            regression = LateFusionModel.load(new ByteArrayInputStream(json.writeValueAsBytes(m)), "test model");
            return regression;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
