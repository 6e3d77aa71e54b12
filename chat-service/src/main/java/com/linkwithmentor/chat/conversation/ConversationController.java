package com.linkwithmentor.chat.conversation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.chat.conversation.ConversationViews.ConversationPage;
import com.linkwithmentor.chat.conversation.ConversationViews.ConversationView;
import com.linkwithmentor.chat.conversation.ConversationViews.MemberView;
import com.linkwithmentor.chat.presence.Presence;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;

/**
 * Conversations over REST: create, list mine, read one, manage members, leave, mark read. Every
 * read and change is for members only; someone who never belonged gets 404, as if it did not exist.
 */
@RestController
@Validated
@RequestMapping("/api/v1/conversations")
class ConversationController {

    private final ConversationService service;

    private final ConversationRepository conversations;

    private final ConversationQueries queries;

    private final ReadReceipts readReceipts;

    private final Presence presence;

    ConversationController(ConversationService service, ConversationRepository conversations,
            ConversationQueries queries, ReadReceipts readReceipts, Presence presence) {
        this.service = service;
        this.conversations = conversations;
        this.queries = queries;
        this.readReceipts = readReceipts;
        this.presence = presence;
    }

    record CreateConversationRequest(@NotNull ConversationType type,
            @Nullable @Size(max = 500) List<@NotNull UUID> memberIds,
            @Nullable @Size(min = 1, max = 200) String title,
            @Nullable UUID sessionId) {
    }

    record AddMembersRequest(@NotEmpty @Size(max = 100) List<@NotNull UUID> userIds) {
    }

    record ReadRequest(@NotNull @PositiveOrZero Long seq) {
    }

    record ReadPosition(UUID conversationId, long lastReadSeq) {
    }

    @PostMapping
    ResponseEntity<ConversationView> create(@Valid @RequestBody CreateConversationRequest request, CurrentUser caller) {
        String title = request.title() != null && !request.title().isBlank() ? request.title().trim() : null;
        ConversationService.Outcome outcome = service.create(caller.id(), request.type(),
                request.memberIds() != null ? request.memberIds() : List.of(), title, request.sessionId());
        ConversationView view = view(outcome.conversation(), caller.id());
        return outcome.created()
                ? ResponseEntity.created(URI.create("/api/v1/conversations/" + view.conversationId())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping
    ConversationPage mine(@RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 300) String cursor,
            CurrentUser caller) {
        return queries.mine(caller.id(), limit, cursor);
    }

    record SharedConversations(List<UUID> conversationIds) {
    }

    /**
     * For services only (signaling-service, before it rings anyone): the conversations all the
     * given users are active members of; empty when they share none.
     */
    @GetMapping("/shared")
    @RequireScope("chat:read-conversations")
    SharedConversations shared(@RequestParam("user_ids") @Size(min = 2, max = 10) List<@NotNull UUID> userIds) {
        return new SharedConversations(queries.sharedBy(userIds));
    }

    @GetMapping("/{conversation_id}")
    ConversationView read(@PathVariable("conversation_id") UUID conversationId, CurrentUser caller) {
        Conversation conversation = conversations.find(conversationId)
            .orElseThrow(() -> ApiException.notFound("Conversation"));
        conversation.requireActiveMember(caller.id());
        return view(conversation, caller.id());
    }

    @PostMapping("/{conversation_id}/members")
    ConversationView addMembers(@PathVariable("conversation_id") UUID conversationId,
            @Valid @RequestBody AddMembersRequest request, CurrentUser caller) {
        return view(service.addMembers(caller.id(), conversationId, request.userIds()), caller.id());
    }

    @DeleteMapping("/{conversation_id}/members/{user_id}")
    ResponseEntity<Void> removeMember(@PathVariable("conversation_id") UUID conversationId,
            @PathVariable("user_id") UUID userId, CurrentUser caller) {
        service.removeMember(caller.id(), conversationId, userId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{conversation_id}/leave")
    ResponseEntity<Void> leave(@PathVariable("conversation_id") UUID conversationId, CurrentUser caller) {
        service.leave(caller.id(), conversationId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{conversation_id}/read")
    ReadPosition markRead(@PathVariable("conversation_id") UUID conversationId, @Valid @RequestBody ReadRequest request,
            CurrentUser caller) {
        return new ReadPosition(conversationId, readReceipts.markRead(conversationId, caller.id(), request.seq()));
    }

    private ConversationView view(Conversation conversation, UUID viewer) {
        List<Member> members = conversation.activeMembers();
        Map<UUID, Presence.Status> statuses = presence.statuses(members.stream().map(Member::userId).toList());
        Member me = conversation.requireActiveMember(viewer);
        return new ConversationView(conversation.id(), conversation.type(), conversation.title(), conversation.sessionId(),
                conversation.createdBy(), conversation.createdAt(), me.role().wireName(),
                conversations.lastSeq(conversation.id()), me.lastReadSeq(),
                members.stream().map(member -> new MemberView(member.userId(), member.role().wireName(),
                        member.joinedAt(), member.lastReadSeq(),
                        statuses.getOrDefault(member.userId(), Presence.Status.OFFLINE).wireName())).toList());
    }
}
