package com.linkwithmentor.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/** The membership rules a conversation holds, without a database. */
class ConversationRulesTests {

    private final UUID owner = UUID.randomUUID();

    private final UUID first = UUID.randomUUID();

    private final UUID second = UUID.randomUUID();

    private final Instant start = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void anOwnerWhoLeavesHandsOwnershipToTheLongestStandingMember() {
        Conversation group = Conversation.start(UUID.randomUUID(), ConversationType.GROUP, "g", owner, null,
                List.of(first), start);
        group.add(owner, Set.of(second), 10, start.plusSeconds(60));

        assertThat(group.leave(owner, start.plusSeconds(120))).get().extracting(Member::userId).isEqualTo(first);
        assertThat(group.requireActiveMember(first).role()).isEqualTo(Member.Role.OWNER);
        assertThat(group.leave(second, start.plusSeconds(130))).isEmpty();
    }

    @Test
    void strangersGet404FormerMembers403AndMembersCannotManage() {
        Conversation group = Conversation.start(UUID.randomUUID(), ConversationType.GROUP, "g", owner, null,
                List.of(first), start);
        assertThat(code(() -> group.requireActiveMember(UUID.randomUUID()))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(() -> group.add(first, Set.of(second), 10, start))).isEqualTo(ErrorCode.FORBIDDEN);
        group.remove(owner, first, start.plusSeconds(1));
        assertThat(code(() -> group.requireActiveMember(first))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(group.add(owner, Set.of(first), 10, start.plusSeconds(2))).extracting(Member::userId).containsExactly(first);
    }

    @Test
    void aDirectConversationIsFixedAndAGroupHasASizeLimit() {
        Conversation direct = Conversation.start(UUID.randomUUID(), ConversationType.DIRECT, null, owner, null,
                List.of(first), start);
        assertThat(code(() -> direct.leave(owner, start))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(code(() -> direct.add(owner, Set.of(second), 10, start))).isEqualTo(ErrorCode.CONFLICT);

        Conversation group = Conversation.start(UUID.randomUUID(), ConversationType.GROUP, "g", owner, null,
                List.of(first), start);
        assertThat(code(() -> group.add(owner, Set.of(second), 2, start))).isEqualTo(ErrorCode.VALIDATION_ERROR);
    }

    private static ErrorCode code(Runnable action) {
        return ((ApiException) catchThrowable(action::run)).code();
    }
}
