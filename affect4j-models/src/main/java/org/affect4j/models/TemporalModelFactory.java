package org.affect4j.models;

import java.util.Map;
import org.affect4j.util.Plugin;

/**
 * Makes one kind of {@link TemporalModel} from its configuration section ({@code model.encoder} in an experiment
 * file). The factory declares its parameters with defaults, so configuration code can reject unknown keys and
 * wrongly typed values by name without knowing the model.
 */
public interface TemporalModelFactory extends Plugin {
    /* name(): the value of model.type in configs, e.g. lstm */

    /** Every parameter this model accepts, with its default value (Integer, Double or Boolean). */
    Map<String, Object> defaults();

    /** The segment stride to use for a segment length: equal to it when state is carried (segments must not overlap). */
    int stride(int segmentLength, Map<String, Object> params);

    /**
     * Builds an uninitialised model.
     *
     * @param inputSize width of the fused per-frame input
     * @param dropout   the model-wide dropout rate
     * @param params    {@link #defaults()} overlaid with the user's values, already type-checked
     */
    TemporalModel create(int inputSize, float dropout, Map<String, Object> params);

    /** Reads an int parameter (numbers in JSON may arrive as any Number). */
    static int intParam(Map<String, Object> params, String key) {
        return ((Number) params.get(key)).intValue();
    }
}
