package com.linkwithmentor.chat.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.linkwithmentor.chat.room.ControlEvent;
import com.linkwithmentor.chat.room.RoomPublisher;
import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;

/**
 * Tells the world about membership changes, all from inside the changing transaction: durable
 * events on {@code events.chat} through the outbox, frames to the room's members, and control
 * events that make the joining or leaving user's open connections follow or drop the room.
 */
@Component
class ConversationEvents {

    private final OutboxWriter outbox;

    private final RoomPublisher rooms;

    ConversationEvents(OutboxWriter outbox, RoomPublisher rooms) {
        this.outbox = outbox;
        this.rooms = rooms;
    }

    void created(Conversation conversation) {
        List<UUID> memberIds = conversation.activeMembers().stream().map(Member::userId).toList();
        outbox.append(Streams.CHAT, "ConversationCreated", conversation.id(), new ConversationCreated(conversation.id(),
                conversation.type().wireName(), conversation.sessionId(), conversation.createdBy(), memberIds));
        for (Member member : conversation.activeMembers()) {
            rooms.toUser(member.userId(), ControlEvent.attach(conversation.id(),
                    MembershipFrame.joined(conversation.id(), member, conversation.createdBy())));
        }
    }

    void joined(Conversation conversation, List<Member> added, UUID by) {
        if (added.isEmpty()) {
            return;
        }
        outbox.append(Streams.CHAT, "MembersAdded", conversation.id(),
                new MembersAdded(conversation.id(), added.stream().map(Member::userId).toList(), by));
        for (Member member : added) {
            MembershipFrame frame = MembershipFrame.joined(conversation.id(), member, by);
            rooms.toRoom(conversation.id(), frame);
            rooms.toUser(member.userId(), ControlEvent.attach(conversation.id(), frame));
        }
    }

    void left(Conversation conversation, UUID userId, UUID by, String reason, @Nullable Member newOwner) {
        Instant at = Instant.now();
        UUID newOwnerId = newOwner != null ? newOwner.userId() : null;
        outbox.append(Streams.CHAT, "MemberLeft", conversation.id(),
                new MemberLeft(conversation.id(), userId, by, reason, newOwnerId));
        MembershipFrame frame = MembershipFrame.left(conversation.id(), userId, by, reason, newOwnerId, at);
        rooms.toRoom(conversation.id(), frame);
        rooms.toUser(userId, ControlEvent.detach(conversation.id(), frame));
    }

    record ConversationCreated(UUID conversationId, String type, @Nullable UUID sessionId, UUID createdBy,
            List<UUID> memberIds) {
    }

    record MembersAdded(UUID conversationId, List<UUID> userIds, UUID by) {
    }

    record MemberLeft(UUID conversationId, UUID userId, UUID by, String reason, @Nullable UUID newOwnerId) {
    }
}
