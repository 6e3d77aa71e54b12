package com.linkwithmentor.chat.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;

/**
 * Creating conversations and changing who is in them; each change, its durable event and its
 * frames commit together. Creating a direct or session conversation that exists already returns
 * the existing one, so a client may call it whenever it wants "the chat with X".
 */
@Service
class ConversationService {

    private final ConversationRepository conversations;

    private final ConversationEvents events;

    private final ConversationProperties properties;

    ConversationService(ConversationRepository conversations, ConversationEvents events,
            ConversationProperties properties) {
        this.conversations = conversations;
        this.events = events;
        this.properties = properties;
    }

    record Outcome(Conversation conversation, boolean created) {
    }

    @Transactional
    Outcome create(UUID caller, ConversationType type, Collection<UUID> memberIds, @Nullable String title,
            @Nullable UUID sessionId) {
        Set<UUID> others = new LinkedHashSet<>(memberIds);
        others.remove(caller);
        return switch (type) {
            case DIRECT -> createDirect(caller, others, title, sessionId);
            case GROUP -> {
                if (sessionId != null) {
                    throw ApiException.badRequest("session_id", "Only a session conversation has a session_id");
                }
                yield createNew(caller, type, others, title, null);
            }
            case SESSION -> createForSession(caller, others, title, sessionId);
        };
    }

    private Outcome createDirect(UUID caller, Set<UUID> others, @Nullable String title, @Nullable UUID sessionId) {
        if (others.size() != 1) {
            throw ApiException.badRequest("member_ids", "A direct conversation needs exactly one other user in member_ids");
        }
        if (title != null || sessionId != null) {
            throw ApiException.badRequest(title != null ? "title" : "session_id",
                    "A direct conversation has no title or session_id");
        }
        UUID other = others.iterator().next();
        // PostgreSQL orders UUIDs as unsigned bytes, as their text does; UUID.compareTo is signed.
        UUID low = caller.toString().compareTo(other.toString()) < 0 ? caller : other;
        UUID high = low.equals(caller) ? other : caller;
        Optional<UUID> existing = conversations.findDirect(low, high);
        if (existing.isPresent()) {
            return new Outcome(conversations.find(existing.get()).orElseThrow(), false);
        }
        Optional<UUID> id = conversations.insert(ConversationType.DIRECT, null, caller, low, high, null);
        if (id.isEmpty()) {
            // Lost a race with the other person creating it at the same moment: theirs is ours.
            return new Outcome(conversations.find(conversations.findDirect(low, high).orElseThrow()).orElseThrow(), false);
        }
        return started(id.get(), ConversationType.DIRECT, null, caller, null, others);
    }

    private Outcome createForSession(UUID caller, Set<UUID> others, @Nullable String title, @Nullable UUID sessionId) {
        if (sessionId == null) {
            throw ApiException.badRequest("session_id", "A session conversation needs the session_id it belongs to");
        }
        requireSize(others.size() + 1);
        Optional<UUID> existing = conversations.findBySession(sessionId);
        if (existing.isEmpty()) {
            Optional<UUID> id = conversations.insert(ConversationType.SESSION, title, caller, null, null, sessionId);
            if (id.isPresent()) {
                return started(id.get(), ConversationType.SESSION, title, caller, sessionId, others);
            }
            existing = conversations.findBySession(sessionId);
        }
        Conversation conversation = conversations.find(existing.orElseThrow()).orElseThrow();
        if (!conversation.hasActiveMember(caller)) {
            throw ApiException.conflict("This session already has a conversation; ask its owner to add you");
        }
        return new Outcome(conversation, false);
    }

    private Outcome createNew(UUID caller, ConversationType type, Set<UUID> others, @Nullable String title,
            @Nullable UUID sessionId) {
        requireSize(others.size() + 1);
        UUID id = conversations.insert(type, title, caller, null, null, sessionId).orElseThrow();
        return started(id, type, title, caller, sessionId, others);
    }

    private Outcome started(UUID id, ConversationType type, @Nullable String title, UUID caller, @Nullable UUID sessionId,
            Set<UUID> others) {
        Conversation conversation = Conversation.start(id, type, title, caller, sessionId, others, Instant.now());
        conversations.saveMembers(conversation);
        events.created(conversation);
        return new Outcome(conversation, true);
    }

    private void requireSize(int size) {
        if (size > properties.maxMembers()) {
            throw ApiException.badRequest("member_ids", "A conversation has at most " + properties.maxMembers() + " members");
        }
    }

    @Transactional
    Conversation addMembers(UUID caller, UUID conversationId, List<UUID> userIds) {
        Conversation conversation = conversations.lock(conversationId);
        List<Member> added = conversation.add(caller, new LinkedHashSet<>(userIds), properties.maxMembers(), Instant.now());
        conversations.saveMembers(conversation);
        events.joined(conversation, added, caller);
        return conversation;
    }

    @Transactional
    void removeMember(UUID caller, UUID conversationId, UUID userId) {
        if (caller.equals(userId)) {
            leave(caller, conversationId);
            return;
        }
        Conversation conversation = conversations.lock(conversationId);
        conversation.remove(caller, userId, Instant.now());
        conversations.saveMembers(conversation);
        events.left(conversation, userId, caller, "removed", null);
    }

    @Transactional
    void leave(UUID caller, UUID conversationId) {
        Conversation conversation = conversations.lock(conversationId);
        Optional<Member> newOwner = conversation.leave(caller, Instant.now());
        conversations.saveMembers(conversation);
        events.left(conversation, caller, caller, "left", newOwner.orElse(null));
    }
}
