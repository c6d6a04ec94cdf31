package org.affect4j.predict;

import org.affect4j.inference.CheckpointChoice;
import org.affect4j.models.Precision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a model by what the user typed after {@code --model}: {@code default} (shipped inside the project), a
 * training run directory, or a saved late-fusion model file ({@code .json}).
 */
public final class ExpressionModels {
    /** Name of the shipped model. */
    public static final String DEFAULT = "default";
    /** Class-path location of the shipped model. */
    public static final String DEFAULT_RESOURCE = "/org/affect4j/predict/default-model.json";

    private ExpressionModels() {
    }

    /**
     * Loads the model the user named, the best checkpoint of a run directory.
     *
     * @param nameOrPath  {@code default}, a run directory, or a model file
     * @param smoothing   extra smoothing window in frames for run models (0 = off); the default model smooths itself
     * @return the model; close it when done
     * @throws IllegalArgumentException naming the choices when nothing matches
     */
    public static ExpressionModel load(String nameOrPath, int smoothing) {
        return load(nameOrPath, smoothing, CheckpointChoice.BEST);
    }

    /**
     * Loads the model the user named, the chosen checkpoint of a run directory.
     *
     * @param nameOrPath {@code default}, a run directory, or a model file
     * @param smoothing  extra smoothing window in frames for run models (0 = off)
     * @param checkpoint which checkpoint of a run directory predicts; anything but {@link CheckpointChoice#BEST}
     *                   is an error for the shipped model and model files, which have no checkpoints
     * @return the model; close it when done
     * @throws IllegalArgumentException naming the choices when nothing matches
     */
    public static ExpressionModel load(String nameOrPath, int smoothing, CheckpointChoice checkpoint) {
        return load(nameOrPath, smoothing, checkpoint, Precision.FLOAT32);
    }

    /**
     * Loads the model the user named, the chosen checkpoint of a run directory, in the chosen arithmetic.
     *
     * @param nameOrPath {@code default}, a run directory, or a model file
     * @param smoothing  extra smoothing window in frames for run models (0 = off)
     * @param checkpoint which checkpoint of a run directory predicts (see {@link #load(String, int, CheckpointChoice)})
     * @param precision  the arithmetic of a run directory's network ({@link org.affect4j.inference.RunPredictor#precision});
     *                   anything but {@link Precision#FLOAT32} is an error for the shipped model and model files
     * @return the model; close it when done
     * @throws IllegalArgumentException naming the choices when nothing matches
     */
    public static ExpressionModel load(String nameOrPath, int smoothing, CheckpointChoice checkpoint, Precision precision) {
        Path p = DEFAULT.equals(nameOrPath) ? null : Path.of(nameOrPath);
        if (p != null && Files.isDirectory(p)) return new RunModel(p, smoothing, checkpoint, precision);
        if (precision != Precision.FLOAT32) {
            throw new IllegalArgumentException("precision " + precision.id() + " is for a training run directory as the"
                    + " model; " + (p == null ? "the default model runs as shipped" : "'" + nameOrPath + "' runs as stored"));
        }
        if (!checkpoint.equals(CheckpointChoice.BEST)) {
            throw new IllegalArgumentException("choosing a checkpoint (" + checkpoint + ") needs a training run directory as"
                    + " the model; '" + nameOrPath + "' is not one");
        }
        if (p == null) return shipped();
        if (Files.isRegularFile(p)) {
            try {
                return CompiledModels.load(CompiledModels.ofFile(p), p.toString(), CompiledModels.cacheDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + p + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("unknown model '" + nameOrPath + "': use " + List.of(DEFAULT)
                + ", a training run directory or a model file");
    }

    /**
     * The model shipped in the jar (through its compiled copy in the model cache, {@link CompiledModels}).
     *
     * @return the default model
     */
    public static LateFusionModel shipped() {
        URL url = ExpressionModels.class.getResource(DEFAULT_RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the default model is missing from this build (" + DEFAULT_RESOURCE
                    + "); rebuild it with 'affect4j build-default-model'");
        }
        CompiledModels.Source source;
        try {
            source = CompiledModels.ofResource(url, DEFAULT_RESOURCE);
        } catch (IOException e) {
            try (InputStream in = url.openStream()) { // no stamp to name a compiled copy by: read as it is
                return LateFusionModel.load(in, DEFAULT_RESOURCE);
            } catch (IOException e2) {
                throw new UncheckedIOException(e2);
            }
        }
        return CompiledModels.load(source, DEFAULT_RESOURCE, CompiledModels.cacheDir());
    }
}
