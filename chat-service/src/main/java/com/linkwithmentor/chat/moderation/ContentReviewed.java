package com.linkwithmentor.chat.moderation;

import java.util.List;
import java.util.UUID;

/**
 * A moderator decided about one of chat's messages after review, as moderation-service's
 * {@code ContentFlagged}/{@code ContentCleared} say. Published in-process, inside the event
 * handler's transaction, for the message feature to carry out.
 */
public record ContentReviewed(UUID messageId, ModerationStatus status, List<String> categories) {
}
