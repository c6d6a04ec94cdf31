package org.affect4j.features.visual;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Locations;
import org.affect4j.util.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime's fully optimised graph of an image model, saved in the model cache ({@code optimized/}) by the first
 * session and loaded as it is by later ones: optimising {@code faceres} alone took ~0.2 CPU-s of every {@code predict}
 * start (README "Speed"). The graph at that level holds layout choices for this processor, so the file's name carries
 * the model's SHA-256, the runtime's version and a digest of the processor's instruction-set flags; the same kernels
 * then run on the same weights (the outputs are bit for bit those of optimising afresh, {@code OptimizedModelsTest}).
 * A cache that cannot be written or read only costs that saving.
 */
final class OptimizedModels {
    /** Makes the caller's session options (threads, spinning, ...); the optimisation settings are added here. */
    @FunctionalInterface
    interface Options {
        OrtSession.SessionOptions make() throws OrtException;
    }

    private static final String CPU = cpuDigest();

    private OptimizedModels() {
    }

    /** The default cache folder: {@code Locations.models()/optimized}. */
    static Path cacheDir() {
        return Locations.models().resolve("optimized");
    }

    /**
     * A session of {@code model} at ONNX Runtime's highest optimisation level, from the saved graph in {@code dir}
     * when there is one, else optimised now and saved there (atomically) for the next time.
     */
    static OrtSession create(OrtEnvironment env, Path model, Path dir, Options options) throws OrtException {
        Path saved = savedPath(env, model, dir);
        if (Files.isRegularFile(saved)) {
            try (OrtSession.SessionOptions o = options.make()) {
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT); // optimised already
                return env.createSession(saved.toString(), o);
            } catch (OrtException e) {
                AtomicFiles.deleteQuietly(saved); // unreadable: made again below
            }
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = AtomicFiles.tempPath(saved);
            try (OrtSession.SessionOptions o = options.make()) {
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                o.setOptimizedModelFilePath(tmp.toString());
                // the runtime warns on every save that such a graph is for this hardware: the name says so
                o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                OrtSession session = env.createSession(model.toString(), o);
                try {
                    if (Files.size(tmp) > 0) AtomicFiles.moveIntoPlace(tmp, saved);
                } catch (IOException e) {
                    // not saved: optimised again next time
                }
                return session;
            }
        } catch (IOException | OrtException | RuntimeException e) {
            // no folder, or the runtime could not write the graph (a read-only cache): optimised in memory below
        } finally {
            if (tmp != null) AtomicFiles.deleteQuietly(tmp);
        }
        try (OrtSession.SessionOptions o = options.make()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(model.toString(), o);
        }
    }

    /** {@code dir/<model name>-<16 hex of its SHA-256>-ort<version>-<16 hex of the processor digest>.onnx}. */
    static Path savedPath(OrtEnvironment env, Path model, Path dir) {
        String name = model.getFileName().toString().replaceFirst("\\.onnx$", "");
        return dir.resolve(name + "-" + ConvertedModels.sha256(model).substring(0, 16) + "-ort" + env.getVersion()
                + "-" + CPU + ".onnx");
    }

    /** The architecture and the first {@code flags} line of {@code /proc/cpuinfo} (the instruction sets), hashed. */
    private static String cpuDigest() {
        String flags = "";
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            flags = lines.filter(l -> l.startsWith("flags") || l.startsWith("Features")).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture alone
        }
        String id = System.getProperty("os.name") + " " + System.getProperty("os.arch") + " " + flags;
        return Sha256.of(id).substring(0, 16);
    }
}
