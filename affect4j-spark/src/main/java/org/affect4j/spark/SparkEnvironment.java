package org.affect4j.spark;

/**
 * Process-wide settings Spark reads before its context starts.
 */
final class SparkEnvironment {
    private SparkEnvironment() {
    }

    /**
     * Binds Spark to the loopback address unless the user chose one: these machines resolve their host name to an
     * address Spark cannot bind, and a local job needs no other interface. A cluster user sets
     * {@code SPARK_LOCAL_IP} or {@code spark.driver.host} to a reachable address.
     */
    static void prepare() {
        if (System.getenv("SPARK_LOCAL_IP") == null && System.getProperty("spark.driver.host") == null) {
            System.setProperty("spark.driver.host", "127.0.0.1");
            System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        }
        // Spark logs dozens of INFO lines per start on stdout's neighbour; keep its warnings only, unless the user
        // configured log4j2 themselves. Only effective before log4j2 first initialises (Spark's first log line).
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            var url = SparkEnvironment.class.getResource("log4j2-spark.properties");
            if (url != null) System.setProperty("log4j2.configurationFile", url.toString());
        }
    }
}
