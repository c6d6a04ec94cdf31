import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Inference speed of one NHWC image model under several ONNX Runtime settings, timed in alternating rounds in one JVM
 * so that machine load affects all alike (random input, no pre-processing). Each setting is
 * {@code batch:arena:memoryPattern:spinning:intraOpThreads} (0/1 flags), e.g. {@code 32:1:1:1:2} (the runtime's
 * defaults, batches of 32) against {@code 1:1:1:0:2}.
 *
 * <pre>java -cp "affect4j-cli/target/lib/*" bench/java/OrtSettings.java MODEL.onnx INPUT SIZE ROUNDS IMAGES SETTING...</pre>
 */
public class OrtSettings {
    public static void main(String[] a) throws OrtException {
        String model = a[0], input = a[1];
        int size = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]), images = Integer.parseInt(a[4]);
        List<String> settings = Arrays.asList(a).subList(5, a.length);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int per = size * size * 3;
        FloatBuffer data = ByteBuffer.allocateDirect(images * per * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random r = new Random(1);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, r.nextFloat() * 255);
        }
        List<OrtSession> sessions = new ArrayList<>();
        for (String s : settings) {
            String[] p = s.split(":");
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(Integer.parseInt(p[4]));
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setCPUArenaAllocator(p[1].equals("1"));
            o.setMemoryPatternOptimization(p[2].equals("1"));
            o.addConfigEntry("session.intra_op.allow_spinning", p[3]);
            sessions.add(env.createSession(model, o));
        }
        double[][] rate = new double[settings.size()][rounds];
        double[][] cpu = new double[settings.size()][rounds];
        for (int round = -1; round < rounds; round++) { // round -1 warms up
            for (int k = 0; k < settings.size(); k++) {
                int batch = Integer.parseInt(settings.get(k).split(":")[0]);
                long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                for (int done = 0; done < images; done += batch) {
                    int n = Math.min(batch, images - done);
                    FloatBuffer slice = data.duplicate().position(done * per).limit((done + n) * per).slice();
                    try (OnnxTensor t = OnnxTensor.createTensor(env, slice, new long[] {n, size, size, 3});
                         OrtSession.Result res = sessions.get(k).run(Map.of(input, t))) {
                        res.get(0);
                    }
                }
                if (round >= 0) {
                    rate[k][round] = images / ((System.nanoTime() - t0) / 1e9);
                    cpu[k][round] = (os.getProcessCpuTime() - c0) / 1e6 / images;
                }
            }
        }
        for (int k = 0; k < settings.size(); k++) {
            double[] s = rate[k].clone();
            double[] c = cpu[k].clone();
            Arrays.sort(s);
            Arrays.sort(c);
            System.out.printf("%-12s median %6.1f images/s (%.1f-%.1f), CPU %.2f ms/image%n", settings.get(k),
                    s[rounds / 2], s[0], s[rounds - 1], c[rounds / 2]);
        }
        System.out.printf("load average %.1f%n", os.getSystemLoadAverage());
    }
}
