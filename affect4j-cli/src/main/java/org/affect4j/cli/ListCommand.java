package org.affect4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.affect4j.ensemble.EnsembleRuleFactory;
import org.affect4j.features.AudioExtractorFactory;
import org.affect4j.features.VisualExtractorFactory;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.models.TemporalModelFactory;
import org.affect4j.models.TemporalModels;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.util.Plugin;
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
        o.println("visual features (--features, features:):");
        for (VisualExtractorFactory f : VisualExtractorFactory.ALL.all()) row(o, f);
        o.println("audio features (--features, features:):");
        for (AudioExtractorFactory f : AudioExtractorFactory.ALL.all()) row(o, f);
        o.println("face detectors (extract --detector):");
        for (FaceDetectorFactory f : FaceDetectorFactory.ALL.all()) row(o, f);
        section(o, "tracks (--track)", ExtractionOptions.TRACKS, null);
        o.println("temporal models (model.type):");
        for (TemporalModelFactory f : TemporalModels.all()) row(o, f);
        o.println("ensemble rules (ensemble --rule, cv --rule, ensemble.rule:):");
        for (EnsembleRuleFactory f : EnsembleRuleFactory.RULES.all()) row(o, f);
        o.flush();
        return 0;
    }

    private static void row(PrintWriter o, Plugin p) {
        o.printf("  %-20s %s%n", p.name(), p.description());
    }

    private static void section(PrintWriter o, String title, List<String> names, String more) {
        o.println(title + ":");
        o.println("  " + String.join(", ", names) + (more == null ? "" : ", " + more));
    }
}
