package org.affect4j.cli;

import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code examples/java-predict}, a user's program with its own pom that depends on the installed
 * {@code affect4j-predict} through {@code affect4j-bom}, builds offline and predicts the shipped clip.
 *
 * <p>The test suite runs before {@code install}, so the example is built against a local repository that holds
 * this build's affect4j artifacts (the modules' poms and the jars just packaged, laid out as {@code install} lays
 * them out) and, through symbolic links, every other artifact of the build's own local repository: offline, nothing
 * downloaded, the user's repository untouched.
 */
class ExampleProgramTest {
    private static final List<String> MODULES = List.of("affect4j-bom", "affect4j-assets", "affect4j-core", "affect4j-media",
            "affect4j-faces", "affect4j-visual", "affect4j-audio", "affect4j-models", "affect4j-pipeline", "affect4j-predict");

    @TempDir
    Path tmp;

    @Test
    void theExampleProgramBuildsAgainstTheArtifactsAndPredictsTheClip() throws Exception {
        Path root = Path.of(System.getProperty("affect4j.root", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("affect4j.version");
        String m2 = System.getProperty("affect4j.m2");
        Path clip = root.resolve(PredictCommand.EXAMPLE);
        assumeTrue(version != null && m2 != null, "run by Maven (affect4j.version and affect4j.m2 are set by the pom)");
        assumeTrue(Files.isRegularFile(clip), "example clip missing: " + clip);
        Path mvn = onPath("mvn");
        assumeTrue(mvn != null, "no mvn on the PATH");
        for (String m : MODULES) {
            if (pomOnly(root, m)) continue;
            assumeTrue(Files.isRegularFile(jar(root, m, version)), "module jars not packaged (run 'mvn verify'): " + m);
        }
        Path repo = overlay(Path.of(m2), root, version);
        try {
            buildAndRun(repo, root, clip, mvn);
        } finally {
            unlink(repo); // the links first, so no clean-up ever walks into the real repository
        }
    }

    private void buildAndRun(Path repo, Path root, Path clip, Path mvn) throws Exception {
        Path example = tmp.resolve("example");
        copyTree(root.resolve("examples/java-predict"), example);

        ProcessBuilder pb = new ProcessBuilder(mvn.toString(), "-o", "-q", "-B", "-Dstyle.color=never", "-Dmaven.repo.local=" + repo,
                "package", "exec:java", "-Dexec.args=" + clip).directory(example.toFile()).redirectErrorStream(true);
        pb.environment().put("MAVEN_OPTS", "-Daffect4j.models=" + Locations.models() + " -Xmx2g");
        Path log = tmp.resolve("build.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) p.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the example build took more than 10 minutes:\n" + output);
        assertEquals(0, p.exitValue(), output);
        // Maven may still colour its own (empty) lines: escape sequences removed before matching
        List<String> rows = output.lines().map(l -> l.replaceAll("\u001B\\[[0-9;]*m", "")).filter(l -> l.matches("\\d+,\\d+\\.\\d{3},[A-Za-z]*")).toList();
        assertEquals(56, rows.size(), "one line per frame of the clip:\n" + output);
        assertTrue(rows.get(55).startsWith("56,1.835,"), rows.get(55));
        assertTrue(rows.stream().anyMatch(l -> l.endsWith(",Happiness")), output);
    }

    private static boolean pomOnly(Path root, String module) throws IOException {
        return Files.readString(root.resolve(module).resolve("pom.xml")).contains("<packaging>pom</packaging>");
    }

    private static Path jar(Path root, String module, String version) {
        return root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    /** A repository: this build's affect4j artifacts, and links to everything else of {@code m2}. */
    private Path overlay(Path m2, Path root, String version) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path org = Files.createDirectories(repo.resolve("org"));
        for (Path e : list(m2)) if (!e.getFileName().toString().equals("org")) Files.createSymbolicLink(repo.resolve(e.getFileName()), e);
        for (Path e : list(m2.resolve("org"))) {
            if (!e.getFileName().toString().equals("affect4j")) Files.createSymbolicLink(org.resolve(e.getFileName()), e);
        }
        install(root.resolve("pom.xml"), null, repo, "affect4j-parent", version);
        for (String m : MODULES) {
            Path jar = jar(root, m, version);
            install(root.resolve(m).resolve("pom.xml"), Files.isRegularFile(jar) ? jar : null, repo, m, version);
        }
        return repo;
    }

    private static void unlink(Path repo) throws IOException {
        for (Path dir : List.of(repo.resolve("org"), repo)) {
            if (!Files.isDirectory(dir)) continue;
            for (Path e : list(dir)) if (Files.isSymbolicLink(e)) Files.delete(e);
        }
    }

    private static void install(Path pom, Path jar, Path repo, String artifact, String version) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("org/affect4j").resolve(artifact).resolve(version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = new ArrayList<>(s.filter(p -> !from.relativize(p).startsWith("target")).toList());
        }
        for (Path p : all) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) Files.createDirectories(t);
            else Files.copy(p, t);
        }
    }

    private static Path onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d).resolve(tool);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
