package com.linkwithmentor.chat.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/**
 * A conversation and everyone who ever belonged to it. Membership changes go through its methods,
 * which hold the rules: a direct conversation is fixed at its two people; only a group's (or a
 * session's) owner adds and removes; an owner who leaves hands ownership to the longest-standing
 * member; a group has a size limit.
 */
public class Conversation {

    private final UUID id;

    private final ConversationType type;

    private final @Nullable String title;

    private final UUID createdBy;

    private final @Nullable UUID sessionId;

    private final Instant createdAt;

    private final Map<UUID, Member> members = new LinkedHashMap<>();

    Conversation(UUID id, ConversationType type, @Nullable String title, UUID createdBy, @Nullable UUID sessionId,
            Instant createdAt, Collection<Member> members) {
        this.id = id;
        this.type = type;
        this.title = title;
        this.createdBy = createdBy;
        this.sessionId = sessionId;
        this.createdAt = createdAt;
        members.forEach(member -> this.members.put(member.userId(), member));
    }

    /**
     * A new conversation: in a direct one both people are plain members; in a group or session
     * conversation the creator owns it.
     */
    static Conversation start(UUID id, ConversationType type, @Nullable String title, UUID createdBy,
            @Nullable UUID sessionId, Collection<UUID> others, Instant at) {
        List<Member> members = new ArrayList<>();
        members.add(Member.joining(createdBy, type == ConversationType.DIRECT ? Member.Role.MEMBER : Member.Role.OWNER, at));
        others.forEach(userId -> members.add(Member.joining(userId, Member.Role.MEMBER, at)));
        return new Conversation(id, type, title, createdBy, sessionId, at, members);
    }

    /** The member, active: 404 to someone who never belonged (no id guessing), 403 to one who left. */
    public Member requireActiveMember(UUID userId) {
        Member member = members.get(userId);
        if (member == null) {
            throw ApiException.notFound("Conversation");
        }
        if (!member.active()) {
            throw ApiException.forbidden("You are no longer a member of this conversation");
        }
        return member;
    }

    /** Adds users (rejoining those who left); returns those who became active members. */
    List<Member> add(UUID by, Collection<UUID> userIds, int maxMembers, Instant at) {
        requireOwner(by, "add members");
        List<Member> added = new ArrayList<>();
        for (UUID userId : userIds) {
            Member existing = members.get(userId);
            if (existing == null) {
                Member member = Member.joining(userId, Member.Role.MEMBER, at);
                members.put(userId, member);
                added.add(member);
            }
            else if (!existing.active()) {
                existing.rejoin(at);
                added.add(existing);
            }
        }
        if (activeMembers().size() > maxMembers) {
            throw ApiException.badRequest("user_ids", "A conversation has at most " + maxMembers + " members");
        }
        return added;
    }

    /** The owner removes another member. */
    Member remove(UUID by, UUID userId, Instant at) {
        requireOwner(by, "remove members");
        Member member = members.get(userId);
        if (member == null || !member.active()) {
            throw ApiException.notFound("Member");
        }
        member.leave(at);
        return member;
    }

    /** A member leaves; returns the member who became owner, if ownership moved. */
    Optional<Member> leave(UUID userId, Instant at) {
        if (type == ConversationType.DIRECT) {
            throw ApiException.conflict("A direct conversation cannot be left");
        }
        Member member = requireActiveMember(userId);
        boolean wasOwner = member.role() == Member.Role.OWNER;
        member.leave(at);
        if (!wasOwner) {
            return Optional.empty();
        }
        Optional<Member> heir = activeMembers().stream().min(Comparator.comparing(Member::joinedAt)
            .thenComparing(Member::userId));
        heir.ifPresent(Member::promote);
        return heir;
    }

    private void requireOwner(UUID by, String action) {
        if (type == ConversationType.DIRECT) {
            throw ApiException.conflict("A direct conversation always has exactly its two people; start a group to "
                    + action);
        }
        Member member = requireActiveMember(by);
        if (member.role() != Member.Role.OWNER) {
            throw ApiException.forbidden("Only the conversation's owner may " + action);
        }
    }

    public List<Member> activeMembers() {
        return members.values().stream().filter(Member::active).toList();
    }

    List<Member> changedMembers() {
        return members.values().stream().filter(Member::changed).toList();
    }

    public boolean hasActiveMember(UUID userId) {
        Member member = members.get(userId);
        return member != null && member.active();
    }

    public UUID id() {
        return id;
    }

    public ConversationType type() {
        return type;
    }

    public @Nullable String title() {
        return title;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public @Nullable UUID sessionId() {
        return sessionId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
