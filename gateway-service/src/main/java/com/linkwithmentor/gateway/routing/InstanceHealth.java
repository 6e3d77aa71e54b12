package com.linkwithmentor.gateway.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.linkwithmentor.gateway.GatewayProperties;

/**
 * Which instances get requests. Passive health: an instance that refused a connection is left out
 * of load balancing for a while, then tried again. Active health ({@link ReadinessProbes}): an
 * instance whose readiness probe says 503 is left out until it says ready.
 */
@Component
public class InstanceHealth {

    private final Map<String, Instant> downUntil = new ConcurrentHashMap<>();

    private final GatewayProperties properties;

    private final Clock clock;

    public InstanceHealth(GatewayProperties properties) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public void markDown(URI instance) {
        downUntil.put(key(instance), clock.instant().plus(properties.instanceDownFor()));
    }

    /** The instance said it is ready: chosen again at once, whatever a failure marked before. */
    public void markUp(URI instance) {
        downUntil.remove(key(instance));
    }

    public boolean isUp(URI instance) {
        Instant until = downUntil.get(key(instance));
        if (until == null) {
            return true;
        }
        if (until.isBefore(clock.instant())) {
            downUntil.remove(key(instance));
            return true;
        }
        return false;
    }

    private static String key(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
