import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real HDFS on 127.0.0.1 for bench/cluster.sh: Hadoop's MiniDFSCluster, one NameNode and one DataNode in this JVM,
 * their blocks and metadata under DIR. Prints {@code ready hdfs://127.0.0.1:PORT} once clients can write, then
 * serves until killed.
 *
 * <pre>java -cp "bench/cluster/target/hdfs-jars/*" bench/java/MiniHdfs.java PORT DIR</pre>
 */
public class MiniHdfs {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        Path dir = Path.of(a[1]).toAbsolutePath();
        Files.createDirectories(dir);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        // loopback only, and the mode a lab's HDFS gives new files (umask 022: 0644)
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("fs.permissions.umask-mode", "022");
        conf.setInt("dfs.replication", 1);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, new File(dir.toString())).nameNodePort(port)
                .numDataNodes(1).format(true).build();
        cluster.waitActive();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));
        System.out.println("ready hdfs://127.0.0.1:" + cluster.getNameNodePort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
