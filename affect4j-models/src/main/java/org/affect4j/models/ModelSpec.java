package org.affect4j.models;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to rebuild a network before loading its weights. Immutable.
 *
 * @param type          registered {@link TemporalModelFactory#type()}, e.g. {@code lstm}
 * @param segmentLength frames per segment l (paper: 128 for the Transformer)
 * @param fusionDim     width of the fusion projection of the concatenated features; 0 feeds the concatenation to
 *                      the encoder directly
 * @param dropout       dropout rate of fusion, encoder and head (paper: 0.3)
 * @param head    hidden widths of the head's {Linear, Dropout, ReLU} blocks (paper: 512, 256)
 * @param encoder       the encoder's parameters: its factory's defaults overlaid with the user's values
 */
public record ModelSpec(String type, int segmentLength, int fusionDim, float dropout, List<Integer> head,
                        Map<String, Object> encoder) {
    public ModelSpec {
        head = List.copyOf(head);
        encoder = Map.copyOf(encoder);
    }

    /** Output classes: the 8 ABAW expression classes. */
    public int classes() {
        return org.affect4j.data.ExprClass.COUNT;
    }

    /** The factory of {@link #type()}. */
    public TemporalModelFactory factory() {
        return TemporalModels.factory(type);
    }

    /** The segment stride p: the encoder decides (p = l whenever state is carried). */
    public int stride() {
        return factory().stride(segmentLength, encoder);
    }
}
