package com.linkwithmentor.chat.conversation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The design's UserJoined and UserLeft, as WebSocket frames: who, where, by whom, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MembershipFrame(String type, UUID conversationId, UUID userId, @Nullable String role, @Nullable UUID by,
        @Nullable String reason, @Nullable UUID newOwnerId, Instant at) {

    public static final String JOINED = "user_joined";

    public static final String LEFT = "user_left";

    static MembershipFrame joined(UUID conversationId, Member member, @Nullable UUID by) {
        return new MembershipFrame(JOINED, conversationId, member.userId(), member.role().wireName(), by, null, null,
                member.joinedAt());
    }

    static MembershipFrame left(UUID conversationId, UUID userId, @Nullable UUID by, String reason,
            @Nullable UUID newOwnerId, Instant at) {
        return new MembershipFrame(LEFT, conversationId, userId, null, by, reason, newOwnerId, at);
    }
}
