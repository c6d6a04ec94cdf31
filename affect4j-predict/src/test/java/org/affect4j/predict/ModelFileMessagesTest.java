package org.affect4j.predict;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A file given as --model that is not a model says why in the file's terms, not in the reader's Java class names. */
class ModelFileMessagesTest {
    private static String message(String content) {
        return assertThrows(IllegalArgumentException.class, () -> LateFusionModel.load(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)), "m.json")).getMessage();
    }

    @Test
    void notJsonAnUnknownKeyAndAWrongShapeAreEachNamed() {
        assertEquals("m.json is not a readable model file: not JSON", message("FLV\u0001\u0005 binary"));
        assertEquals("m.json is not a readable model file: unknown key 'a'", message("{\"a\": 1}"));
        assertEquals("m.json is not a readable model file: JSON that ends early", message("{\"visual\": {"));
        assertEquals("m.json is not a readable model file: JSON, but not the object expected",
                message("[1, 2]"));
        assertEquals("m.json is not a readable model file: key 'visual.head': not what the file holds there",
                message("{\"visual\": {\"head\": 5}}"));
    }
}
