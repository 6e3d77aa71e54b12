package com.linkwithmentor.chat.conversation;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.chat.room.RoomPublisher;

/** Moves a member's read position and tells the room, so the others see "read up to here". */
@Component
public class ReadReceipts {

    /** The read-receipt frame: the member has read everything up to {@code seq}. */
    public record ReadFrame(String type, UUID conversationId, UUID userId, long seq, Instant at) {
    }

    private final Memberships memberships;

    private final RoomPublisher rooms;

    public ReadReceipts(Memberships memberships, RoomPublisher rooms) {
        this.memberships = memberships;
        this.rooms = rooms;
    }

    /** Returns the member's read position after the call, which never moves back. */
    @Transactional
    public long markRead(UUID conversationId, UUID userId, long seq) {
        long position = memberships.markRead(conversationId, userId, seq);
        if (position == seq) {
            rooms.toRoom(conversationId, new ReadFrame("read", conversationId, userId, position, Instant.now()));
        }
        return position;
    }
}
