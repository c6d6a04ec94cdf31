package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlazeFaceDecoderTest {
    private final BlazeFaceDecoder decoder = new BlazeFaceDecoder(
            BlazeFaceModel.FRONT_128.anchorOptions().generate(), 128, 0.5, 0.3);

    @Test
    void decodesOneAnchorRelativeToItsCentre() {
        float[] logits = new float[896];
        Arrays.fill(logits, -10f);
        float[] reg = new float[896 * 16];
        int a = 600; // 8x8 map: cell (88 / 6 = 14) -> row 1, column 6, centre (6.5/8, 1.5/8) * 128 = (104, 24)
        logits[a] = 1e6f; // clipped to 100 before the sigmoid
        int o = a * 16;
        reg[o] = 2; reg[o + 1] = -4; reg[o + 2] = 20; reg[o + 3] = 30;
        for (int k = 0; k < 6; k++) { reg[o + 4 + 2 * k] = k; reg[o + 5 + 2 * k] = -k; }
        List<Face> faces = decoder.decode(logits, reg);
        assertEquals(1, faces.size());
        Face f = faces.get(0);
        assertEquals(1.0f, f.score(), 1e-6);
        assertEquals(106 - 10, f.box().x(), 1e-6);
        assertEquals(20 - 15, f.box().y(), 1e-6);
        assertEquals(20, f.box().width(), 1e-6);
        assertEquals(30, f.box().height(), 1e-6);
        assertEquals(104 + 3, f.keypoint(FaceKeypoint.MOUTH_CENTER).x(), 1e-6);
        assertEquals(24 - 3, f.keypoint(FaceKeypoint.MOUTH_CENTER).y(), 1e-6);
    }

    @Test
    void scoresBelowTheThresholdAreDropped() {
        float[] logits = new float[896];
        Arrays.fill(logits, -0.01f); // sigmoid just below 0.5
        assertTrue(decoder.decode(logits, new float[896 * 16]).isEmpty());
    }

    @Test
    void neighbouringAnchorsOnOneFaceBlendIntoOne() {
        float[] logits = new float[896];
        Arrays.fill(logits, -10f);
        float[] reg = new float[896 * 16];
        for (int a : new int[] {0, 1, 2}) { // two anchors of cell (0,0) and one of cell (1,0), 8 px apart
            logits[a] = 3f;
            reg[a * 16 + 2] = 40;
            reg[a * 16 + 3] = 40;
        }
        assertEquals(1, decoder.decode(logits, reg).size());
    }

    @Test
    void wrongSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(new float[10], new float[160]));
        assertThrows(IllegalArgumentException.class, () -> new BlazeFaceDecoder(List.of(), 128, 1.5, 0.3));
    }
}
