package org.affect4j.predict;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public API ({@code org.affect4j.predict}: {@link ExpressionRecognizer} and the types it hands out) is fully
 * documented: javadoc with every doclint check on and warnings as errors must pass, so the build fails when a public
 * member loses its comment, a parameter or a return value goes undescribed, or a link breaks.
 */
class PublicApiJavadocTest {
    @TempDir
    Path tmp;

    @Test
    void thePublicApiPassesDoclintWithoutWarnings() throws IOException {
        Path pkg = Path.of("src/main/java/org/affect4j/predict");
        assertTrue(Files.isDirectory(pkg), "run from the module directory (surefire does): " + pkg.toAbsolutePath());
        List<String> args = new ArrayList<>(List.of("-Xdoclint:all", "-Werror", "-quiet", "-d", tmp.toString(),
                "--class-path", System.getProperty("java.class.path")));
        try (Stream<Path> s = Files.list(pkg)) {
            s.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> args.add(f.toString()));
        }
        assertTrue(args.stream().anyMatch(a -> a.endsWith("ExpressionRecognizer.java")));
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = javadoc.run(null, out, out, args.toArray(new String[0]));
        assertEquals(0, exit, "javadoc of the public API:\n" + out);
    }
}
