package org.affect4j.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this build of affect4j is: its version, the git commit it was built from and whether that working tree had
 * uncommitted changes, all baked in at build time (so a run records the code that ran, not the directory it ran
 * in). Outside a git checkout the commit is {@code unknown}.
 */
public final class BuildInfo {
    private static final Properties P = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // provenance is worth recording, not worth failing for: the getters say "unknown"
        }
        return p;
    }

    /** The Maven version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return P.getProperty("git.build.version", "unknown");
    }

    /** The full commit id, or {@code unknown}. */
    public static String commit() {
        return P.getProperty("git.commit.id", "unknown");
    }

    /** True when the build's working tree had uncommitted changes. */
    public static boolean dirty() {
        return Boolean.parseBoolean(P.getProperty("git.dirty", "false"));
    }

    /** {@code 0.1.0-SNAPSHOT (abc1234, with uncommitted changes)}: one line for {@code --version} and reports. */
    public static String describe() {
        String c = commit();
        return version() + " (" + (c.length() > 12 ? c.substring(0, 12) : c) + (dirty() ? ", with uncommitted changes" : "") + ")";
    }
}
