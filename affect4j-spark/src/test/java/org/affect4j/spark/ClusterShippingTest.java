package org.affect4j.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.*;

/** What a cluster job sends its executors: our jars (not Spark's), the model cache as one reusable archive. */
class ClusterShippingTest {
    @Test
    void shipsTheApplicationJarsAndTheModelCacheUnlessTheUserChoseOtherwise(@TempDir Path dir) throws Exception {
        List<Path> jars = List.of(dir.resolve("affect4j-core-0.1.0.jar"), dir.resolve("onnxruntime-1.23.2.jar"),
                dir.resolve("spark-core_2.13-4.2.0.jar"), dir.resolve("scala-library-2.13.18.jar"),
                dir.resolve("hadoop-client-api-3.5.0.jar"), dir.resolve("notes.txt"));
        for (Path j : jars) Files.writeString(j, "x");
        String cp = String.join(File.pathSeparator, jars.stream().map(Path::toString).toList()) + File.pathSeparator
                + dir.resolve("missing.jar");
        assertEquals(List.of(jars.get(0).toUri().toString(), jars.get(1).toUri().toString()), ClusterShipping.appJars(cp));
        Files.createDirectories(dir.resolve("classes"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClusterShipping.appJars(dir.resolve("classes").toString()));
        assertTrue(e.getMessage().contains("ships jars only"), e.getMessage());

        Path models = Files.createDirectories(dir.resolve("models/pkg@1.0"));
        Files.writeString(models.resolve("model.onnx"), "weights");
        Files.writeString(models.resolve(".complete"), "");
        Files.writeString(models.resolve("x.onnx.tmp"), "a conversion under way");
        Map<String, String> s = ClusterShipping.settings(cp, dir.resolve("models"), Map.of());
        assertEquals(ClusterShipping.appJars(cp), List.of(s.get("spark.jars").split(",")));
        assertTrue(s.get("spark.archives").endsWith(".zip#" + ClusterShipping.MODELS_ALIAS), s.toString());
        assertEquals(ClusterShipping.MODELS_ALIAS, s.get("spark.executorEnv.AFFECT4J_MODELS"));
        // executors compute as this JVM does: the kernels as the Maven test configuration pins them
        for (var k : org.affect4j.models.NumericPath.PINNED.entrySet()) assertEquals(k.getValue(), s.get("spark.executorEnv." + k.getKey()), k.getKey());
        Path zip = Path.of(java.net.URI.create(s.get("spark.archives").replaceFirst("#.*", "")));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(List.of("pkg@1.0/.complete", "pkg@1.0/model.onnx"), z.stream().map(java.util.zip.ZipEntry::getName).sorted().toList());
        }
        assertEquals(zip, ClusterShipping.modelArchive(dir.resolve("models")), "the same content: the same archive, not packed again");
        Files.writeString(models.resolve("converted.onnx"), "more");
        Path again = ClusterShipping.modelArchive(dir.resolve("models"));
        assertNotEquals(zip, again, "new content: a new archive");
        Files.delete(zip);
        Files.delete(again);

        Map<String, String> given = ClusterShipping.settings(cp, null, Map.of("spark.jars", "hdfs:///app.jar",
                "spark.executorEnv.DJL_OFFLINE", "false"));
        assertFalse(given.containsKey("spark.jars") || given.containsKey("spark.executorEnv.DJL_OFFLINE")
                || given.containsKey("spark.archives"), given.toString());
        assertEquals("true", given.get("spark.executorEnv.OPT_OUT_TRACKING"));
    }

    @Test
    void executorsGetTheLaunchersTrainingSpeedSettingsWhereThisProcessHasThem() {
        assertEquals(Map.of("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE",
                        "spark.executorEnv.GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=33554432"),
                ClusterShipping.speedSettings(Map.of("OMP_WAIT_POLICY", "PASSIVE", "PATH", "/bin",
                        "GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=33554432")));
        assertEquals(Map.of(), ClusterShipping.speedSettings(Map.of("PATH", "/bin")), "an extract job's: none");
    }
}
