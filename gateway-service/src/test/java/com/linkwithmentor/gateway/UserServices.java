package com.linkwithmentor.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

/**
 * Several user-service processes sharing one database, Redis and signing key, as instances of one
 * service behind the gateway are; started side by side.
 */
final class UserServices {

    final PostgresServer postgres = TestServers.postgres();

    final String database;

    final Map<String, String> environment;

    final List<ServiceProcess> instances;

    private UserServices(String database, Map<String, String> environment, List<ServiceProcess> instances) {
        this.database = database;
        this.environment = environment;
        this.instances = instances;
    }

    static UserServices start(String databaseName, int count, String redisUrl, Map<String, String> extra) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase(databaseName);
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(database));
        environment.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        environment.put("LWM_REDIS_URL", redisUrl);
        environment.put("LWM_SMTP_PORT", Integer.toString(Backends.freePort()));
        environment.put("LWM_AUTH_SIGNING_KEYS", signingKeys());
        List<CompletableFuture<ServiceProcess>> starting = IntStream.range(0, count)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> ServiceProcess.start("user-service", Backends.freePort(), environment)))
            .toList();
        return new UserServices(database, Map.copyOf(environment), starting.stream().map(CompletableFuture::join).toList());
    }

    ServiceProcess instance(int index) {
        return instances.get(index);
    }

    void stop() {
        instances.forEach(ServiceProcess::stop);
    }

    /** One EC signing key for every instance (otherwise each first start could generate its own). */
    private static String signingKeys() {
        try {
            return new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("rolling-" + System.nanoTime()).generate()).toString(false);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
