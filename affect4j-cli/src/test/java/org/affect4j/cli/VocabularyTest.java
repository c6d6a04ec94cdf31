package org.affect4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.affect4j.ensemble.EnsembleRuleFactory;
import org.affect4j.experiments.ExperimentFile;
import org.affect4j.features.audio.OnnxAudioConfig;
import org.affect4j.features.visual.OnnxImageConfig;
import org.affect4j.models.TemporalModels;
import org.affect4j.training.config.ExperimentConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's options and every config key (experiment, its ensemble section, the ONNX image and audio extractor
 * configs) against the one vocabulary table {@code vocabulary.txt}: a second spelling of a concept fails.
 */
class VocabularyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "zzNotAKey";
    private static final Pattern KNOWN = Pattern.compile("\\(known keys here: ([^)]*)\\)");

    @TempDir
    Path tmp;

    /** A row of the table. */
    record Concept(String appliesTo, String concept, Set<String> names, Pattern pattern, String label) {
    }

    static List<Concept> table() throws Exception {
        List<Concept> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                VocabularyTest.class.getResourceAsStream("vocabulary.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(";", -1);
                assertEquals(5, f.length, "five columns: " + line);
                out.add(new Concept(f[0].strip(), f[1].strip(), new LinkedHashSet<>(Arrays.asList(f[2].strip().split("\\s+"))),
                        Pattern.compile(f[3].strip(), Pattern.CASE_INSENSITIVE), f[4].strip()));
            }
        }
        return out;
    }

    @Test
    void everyOptionAndConfigKeyUsesTheOneNameOfItsConcept() throws Exception {
        Map<String, Set<String>> names = new TreeMap<>(); // name -> where it occurs
        Map<String, String> labelled = new TreeMap<>();   // "command --option" -> parameter label
        options(Affect4j.commandLine(), names, labelled);
        configKeys(names);
        List<Concept> table = table();
        List<String> wrong = new ArrayList<>();
        for (Concept c : table) {
            if (!c.appliesTo().equals("names")) continue;
            for (var e : names.entrySet()) {
                if (c.pattern().matcher(e.getKey()).find() && !c.names().contains(e.getKey())) {
                    wrong.add("'" + e.getKey() + "' (" + String.join(", ", e.getValue()) + ") is a second spelling of "
                            + c.concept() + ": use " + String.join(" or ", c.names()));
                }
            }
            if (!c.label().isEmpty()) {
                labelled.forEach((option, label) -> {
                    String name = option.substring(option.lastIndexOf("--") + 2);
                    if (label.equals(c.label()) && !c.names().contains(name)) {
                        wrong.add(option + " " + label + " names " + c.concept() + ": use --" + String.join(" or --", c.names()));
                    }
                });
            }
            assertTrue(c.names().stream().anyMatch(names::containsKey), "the table's " + c.concept() + " is used nowhere: "
                    + c.names() + " (a stale row?)");
        }
        assertEquals(List.of(), wrong, "second spellings");
    }

    @Test
    void ruleNamesAreTheTables() throws Exception {
        Concept rules = table().stream().filter(c -> c.appliesTo().equals("rules")).findFirst().orElseThrow();
        // the built-in ones (the test sources register a plug-in rule too)
        List<String> builtIn = EnsembleRuleFactory.RULES.all().stream()
                .filter(r -> r.getClass().getName().startsWith(EnsembleRuleFactory.class.getName())).map(r -> r.name()).toList();
        assertEquals(List.copyOf(rules.names()), builtIn);
    }

    @Test
    void everyThreadsOptionDefaultsAlike() {
        Map<String, String> defaults = new TreeMap<>();
        walk(Affect4j.commandLine(), cl -> {
            OptionSpec o = cl.getCommandSpec().findOption("--threads");
            if (o != null) defaults.put(cl.getCommandSpec().qualifiedName(), o.defaultValue());
        });
        assertFalse(defaults.isEmpty());
        assertEquals(1, Set.copyOf(defaults.values()).size(), "one default for --threads: " + defaults);
    }

    private static void walk(CommandLine cl, java.util.function.Consumer<CommandLine> visit) {
        visit.accept(cl);
        for (CommandLine sub : cl.getSubcommands().values()) walk(sub, visit);
    }

    private static void options(CommandLine root, Map<String, Set<String>> names, Map<String, String> labelled) {
        walk(root, cl -> {
            String command = cl.getCommandSpec().qualifiedName();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                for (String n : o.names()) {
                    if (!n.startsWith("--")) continue;
                    names.computeIfAbsent(n.substring(2), k -> new java.util.TreeSet<>()).add(command);
                    if (o.paramLabel() != null) labelled.put(command + " " + n, o.paramLabel());
                }
            }
        });
    }

    /** The keys of every config section, as each strict reader lists them when it meets an unknown key. */
    private void configKeys(Map<String, Set<String>> names) throws Exception {
        for (String type : TemporalModels.types()) {
            for (String section : List.of("", "data", "model", "model.encoder", "training")) {
                ObjectNode exp = experiment(type);
                sectionOf(exp, section).put(UNKNOWN, 1);
                add(names, "experiment " + (section.isEmpty() ? "(top level)" : section),
                        () -> ExperimentConfigs.parse(exp, tmp, "experiment"));
            }
        }
        ObjectNode withEnsemble = experiment("lstm");
        withEnsemble.putObject("ensemble").put("rule", "vote").put(UNKNOWN, 1);
        Path file = Files.writeString(tmp.resolve("experiment.json"), withEnsemble.toString());
        add(names, "experiment ensemble", () -> ExperimentFile.load(file));

        Files.write(tmp.resolve("m.onnx"), new byte[0]);
        Path image = Files.writeString(tmp.resolve("image.json"),
                "{\"model\": \"m.onnx\", \"size\": 112, \"dimension\": 4, \"" + UNKNOWN + "\": 1}");
        add(names, "onnx image config", () -> OnnxImageConfig.fromJson(image));
        Path audio = Files.writeString(tmp.resolve("audio.json"), "{\"id\": \"a\", \"model\": \"m.onnx\", \"window\": 400, \"input\": \"x\","
                + " \"output\": \"y\", \"" + UNKNOWN + "\": 1}");
        add(names, "onnx audio config", () -> OnnxAudioConfig.load(audio));
        Path state = Files.writeString(tmp.resolve("audio-state.json"), "{\"id\": \"a\", \"model\": \"m.onnx\", \"window\": 400, \"input\": \"x\","
                + " \"output\": \"y\", \"state\": {\"input\": \"h\", \"output\": \"hn\", \"shape\": [1], \"" + UNKNOWN + "\": 1}}");
        add(names, "onnx audio config state", () -> OnnxAudioConfig.load(state));
    }

    private static ObjectNode experiment(String type) throws Exception {
        return (ObjectNode) JSON.readTree("{\"name\": \"v\", \"data\": {\"store\": \"s\", \"train\": \"t.csv\", \"validation\":"
                + " \"v.csv\"}, \"features\": [\"a\"], \"model\": {\"type\": \"" + type + "\", \"encoder\": {}}, \"training\": {}}");
    }

    private static ObjectNode sectionOf(ObjectNode root, String path) {
        ObjectNode n = root;
        if (!path.isEmpty()) for (String p : path.split("\\.")) n = (ObjectNode) n.get(p);
        return n;
    }

    private static void add(Map<String, Set<String>> names, String where, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            Matcher m = KNOWN.matcher(e.getMessage());
            assertTrue(e.getMessage().contains(UNKNOWN) && m.find(), where + ": expected the unknown-key error, got: " + e.getMessage());
            for (String k : m.group(1).split(",\\s*")) {
                if (!k.isEmpty()) names.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(where);
            }
            return;
        }
        throw new AssertionError(where + ": an unknown key was accepted");
    }
}
