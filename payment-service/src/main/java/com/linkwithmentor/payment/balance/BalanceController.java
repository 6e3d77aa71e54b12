package com.linkwithmentor.payment.balance;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.payment.ledger.AccountKind;
import com.linkwithmentor.payment.ledger.Currencies;
import com.linkwithmentor.payment.ledger.Ledger;
import com.linkwithmentor.payment.ledger.Money;

/**
 * {@code GET /api/v1/payments/balance}: for the active role. A mentor's money read from the ledger
 * (in escrow across their sessions, pending out the dispute window, available, in payout) and what
 * was paid out; a mentee's payments and refunds. Decimal strings in one currency ({@code ?currency=}).
 */
@RestController
class BalanceController {

    private final Ledger ledger;

    private final JdbcClient jdbc;

    private final Currencies currencies;

    BalanceController(Ledger ledger, JdbcClient jdbc, Currencies currencies) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.currencies = currencies;
    }

    record MentorBalance(String currency, String inEscrow, String pending, String available, String inPayout, String paidOut) {
    }

    record MenteeBalance(String currency, String paid, String refunded) {
    }

    @GetMapping("/api/v1/payments/balance")
    Object balance(CurrentUser caller, @RequestParam(required = false) @Nullable String currency) {
        String code = currencies.require("currency", currency != null ? currency : "INR");
        caller.requireActiveRole(Role.MENTOR, Role.MENTEE);
        UUID me = caller.id();
        if (caller.activeRole() == Role.MENTOR) {
            return new MentorBalance(code, decimal(ledger.ownerBalance(AccountKind.ESCROW, me, code), code),
                    decimal(ledger.ownerBalance(AccountKind.MENTOR_PENDING, me, code), code),
                    decimal(ledger.ownerBalance(AccountKind.MENTOR_AVAILABLE, me, code), code),
                    decimal(ledger.ownerBalance(AccountKind.PAYOUTS_IN_FLIGHT, me, code), code),
                    decimal(sum("target_user_id = ? AND transaction_type = 'payout'", me, code), code));
        }
        if (caller.activeRole() != Role.MENTEE) {
            throw ApiException.forbidden("The balance is a mentor's or a mentee's");
        }
        return new MenteeBalance(code,
                decimal(sum("source_user_id = ? AND transaction_type IN ('payment', 'subscription_charge')", me, code), code),
                decimal(sum("target_user_id = ? AND transaction_type = 'refund'", me, code), code));
    }

    private long sum(String where, UUID user, String currency) {
        return jdbc.sql("SELECT coalesce(sum(amount_minor), 0) FROM transactions WHERE " + where
                + " AND status = 'succeeded' AND currency = ?").params(user, currency).query(Long.class).single();
    }

    private static String decimal(long minor, String currency) {
        return Money.decimal(minor, currency);
    }
}
