package com.linkwithmentor.signaling.call;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.web.PageCursor;
import com.linkwithmentor.signaling.call.CallViews.CallPage;
import com.linkwithmentor.signaling.call.CallViews.CallView;
import com.linkwithmentor.signaling.turn.IceServers;

/**
 * Calls over REST: place one (for a session, or with people one shares a conversation with), read
 * one, list mine, hang up, and get the ICE servers for one. Only participants see a call; anyone
 * else gets 404.
 */
@RestController
@Validated
@RequestMapping("/api/v1/calls")
class CallController {

    private final CallService calls;

    private final CallRepository repository;

    private final IceServers iceServers;

    CallController(CallService calls, CallRepository repository, IceServers iceServers) {
        this.calls = calls;
        this.repository = repository;
        this.iceServers = iceServers;
    }

    /** Exactly one of {@code session_id} (a mentorship session's call) or {@code participant_ids} (an ad-hoc call). */
    record PlaceCallRequest(@Nullable UUID sessionId, @Nullable @Size(min = 1, max = 10) List<@NotNull UUID> participantIds,
            @NotNull CallType callType) {
    }

    /** {@code reason}: {@code failed} when the client's media never worked; otherwise the server decides. */
    record EndCallRequest(@Nullable EndReason reason) {
    }

    @PostMapping
    ResponseEntity<CallView> place(@Valid @RequestBody PlaceCallRequest request, CurrentUser caller,
            @org.springframework.web.bind.annotation.RequestHeader(org.springframework.http.HttpHeaders.AUTHORIZATION)
            String authorization) {
        boolean forSession = request.sessionId() != null;
        boolean withPeople = request.participantIds() != null && !request.participantIds().isEmpty();
        if (forSession == withPeople) {
            throw ApiException.badRequest("session_id", "Give exactly one of session_id and participant_ids");
        }
        CallService.Placed placed = forSession
                ? calls.callForSession(caller.id(), bearer(authorization), request.sessionId(), request.callType())
                : calls.callPeople(caller.id(), request.participantIds(), request.callType());
        CallView view = CallView.of(placed.call());
        return placed.created()
                ? ResponseEntity.created(URI.create("/api/v1/calls/" + view.callId())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping("/{call_id}")
    CallView read(@PathVariable("call_id") UUID callId, CurrentUser caller) {
        return CallView.of(calls.require(callId, caller.id()));
    }

    @GetMapping
    CallPage mine(@RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 300) String cursor,
            CurrentUser caller) {
        Instant afterCreated = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            Object[] parts = PageCursor.decode(cursor, 2,
                    p -> new Object[] { PageCursor.instant(p[0]), PageCursor.uuid(p[1]) });
            afterCreated = (Instant) parts[0];
            afterId = (UUID) parts[1];
        }
        List<Call> page = repository.page(caller.id(), afterCreated, afterId, limit + 1);
        boolean more = page.size() > limit;
        List<Call> items = more ? page.subList(0, limit) : page;
        String next = more ? PageCursor.encode(items.getLast().createdAt(), items.getLast().callId()) : null;
        return new CallPage(items.stream().map(CallView::of).toList(), next);
    }

    @PostMapping("/{call_id}/end")
    CallView end(@PathVariable("call_id") UUID callId, @Valid @RequestBody(required = false) @Nullable EndCallRequest request,
            CurrentUser caller) {
        EndReason reported = request != null ? request.reason() : null;
        if (reported != null && reported != EndReason.FAILED) {
            throw ApiException.badRequest("reason", "A client may report only 'failed'; other reasons follow from the call");
        }
        return CallView.of(calls.end(callId, caller.id(), reported));
    }

    @GetMapping("/{call_id}/ice-servers")
    IceServers.IceServersView iceServers(@PathVariable("call_id") UUID callId, CurrentUser caller) {
        Call call = calls.require(callId, caller.id());
        if (call.isEnded()) {
            throw ApiException.conflict("The call has ended");
        }
        return iceServers.forCall(callId, caller.id());
    }

    private static String bearer(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization;
    }
}
