package com.linkwithmentor.chat.conversation;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One user's place in a conversation; kept after they leave, so they can be told so and come back. */
public class Member {

    public enum Role {
        OWNER, MEMBER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final UUID userId;

    private Role role;

    private final long lastReadSeq;

    private Instant joinedAt;

    private @Nullable Instant leftAt;

    private boolean changed;

    Member(UUID userId, Role role, long lastReadSeq, Instant joinedAt, @Nullable Instant leftAt) {
        this.userId = userId;
        this.role = role;
        this.lastReadSeq = lastReadSeq;
        this.joinedAt = joinedAt;
        this.leftAt = leftAt;
    }

    static Member joining(UUID userId, Role role, Instant at) {
        Member member = new Member(userId, role, 0, at, null);
        member.changed = true;
        return member;
    }

    void leave(Instant at) {
        leftAt = at;
        role = Role.MEMBER;
        changed = true;
    }

    void rejoin(Instant at) {
        leftAt = null;
        joinedAt = at;
        changed = true;
    }

    void promote() {
        role = Role.OWNER;
        changed = true;
    }

    public boolean active() {
        return leftAt == null;
    }

    boolean changed() {
        return changed;
    }

    public UUID userId() {
        return userId;
    }

    public Role role() {
        return role;
    }

    public long lastReadSeq() {
        return lastReadSeq;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public @Nullable Instant leftAt() {
        return leftAt;
    }
}
