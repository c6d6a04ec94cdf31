package org.affect4j.cli;

import org.affect4j.models.NumericPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The launcher pins the engine's kernels for {@code build-default-model} with scripts/numeric-path.sh; the set it
 * exports must be the one {@link NumericPath#PINNED} names, or the rebuild would not count as pinned
 * ({@code NumericPath.isPinned()}: Adam, dropout masks and products would take their faster, machine-dependent
 * paths, and the shipped model would not come out bit for bit). A value the user set wins.
 */
class NumericPathScriptTest {
    private static final Path SCRIPT = Files.exists(Path.of("../scripts/numeric-path.sh"))
            ? Path.of("../scripts/numeric-path.sh") : Path.of("scripts/numeric-path.sh");

    private static Map<String, String> pinned(String... preset) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; . \"$0\"; affect4j_pin_kernels; env", SCRIPT.toString());
        for (String k : NumericPath.PINNED.keySet()) pb.environment().remove(k);
        for (int i = 0; i < preset.length; i += 2) pb.environment().put(preset[i], preset[i + 1]);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, String> env = new LinkedHashMap<>();
        out.lines().map(l -> l.split("=", 2)).filter(kv -> NumericPath.PINNED.containsKey(kv[0])).forEach(kv -> env.put(kv[0], kv[1]));
        return env;
    }

    @Test
    void theScriptExportsExactlyThePinnedSet() throws Exception {
        Map<String, String> env = pinned();
        assertEquals(NumericPath.PINNED, env);
        assertEquals(true, NumericPath.isPinned(env));
    }

    @Test
    void aValueTheUserSetWins() throws Exception {
        assertEquals("AVX512_CORE", pinned("ONEDNN_MAX_CPU_ISA", "AVX512_CORE").get("ONEDNN_MAX_CPU_ISA"));
    }
}
