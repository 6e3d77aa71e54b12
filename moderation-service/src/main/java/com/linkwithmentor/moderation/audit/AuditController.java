package com.linkwithmentor.moderation.audit;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.web.PageCursor;

/** The audit log, for admins: read-only, newest first, filterable by admin or target. */
@RestController
@Validated
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    record AuditPage(List<AuditEntry> items, @Nullable String nextCursor) {
    }

    @GetMapping("/api/v1/moderation/admin/audit")
    AuditPage list(@RequestParam(name = "admin_id", required = false) @Nullable UUID adminId,
            @RequestParam(name = "target_id", required = false) @Nullable @Size(max = 200) String targetId,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 200) String cursor,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        Long before = cursor == null ? null
                : PageCursor.decode(cursor, 1, parts -> PageCursor.number(parts[0], 1, Long.MAX_VALUE));
        List<AuditEntry> found = audit.page(adminId, targetId, before, limit + 1);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = PageCursor.encode(found.get(limit - 1).auditId());
        }
        return new AuditPage(found, next);
    }
}
