package com.linkwithmentor.moderation.policy;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reloads the policy when files in the external policy folder change, after they have been quiet
 * for a moment (an editor or a ConfigMap update writes several files). Watches the folder and its
 * sub-folders; a Kubernetes ConfigMap swaps a symlink in the top folder, which is seen there.
 */
@Component
class PolicyWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PolicyWatcher.class);

    private final PolicyStore store;

    private final PolicyProperties properties;

    private final PolicyBroadcast broadcast;

    private volatile boolean running;

    private @Nullable WatchService watcher;

    private @Nullable Thread worker;

    PolicyWatcher(PolicyStore store, PolicyProperties properties, PolicyBroadcast broadcast) {
        this.store = store;
        this.properties = properties;
        this.broadcast = broadcast;
    }

    @Override
    public synchronized void start() {
        if (running || !properties.external() || !properties.watchPolicyDir()
                || !(store.source() instanceof PolicySource.Directory directory)) {
            return;
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            register(directory.folder());
        }
        catch (IOException ex) {
            log.warn("Cannot watch the policy folder {}; reload it through the admin API: {}", directory.folder(),
                    ex.getMessage());
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("policy-watcher").daemon().start(() -> loop(directory.folder()));
    }

    private void register(Path folder) throws IOException {
        try (Stream<Path> folders = Files.walk(folder, 3)) {
            for (Path path : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
                path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void loop(Path folder) {
        while (running) {
            try {
                WatchKey key = watcher.take();
                drain(key);
                // Let a burst of writes finish, then reload once.
                WatchKey more;
                while ((more = watcher.poll(properties.watchSettle().toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                register(folder);
                PolicyStore.Reload reload = store.reload();
                if (reload.changed()) {
                    broadcast.announce(reload.current().version());
                }
            }
            catch (PolicyException ex) {
                log.error("The edited moderation policy does not load; {} stays in force: {}",
                        store.current().version(), ex.getMessage());
            }
            catch (InterruptedException | ClosedWatchServiceException ex) {
                return;
            }
            catch (IOException | RuntimeException ex) {
                log.warn("Policy watcher round failed: {}", ex.toString());
            }
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (watcher != null) {
            try {
                watcher.close();
            }
            catch (IOException ex) {
                log.debug("Closing the policy watcher failed", ex);
            }
        }
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
