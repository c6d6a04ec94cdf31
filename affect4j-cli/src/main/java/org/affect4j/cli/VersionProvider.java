package org.affect4j.cli;

import org.affect4j.util.BuildInfo;
import picocli.CommandLine;


/** Version and commit baked in at build time ({@link BuildInfo}), plus the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    static String version() {
        return BuildInfo.describe();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"affect4j " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
