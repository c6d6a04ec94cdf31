package org.affect4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.affect4j.faces.BoundingBox;
import org.affect4j.faces.Face;
import org.affect4j.faces.PersonTrack;
import org.affect4j.faces.Point;
import org.junit.jupiter.api.Test;

class FaceCropSourcesTest {
    private static Face face() {
        return new Face(new BoundingBox(10, 10, 40, 40), 0.9f, java.util.Collections.nCopies(6, new Point(30, 30)));
    }

    @Test
    void sampledCropsAreSpreadOverTheFramesWithAFaceOnly() {
        Face[] faces = new Face[100];
        for (int i = 20; i < 80; i++) faces[i] = face();
        BitSet chosen = FaceCropSources.cropFrames(new PersonTrack(faces), 6);
        assertEquals(6, chosen.cardinality());
        chosen.stream().forEach(i -> assertTrue(faces[i] != null, "frame " + i + " has no face"));
        assertEquals(List.of(25, 35, 45, 55, 65, 75), chosen.stream().boxed().toList());
    }

    @Test
    void zeroSamplesMeansEveryFrameAndFewFacesGiveFewCrops() {
        assertNull(FaceCropSources.cropFrames(PersonTrack.empty(10), 0));
        Face[] faces = new Face[10];
        faces[4] = face();
        assertEquals(List.of(4), FaceCropSources.cropFrames(new PersonTrack(faces), 6).stream().boxed().toList());
        assertEquals(0, FaceCropSources.cropFrames(PersonTrack.empty(10), 6).cardinality());
    }
}
