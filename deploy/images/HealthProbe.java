import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container health check: exits 0 when {@code GET <url>} answers 200 within four seconds, 1
 * otherwise. The images hold a Java runtime made with jlink and nothing else (no shell, no curl,
 * no wget), so a health check a container engine runs inside the container (docker-compose's
 * {@code healthcheck}) is this class, on the image's own java:
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx16m -cp /opt/lwm/probe HealthProbe [url]</pre>
 *
 * Without an argument it asks {@code http://127.0.0.1:$SERVER_PORT/actuator/health/readiness}.
 * Kubernetes does not need it: the kubelet probes the same paths over HTTP itself.
 *
 * <p>Only java.base (HttpURLConnection rather than java.net.http), so it starts in well under a
 * second on the runtime's class-data-sharing archive. Compiled with {@code --release 21} into every
 * image by the {@code images} Maven profile ({@code deploy/images/build-base.sh}).
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0]
                : "http://127.0.0.1:" + System.getenv().getOrDefault("SERVER_PORT", "8080") + "/actuator/health/readiness";
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(4000);
            connection.setReadTimeout(4000);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status == 200) {
                System.exit(0);
            }
            System.err.println("HealthProbe: " + url + " answered " + status);
        }
        catch (Exception ex) {
            System.err.println("HealthProbe: " + url + ": " + ex);
        }
        System.exit(1);
    }
}
