package com.linkwithmentor.meeting.whiteboard;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What the whiteboard socket sends besides the fanned-out {@link BoardMessage}s
 * ({@code ops_applied}); Jackson writes each record's name as its {@code type}. Errors and
 * rate-limit notices come from the socket layer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
sealed interface BoardServerFrame {

    /** The whole board as it stands: the first frame of every connection, and the answer to {@code sync}. */
    @JsonTypeName("snapshot")
    record Snapshot(UUID sessionId, long version, List<WhiteboardController.ElementView> elements, Limits limits,
            long heartbeatSeconds) implements BoardServerFrame {

        static Snapshot of(LiveBoards.Snapshot board, Limits limits, long heartbeatSeconds) {
            return new Snapshot(board.sessionId(), board.version(),
                    board.live().stream().map(WhiteboardController.ElementView::of).toList(), limits, heartbeatSeconds);
        }
    }

    /** The board's bounds, so a client can keep within them. */
    record Limits(int maxElements, long maxElementBytes, long maxBoardBytes, int maxOpsPerBatch, double opsPerSecond,
            int opsBurst) {

        static Limits of(WhiteboardProperties properties) {
            return new Limits(properties.maxElements(), properties.maxElementBytes().toBytes(),
                    properties.maxBoardBytes().toBytes(), properties.maxOpsPerBatch(), properties.opsPerSecond(),
                    properties.opsBurst());
        }
    }

    /** The sender's answer to an {@code ops} batch: each op applied or rejected with its reason. */
    @JsonTypeName("ack")
    record Ack(String clientBatchId, UUID sessionId, long version, int applied, List<BoardOps.OpResult> results)
            implements BoardServerFrame {
    }
}
