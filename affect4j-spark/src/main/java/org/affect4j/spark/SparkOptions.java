package org.affect4j.spark;

import org.affect4j.util.Locations;
import org.apache.spark.SparkConf;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to reach Spark: the master URL, the application name and any extra {@code spark.*} settings.
 *
 * @param master  {@code local[*]} (all cores of this machine, the default), {@code local[N]}, or a cluster URL
 *                such as {@code spark://host:7077}, whose executors get the affect4j jars, natives and models with
 *                the job ({@link ClusterShipping})
 * @param appName shown in the Spark UI and logs
 * @param extra   further Spark settings, applied last
 */
public record SparkOptions(String master, String appName, Map<String, String> extra) {
    /** The default master: every core of this machine, no set-up. */
    public static final String DEFAULT_MASTER = "local[*]";
    private static final Pattern LOCAL_N = Pattern.compile("local\\[(\\d+)(,\\d+)?]");

    public SparkOptions {
        if (master == null || master.isBlank()) throw new IllegalArgumentException("the Spark master URL is empty");
        extra = Map.copyOf(extra);
    }

    /** {@code local[*]} with the given application name. */
    public static SparkOptions local(String appName) {
        return new SparkOptions(DEFAULT_MASTER, appName, Map.of());
    }

    /** The same options with another master. */
    public SparkOptions withMaster(String m) {
        return new SparkOptions(m, appName, extra);
    }

    /** The same options with further {@code spark.*} settings (later ones win). */
    public SparkOptions with(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(extra);
        all.putAll(more);
        return new SparkOptions(master, appName, all);
    }

    /** The worker count a local master implies ({@code local[N]} -> N, {@code local[*]} -> cores), else -1. */
    public int localWorkers() {
        if (master.equals("local")) return 1;
        if (master.equals("local[*]")) return Runtime.getRuntime().availableProcessors();
        var m = LOCAL_N.matcher(master);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The Spark configuration these options describe. */
    SparkConf toConf() {
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName)
                // our items never throw (failures become outcomes); a retry is only for a lost executor, and every
                // item is idempotent, so Spark's default retry count is safe on a cluster
                .set("spark.ui.showConsoleProgress", "false")
                // one task per item: no locality wait, items do not read Spark-managed data
                .set("spark.locality.wait", "0s");
        if (localWorkers() > 0) {
            // in local mode the driver is the only JVM: no web UI port to bind on a shared machine
            conf.set("spark.ui.enabled", "false");
        } else {
            // a cluster's executors get our jars, natives and models with the job (ClusterShipping)
            // settings already made (--conf, or spark.* system properties as spark-submit passes them) are kept
            Map<String, String> given = new java.util.HashMap<>(extra);
            for (var kv : conf.getAll()) given.putIfAbsent(kv._1(), kv._2());
            ClusterShipping.settings(System.getProperty("java.class.path"), Locations.models(), given).forEach(conf::set);
        }
        extra.forEach(conf::set);
        return conf;
    }
}
