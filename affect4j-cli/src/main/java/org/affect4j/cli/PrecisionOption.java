package org.affect4j.cli;

import org.affect4j.inference.RunPredictor;
import org.affect4j.models.Precision;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The arithmetic a training run predicts in ({@code evaluate}, {@code ensemble}, {@code predict --model RUN}). */
final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "P", defaultValue = "float32",
            description = "float32 (the network as trained; a Transformer run's in ONNX Runtime, the engine's numbers to "
                    + "float rounding); bfloat16: matrix products with bfloat16 inputs on the CPU's "
                    + "AMX units; int8: a Transformer run's dense maps as 8-bit integer products in ONNX "
                    + "Runtime, several times faster on CPUs with VNNI or AMX. The last two give approximate probabilities "
                    + "(README, Benchmarks). Default: ${DEFAULT-VALUE}.")
    String precision;

    /** Applies the precision to a run, saying on stderr when bfloat16 cannot be had here (float32 runs then). */
    static void apply(RunPredictor predictor, Precision precision, CommandSpec spec) {
        predictor.precision(precision);
        if (predictor.effectivePrecision() != precision) {
            spec.commandLine().getErr().println("affect4j: note: --precision " + precision.id() + ": the matrix products"
                    + " stay " + predictor.effectivePrecision().id() + " here (this CPU has no AMX, on which oneDNN"
                    + " computes them in bfloat16)");
            spec.commandLine().getErr().flush();
        }
    }

    /** The precision, or a usage error (exit 2) naming the value and the choices. */
    Precision value(CommandSpec spec) {
        try {
            return Precision.of(precision);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--precision: " + e.getMessage());
        }
    }
}
