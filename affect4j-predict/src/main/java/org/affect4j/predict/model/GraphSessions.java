package org.affect4j.predict.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** ONNX Runtime sessions for the graphs the model writes itself ({@link TransformerGraph}, {@link MlpGraph}). */
final class GraphSessions {
    private GraphSessions() {
    }

    /**
     * A session on one thread that does not spin: these graphs run beside the face chain's threads.
     *
     * @param graph the ONNX bytes
     * @param what  what the graph computes, for the message ("the voice encoder")
     * @throws IllegalStateException naming {@code what} when ONNX Runtime refuses the graph
     */
    static OrtSession singleThreaded(OrtEnvironment env, byte[] graph, String what) {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            return env.createSession(graph, o);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot run " + what + " in ONNX Runtime: " + e.getMessage(), e);
        }
    }
}
