package org.affect4j.spark;

import org.apache.hadoop.fs.RawLocalFileSystem;

import java.net.URI;

/**
 * The local disk under the scheme {@code testfs://}: a Hadoop file system that {@code java.nio} cannot open, which
 * stands in for {@code hdfs://} in tests (registered by {@code core-site.xml} on the test class path, as a cluster's
 * Hadoop configuration registers its own file systems).
 */
public class TestSchemeFileSystem extends RawLocalFileSystem {
    @Override
    public String getScheme() {
        return "testfs";
    }

    @Override
    public URI getUri() {
        return URI.create("testfs:///");
    }
}
