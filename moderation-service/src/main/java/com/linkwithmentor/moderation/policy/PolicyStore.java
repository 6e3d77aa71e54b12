package com.linkwithmentor.moderation.policy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The policy in force. Readers take {@link #current()} once per request and use that snapshot
 * throughout, so a reload never mixes two versions in one decision. The service refuses to start
 * without a valid policy; a reload that fails leaves the running one in place.
 */
@Component
public class PolicyStore {

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

    private final PolicySource source;

    private final AtomicReference<Policy> current;

    public PolicyStore(PolicyProperties properties) {
        this.source = properties.external() ? PolicySource.directory(Path.of(properties.policyDir()))
                : PolicySource.classpath(properties.bundledPolicy());
        Policy loaded = PolicyLoader.load(source);
        this.current = new AtomicReference<>(loaded);
        log.info("Moderation policy {} loaded from {} ({} terms, {} patterns)", loaded.version(), loaded.source(),
                loaded.lexicon().size(), loaded.patterns().size());
    }

    public Policy current() {
        return current.get();
    }

    public PolicySource source() {
        return source;
    }

    /** Loads the source again; throws {@link PolicyException} and keeps the running policy if it is broken. */
    public synchronized Reload reload() {
        Policy previous = current.get();
        Policy loaded = PolicyLoader.load(source);
        if (loaded.version().equals(previous.version())) {
            return new Reload(previous, previous, false);
        }
        current.set(loaded);
        log.info("Moderation policy {} replaced {} ({} terms, {} patterns)", loaded.version(), previous.version(),
                loaded.lexicon().size(), loaded.patterns().size());
        return new Reload(previous, loaded, true);
    }

    public record Reload(Policy previous, Policy current, boolean changed) {
    }
}
