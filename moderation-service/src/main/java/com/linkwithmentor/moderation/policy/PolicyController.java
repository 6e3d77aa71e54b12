package com.linkwithmentor.moderation.policy;

import java.time.Instant;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.moderation.audit.AuditLog;

/** The policy in force, and reloading it without a restart; admins only, every reload audited. */
@RestController
@RequestMapping("/api/v1/moderation/admin/policies")
class PolicyController {

    private final PolicyStore store;

    private final PolicyBroadcast broadcast;

    private final AuditLog audit;

    PolicyController(PolicyStore store, PolicyBroadcast broadcast, AuditLog audit) {
        this.store = store;
        this.broadcast = broadcast;
        this.audit = audit;
    }

    record PolicyView(String version, String source, Instant loadedAt, int terms, int patterns) {

        static PolicyView of(Policy policy) {
            return new PolicyView(policy.version(), policy.source(), policy.loadedAt(), policy.lexicon().size(),
                    policy.patterns().size());
        }
    }

    record ReloadView(boolean changed, String previousVersion, PolicyView policy) {
    }

    @GetMapping
    PolicyView current(CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        return PolicyView.of(store.current());
    }

    @PostMapping("/reload")
    ReloadView reload(CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        String running = store.current().version();
        PolicyStore.Reload reload;
        try {
            reload = store.reload();
        }
        catch (PolicyException ex) {
            audit.record(caller.id(), "policy.reload_failed", "policy", running, null, Map.of("error", ex.getMessage()));
            throw new ApiException(ErrorCode.UNPROCESSABLE,
                    "The policy did not load, so " + running + " stays in force: " + ex.getMessage(),
                    Map.of("running_version", running, "error", ex.getMessage()));
        }
        audit.record(caller.id(), "policy.reload", "policy", reload.current().version(), null,
                Map.of("previous_version", reload.previous().version(), "changed", reload.changed()));
        if (reload.changed()) {
            broadcast.announce(reload.current().version());
        }
        return new ReloadView(reload.changed(), reload.previous().version(), PolicyView.of(reload.current()));
    }
}
