package org.affect4j.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import org.affect4j.data.ExprClass;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Per-epoch metrics of a run as {@code metrics.csv} and {@code metrics.json} (rewritten atomically each epoch). */
public final class MetricsLog {
    private MetricsLog() {
    }

    public static void write(Path runDir, List<EpochMetrics> epochs) {
        StringBuilder csv = new StringBuilder("epoch,train_loss,val_loss,val_macro_f1,val_accuracy,learning_rate,seconds");
        List<String> names = ExprClass.names();
        for (String n : names) csv.append(",f1_").append(n);
        csv.append('\n');
        for (EpochMetrics m : epochs) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3g,%.1f", m.epoch(), m.trainLoss(),
                    m.validationLoss(), m.macroF1(), m.accuracy(), m.learningRate(), m.seconds()));
            for (double f : m.perClassF1()) csv.append(String.format(Locale.ROOT, ",%.6f", f));
            csv.append('\n');
        }
        AtomicFiles.writeString(runDir.resolve("metrics.csv"), csv.toString());
        try {
            AtomicFiles.writeString(runDir.resolve("metrics.json"), ExperimentConfigs.json().writeValueAsString(epochs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The epochs recorded so far (for resuming); empty when there is no log. */
    public static List<EpochMetrics> read(Path runDir) {
        Path p = runDir.resolve("metrics.json");
        if (!Files.isRegularFile(p)) return new ArrayList<>();
        try {
            return new ArrayList<>(ExperimentConfigs.json().readValue(p.toFile(), new TypeReference<List<EpochMetrics>>() { }));
        } catch (IOException e) {
            throw new IllegalArgumentException("metrics log " + p + " is unreadable: " + e.getMessage(), e);
        }
    }
}
