import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.net.URI;

/**
 * The few file operations bench/cluster.sh needs on a Hadoop file system, through the Hadoop client API:
 * <pre>java -cp "bench/cluster/target/hdfs-jars/*" bench/java/HdfsFiles.java COMMAND URI [ARG]</pre>
 * {@code ls URI}: every file below URI as {@code MODE SIZE PATH} (nothing if it does not exist) ·
 * {@code get URI DIR}: copy the folder to a local folder · {@code put URI FILE}: upload one file ·
 * {@code rm URI}: delete a file.
 */
public class HdfsFiles {
    public static void main(String[] a) throws Exception {
        Path p = new Path(a[1]);
        FileSystem fs = FileSystem.get(URI.create(a[1]), new Configuration());
        switch (a[0]) {
            case "ls" -> {
                if (!fs.exists(p)) return;
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
                while (it.hasNext()) {
                    FileStatus s = it.next();
                    System.out.println("-" + s.getPermission() + " " + s.getLen() + " " + s.getPath().toUri().getPath());
                }
            }
            case "get" -> fs.copyToLocalFile(false, p, new Path(new java.io.File(a[2]).getAbsoluteFile().toURI()), true);
            case "put" -> fs.copyFromLocalFile(false, true, new Path(new java.io.File(a[2]).getAbsoluteFile().toURI()), p);
            case "rm" -> fs.delete(p, false);
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }
}
