package org.affect4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.affect4j.ensemble.EnsembleRuleFactory;
import org.affect4j.features.audio.AudioExtractors;
import org.affect4j.features.visual.VisualExtractors;
import org.affect4j.models.TemporalModelFactory;
import org.affect4j.models.TemporalModels;
import org.affect4j.pipeline.ExtractionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code affect4j list}: every name a command line or config accepts at an extension point, from the registries. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the names affect4j accepts: features, face detectors, tracks, temporal models and ensemble "
                + "rules (with plug-ins found on the class path).")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        section(o, "visual features (--features, features:)", VisualExtractors.NAMES, "onnx:<config.json>");
        section(o, "audio features (--features, features:)", AudioExtractors.NAMES, "onnx-audio:<config.json>");
        section(o, "face detectors (--detector)", ExtractionOptions.DETECTORS, null);
        section(o, "tracks (--track)", ExtractionOptions.TRACKS, null);
        o.println("temporal models (model.type):");
        for (TemporalModelFactory f : TemporalModels.all()) o.printf("  %-14s %s%n", f.name(), f.description());
        o.println("ensemble rules (ensemble --rule, cv --ensemble, ensemble.rule:):");
        for (EnsembleRuleFactory f : EnsembleRuleFactory.RULES.all()) o.printf("  %-14s %s%n", f.name(), f.description());
        o.flush();
        return 0;
    }

    private static void section(PrintWriter o, String title, List<String> names, String more) {
        o.println(title + ":");
        o.println("  " + String.join(", ", names) + (more == null ? "" : ", " + more));
    }
}
