package com.linkwithmentor.signaling.turn;

import java.time.Duration;
import java.util.Collection;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.redis.RedisProperties;

/**
 * coturn's Redis user database ({@code --redis-userdb}), long-term credential mechanism: one key
 * {@code turn/realm/<realm>/user/<username>/key} per user holding the hex HMAC key
 * MD5(username:realm:password). coturn reads it on every authenticated request, so deleting the
 * key takes the credential back: the next Allocate, Refresh or CreatePermission is refused. Each
 * key also expires by itself (a backstop when a deletion is missed).
 */
@Component
class TurnUserDb implements DisposableBean {

    private final String realm;

    private final @Nullable RedisClient ownClient;

    private final StatefulRedisConnection<String, String> connection;

    TurnUserDb(TurnProperties properties, RedisProperties redis, ClientResources resources,
            StatefulRedisConnection<String, String> shared) {
        this.realm = properties.realm();
        String url = properties.userdbUrl();
        if (url.isBlank() || url.equals(redis.url())) {
            this.ownClient = null;
            this.connection = shared;
        }
        else {
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(redis.commandTimeout());
            this.ownClient = RedisClient.create(resources, uri);
            this.connection = ownClient.connect();
        }
    }

    String key(String username) {
        return "turn/realm/" + realm + "/user/" + username + "/key";
    }

    void put(String username, String hmacKey, Duration ttl) {
        commands().psetex(key(username), ttl.toMillis(), hmacKey);
    }

    /** Keeps live credentials alive; a key already deleted is not brought back. */
    void renew(Collection<String> usernames, Duration ttl) {
        RedisCommands<String, String> commands = commands();
        for (String username : usernames) {
            commands.pexpire(key(username), ttl.toMillis());
        }
    }

    long delete(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return 0;
        }
        return commands().del(usernames.stream().map(this::key).toArray(String[]::new));
    }

    boolean exists(String username) {
        return commands().exists(key(username)) == 1;
    }

    private RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void destroy() {
        if (ownClient != null) {
            connection.close();
            ownClient.shutdown();
        }
    }
}
