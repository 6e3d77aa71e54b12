package com.linkwithmentor.chat.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The newest access token of each user connected to this instance, kept in memory only until it
 * expires. moderation-service judges a text with its sender's token, and the re-check of pending
 * messages runs later on no request of the sender's, so it borrows the token the sender's open
 * connection authenticated with. (A service credential would remove the need; see the report.)
 */
@Component
public class SenderTokens {

    private record Held(String token, Instant expiresAt) {
    }

    private final Map<UUID, Held> tokens = new ConcurrentHashMap<>();

    public void offer(UUID userId, String token, Instant expiresAt) {
        tokens.merge(userId, new Held(token, expiresAt),
                (old, offered) -> offered.expiresAt().isAfter(old.expiresAt()) ? offered : old);
    }

    /** The user's token if it stays valid for at least the margin. */
    public Optional<String> usable(UUID userId, Duration margin) {
        Held held = tokens.get(userId);
        return held != null && held.expiresAt().isAfter(Instant.now().plus(margin)) ? Optional.of(held.token())
                : Optional.empty();
    }

    /** Users whose token stays valid for at least the margin; forgets expired ones on the way. */
    public Set<UUID> usableUsers(Duration margin) {
        Instant now = Instant.now();
        tokens.values().removeIf(held -> held.expiresAt().isBefore(now));
        Instant until = now.plus(margin);
        return tokens.entrySet().stream().filter(entry -> entry.getValue().expiresAt().isAfter(until))
            .map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
