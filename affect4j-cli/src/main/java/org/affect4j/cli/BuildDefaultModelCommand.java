package org.affect4j.cli;

import org.affect4j.predict.LateFusionModel;
import org.affect4j.predict.recipe.DefaultModelRecipe;
import org.affect4j.predict.recipe.RecipeConfig;
import org.affect4j.util.Locations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code affect4j build-default-model}: the recipe of the shipped default model, from public data. */
@Command(name = "build-default-model", mixinStandardHelpOptions = true,
        description = {"Train the default model of 'predict' from FER2013 (faces) and RAVDESS (voice) with a recipe file.",
                "Prints the measured test figures and writes them into the model's description."})
final class BuildDefaultModelCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Recipe file, e.g. configs/default-model.json.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding fer2013/ and ravdess/ (default: AFFECT4J_DATA or ../shared/data).")
    Path data;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "work/default-model", description = "Work store reused by reruns: extracted features, and the voice encoder's runs (a finished one"
            + " is kept, an interrupted one continues from its last epoch; default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write (the shipped one is "
            + "affect4j-predict/src/main/resources/org/affect4j/predict/default-model.json).")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path root = data != null ? data : Locations.data().orElseThrow(() ->
                new IllegalArgumentException("no data folder: give --data or set AFFECT4J_DATA"));
        LateFusionModel m = new DefaultModelRecipe(RecipeConfig.load(config), root, work,
                line -> {
                    spec.commandLine().getErr().println("affect4j: " + line);
                    spec.commandLine().getErr().flush();
                }).build();
        m.save(out);
        m.description().forEach((k, v) -> spec.commandLine().getOut().println(k + ": " + v));
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
