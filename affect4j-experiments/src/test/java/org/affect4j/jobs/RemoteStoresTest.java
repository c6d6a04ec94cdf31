package org.affect4j.jobs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** This module's tests run without affect4j-spark: no implementation of the remote store is on the class path. */
class RemoteStoresTest {
    @Test
    void aHadoopStoreWithoutAffect4jSparkIsOneClearErrorALocalOneNeedsNothing() {
        RemoteStores.checkReachable("/data/store", false);
        RemoteStores.checkReachable("file:///data/store", true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RemoteStores.checkReachable("hdfs://nn/store", false));
        assertEquals("the feature store hdfs://nn/store is on a Hadoop file system, which needs affect4j-spark on the class path",
                e.getMessage());
    }

    @Test
    void eachStoreHasItsOwnLocalCopyUnderTheCacheFolder() {
        Path a = RemoteStores.cacheRoot("hdfs://nn/a"), b = RemoteStores.cacheRoot("hdfs://nn/b");
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), RemoteStores.CACHE), a.getParent());
        assertTrue(!a.equals(b) && a.equals(RemoteStores.cacheRoot("hdfs://nn/a")), a + " " + b);
        assertEquals(16, a.getFileName().toString().length());
    }
}
