package org.affect4j.training;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benches' PyTorch reference: Debian's {@code python3-torch} (run.sh installs it), run in the same session as
 * the figure it is compared to. One place starts it, so every bench reads it the same way.
 */
final class TorchReference {
    private TorchReference() {
    }

    /**
     * Runs {@code /usr/bin/python3} with {@code args} (its stderr shown as it comes) and returns the last line it
     * printed, where the scripts put their result.
     *
     * @throws IllegalStateException when Python fails or prints nothing
     */
    static String lastLine(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String[] lines = out.split("\n");
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("the PyTorch reference failed (" + String.join(" ", args).lines().findFirst().orElse("")
                    + "): " + lines[lines.length - 1]);
        }
        return lines[lines.length - 1].strip();
    }

    /** The reference's version, e.g. {@code 1.13.0a0}. */
    static String version() throws Exception {
        return lastLine("-c", "import torch; print(torch.__version__)");
    }
}
