package com.linkwithmentor.payment.transaction;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Caller;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.security.ServiceCaller;
import com.linkwithmentor.common.web.PageCursor;

/**
 * The transaction lists: mine (as payer or payee, newest first, cursor-paged), one by id (404 for
 * anyone not party to it, except an admin or a service holding {@code payments:read-payments}),
 * and the admin view over everyone's, filterable by user, type and status.
 */
@RestController
@Validated
class TransactionController {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private final JdbcClient jdbc;

    private final Transactions transactions;

    TransactionController(JdbcClient jdbc, Transactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    record Page(List<TransactionView> items, @Nullable String nextCursor) {
    }

    @GetMapping("/api/v1/payments/transactions")
    Page mine(CurrentUser caller, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return page("(source_user_id = :user OR target_user_id = :user)", Map.of("user", caller.id()), limit, cursor);
    }

    @GetMapping("/api/v1/payments/transactions/{tx_id}")
    @RequireScope(value = "payments:read-payments", users = true)
    TransactionView one(@PathVariable("tx_id") UUID txId, Caller caller) {
        Tx tx = transactions.find(txId).orElseThrow(() -> ApiException.notFound("Transaction " + txId));
        boolean allowed = caller instanceof ServiceCaller || caller instanceof CurrentUser user
                && (user.isAdmin() || user.is(tx.sourceUserId() != null ? tx.sourceUserId() : new UUID(0, 0))
                        || user.is(tx.targetUserId() != null ? tx.targetUserId() : new UUID(0, 0)));
        if (!allowed) {
            throw ApiException.notFound("Transaction " + txId);
        }
        return TransactionView.of(tx);
    }

    @GetMapping("/api/v1/payments/admin/transactions")
    Page all(CurrentUser caller, @RequestParam(name = "user_id", required = false) @Nullable UUID userId,
            @RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        caller.requireActiveRole(Role.ADMIN);
        StringBuilder where = new StringBuilder("TRUE");
        Map<String, Object> params = new java.util.HashMap<>();
        if (userId != null) {
            where.append(" AND (source_user_id = :user OR target_user_id = :user)");
            params.put("user", userId);
        }
        if (type != null) {
            params.put("type", parse("type", () -> TxType.fromWire(type)).wireName());
            where.append(" AND transaction_type = :type");
        }
        if (status != null) {
            params.put("status", parse("status", () -> TxStatus.fromWire(status)).wireName());
            where.append(" AND status = :status");
        }
        return page(where.toString(), params, limit, cursor);
    }

    private Page page(String where, Map<String, Object> params, int limit, @Nullable String cursor) {
        String sql = "SELECT * FROM transactions WHERE " + where;
        JdbcClient.StatementSpec statement;
        if (cursor != null) {
            Object[] position = PageCursor.decode(cursor, 2, parts -> {
                Instant at = Instant.parse(parts[0]);
                if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                    throw new IllegalArgumentException("out of range");
                }
                return new Object[] { java.sql.Timestamp.from(at), UUID.fromString(parts[1]) };
            });
            statement = jdbc.sql(sql + " AND (created_at, tx_id) < (:at, :id) ORDER BY created_at DESC, tx_id DESC LIMIT :limit")
                .param("at", position[0]).param("id", position[1]);
        }
        else {
            statement = jdbc.sql(sql + " ORDER BY created_at DESC, tx_id DESC LIMIT :limit");
        }
        for (Map.Entry<String, Object> param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        List<Tx> rows = statement.param("limit", limit + 1).query(Transactions::map).list();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Tx last = rows.get(limit - 1);
            next = PageCursor.encode(last.createdAt(), last.txId());
        }
        return new Page(rows.stream().map(TransactionView::of).toList(), next);
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        }
        catch (IllegalArgumentException | DateTimeParseException ex) {
            throw ApiException.badRequest(field, "Unknown " + field);
        }
    }
}
