package org.affect4j.jobs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreLocationTest {
    @Test
    void pathsAndFileUrisAreLocalOtherSchemesAreForTheRemoteStore() {
        assertEquals(Path.of("/data/store"), StoreLocation.resolve("/data/store"));
        assertEquals(Path.of("/data/store"), StoreLocation.resolve("file:///data/store"));
        assertEquals(Path.of("/data/store"), StoreLocation.resolve("file:/data/store"));
        assertEquals(Path.of("store").toAbsolutePath(), StoreLocation.resolve("store"));
        // a one-letter "scheme" is a drive letter and a colon inside a name is just a character: both are paths
        assertEquals(Path.of("c://store").toAbsolutePath().normalize(), StoreLocation.resolve("c://store"));
        assertEquals(Path.of("run:1").toAbsolutePath(), StoreLocation.resolve("run:1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreLocation.resolve("hdfs://nn/store"));
        assertTrue(e.getMessage().startsWith("hdfs://nn/store: a Hadoop file system location is only supported for the feature store"));
        assertTrue(RemoteStores.isRemote("hdfs://nn/store") && RemoteStores.isRemote("s3a://bucket/store"));
        assertFalse(RemoteStores.isRemote("c://store") || RemoteStores.isRemote("file:///data/store") || RemoteStores.isRemote("/data"));
    }
}
