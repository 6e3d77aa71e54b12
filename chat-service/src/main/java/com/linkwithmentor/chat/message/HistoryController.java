package com.linkwithmentor.chat.message;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.web.PageCursor;

/**
 * A conversation's history, newest first, in pages: follow {@code next_cursor}, or ask for the
 * messages before a sequence number with {@code before_seq}. Members only.
 */
@RestController
@Validated
class HistoryController {

    private final MessageService messages;

    HistoryController(MessageService messages) {
        this.messages = messages;
    }

    record MessagePage(List<MessageView> items, @Nullable String nextCursor) {
    }

    @GetMapping("/api/v1/conversations/{conversation_id}/messages")
    MessagePage history(@PathVariable("conversation_id") UUID conversationId,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(100) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 100) String cursor,
            @RequestParam(name = "before_seq", required = false) @Nullable @Min(1) Long beforeSeq,
            CurrentUser caller) {
        if (cursor != null && beforeSeq != null) {
            throw ApiException.badRequest("cursor", "Give either cursor or before_seq, not both");
        }
        long before = beforeSeq != null ? beforeSeq : cursor != null ? decode(cursor) : Long.MAX_VALUE;
        List<MessageView> page = messages.history(caller.id(), conversationId, before, limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = encode(page.get(limit - 1).seq());
        }
        return new MessagePage(page, next);
    }

    private static String encode(long seq) {
        return PageCursor.encode("before", seq);
    }

    private static long decode(String cursor) {
        return PageCursor.decode(cursor, 2, parts -> {
            if (!"before".equals(parts[0])) {
                throw new IllegalArgumentException(parts[0]);
            }
            return PageCursor.number(parts[1], 1, Long.MAX_VALUE);
        });
    }
}
