package com.linkwithmentor.user.admin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.web.PageCursor;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserRepository;
import com.linkwithmentor.user.account.UserView;

/** User administration; every call needs the active role admin. */
@RestController
@Validated
@RequestMapping("/api/v1/admin/users")
class AdminController {

    private final UserRepository users;

    private final AdminService admin;

    AdminController(UserRepository users, AdminService admin) {
        this.users = users;
        this.admin = admin;
    }

    record SuspendRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record UserPage(List<UserView> items, @Nullable String nextCursor) {
    }

    /** Where the previous page ended (users are listed oldest first). */
    private record After(Timestamp created, UUID id) {
    }

    @GetMapping
    UserPage list(@RequestParam(name = "q", required = false) @Nullable @Size(max = 100) String query,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 200) String cursor,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        User.Status wanted = status == null ? null : parseStatus(status);
        After after = cursor == null ? null
                : PageCursor.decode(cursor, 2, parts -> new After(Timestamp.from(PageCursor.instant(parts[0])), PageCursor.uuid(parts[1])));
        List<User> found = users.search(query == null || query.isBlank() ? null : query.trim(), wanted,
                after != null ? after.created() : null, after != null ? after.id() : null, limit + 1);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            User last = found.get(limit - 1);
            next = PageCursor.encode(last.createdAt(), last.id());
        }
        return new UserPage(found.stream().map(UserView::full).toList(), next);
    }

    @PostMapping("/{user_id}/suspend")
    UserView suspend(@PathVariable("user_id") UUID userId, @Valid @RequestBody SuspendRequest request, CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        return UserView.full(admin.suspend(userId, request.reason().trim(), caller.id()));
    }

    @PostMapping("/{user_id}/reinstate")
    UserView reinstate(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        return UserView.full(admin.reinstate(userId, caller.id()));
    }

    private static User.Status parseStatus(String status) {
        try {
            return User.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.badRequest("status", "status must be active or suspended");
        }
    }
}
