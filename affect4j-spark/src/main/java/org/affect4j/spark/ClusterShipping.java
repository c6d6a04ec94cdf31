package org.affect4j.spark;

import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Locations;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a job on a cluster master ({@code spark://}, {@code yarn}, {@code k8s://}) sends to its executors, so a node
 * needs nothing installed but Java and Spark: the affect4j jars of this JVM's class path (with the native libraries
 * they carry: ONNX Runtime, FFmpeg/OpenCV, PyTorch) through {@code spark.jars}, and the model cache
 * ({@link Locations#models()}: the npm model packages and the converted ONNX files) as one archive through
 * {@code spark.archives}, which each executor unpacks into its working directory as {@value #MODELS_ALIAS} and
 * finds through {@code AFFECT4J_MODELS}.
 *
 * <p>Jars every Spark installation has (Spark's, Scala's, Hadoop's client) are not sent: the executor's own copies
 * load first anyway. Settings the user gave ({@code --conf spark.jars=...}) are left as they are.
 */
public final class ClusterShipping {
    /** The folder name of the unpacked model cache in an executor's working directory. */
    public static final String MODELS_ALIAS = "affect4j-models";
    private static final List<String> PROVIDED = List.of("spark-", "scala-", "hadoop-client-api-", "hadoop-client-runtime-");

    private ClusterShipping() {
    }

    /**
     * The settings that ship this application: jars, the model archive and the executors' environment.
     *
     * @param classPath this JVM's class path ({@code java.class.path})
     * @param models    the model cache to send, or null (or absent) to send none
     * @param given     the settings the user chose, which win
     */
    public static Map<String, String> settings(String classPath, Path models, Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!given.containsKey("spark.jars")) out.put("spark.jars", String.join(",", appJars(classPath)));
        if (models != null && Files.isDirectory(models) && !given.containsKey("spark.archives")) {
            out.put("spark.archives", modelArchive(models).toUri() + "#" + MODELS_ALIAS);
            // relative: each executor resolves it against its own working directory, where the archive is unpacked
            out.put("spark.executorEnv.AFFECT4J_MODELS", MODELS_ALIAS);
        }
        // the launcher's settings, which an executor started by a worker does not get
        out.put("spark.executorEnv.DJL_OFFLINE", "true");
        out.put("spark.executorEnv.OPT_OUT_TRACKING", "true");
        out.putAll(speedSettings(System.getenv()));
        // the engine's kernels as this process has them (the same numbers as here: NumericPath)
        org.affect4j.models.NumericPath.forChild().forEach((k, v) -> out.put("spark.executorEnv." + k, v));
        out.keySet().removeIf(given::containsKey);
        return out;
    }

    /**
     * The launcher's speed settings for training commands (OpenMP threads that sleep, malloc's threshold for keeping
     * tensors on its heap) as executor environment, where this process has them.
     */
    static Map<String, String> speedSettings(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : List.of("OMP_WAIT_POLICY", "GLIBC_TUNABLES")) {
            if (env.containsKey(k)) out.put("spark.executorEnv." + k, env.get(k));
        }
        return out;
    }

    /** The jars of {@code classPath} to send: every jar but those a Spark installation provides. */
    static List<String> appJars(String classPath) {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path p = Path.of(entry).toAbsolutePath().normalize();
            String name = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                throw new IllegalStateException(p + " is a class folder on the class path: a cluster job ships jars only;"
                        + " run from the built jars (./affect4j, or mvn install first)");
            }
            if (!name.endsWith(".jar") || !Files.isRegularFile(p)) continue;
            if (PROVIDED.stream().anyMatch(name::startsWith)) continue;
            out.add(p.toUri().toString());
        }
        return out;
    }

    /**
     * A zip of the model cache, made once per content (names, sizes, modification times) under
     * {@code java.io.tmpdir} and reused by later jobs. Stored without compression: the weights do not compress.
     */
    static Path modelArchive(Path models) {
        try {
            List<Path> files;
            try (Stream<Path> s = Files.walk(models)) {
                // a temporary file of a writer (a conversion under way) is no model
                files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".tmp")).sorted().toList();
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(models.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            for (Path f : files) {
                md.update((models.relativize(f) + "\0" + Files.size(f) + "\0" + Files.getLastModifiedTime(f).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            Path zip = Path.of(System.getProperty("java.io.tmpdir"), "affect4j-models-" + HexFormat.of().formatHex(md.digest(), 0, 8) + ".zip");
            if (Files.isRegularFile(zip)) return zip;
            AtomicFiles.write(zip, raw -> {
                ZipOutputStream z = new ZipOutputStream(raw);
                z.setLevel(Deflater.NO_COMPRESSION);
                for (Path f : files) {
                    z.putNextEntry(new ZipEntry(models.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, z);
                    z.closeEntry();
                }
                z.finish();
            });
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the model cache " + models + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
