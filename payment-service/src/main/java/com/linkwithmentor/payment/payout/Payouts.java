package com.linkwithmentor.payment.payout;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.payment.PaymentProperties;
import com.linkwithmentor.payment.ledger.AccountKind;
import com.linkwithmentor.payment.ledger.Ledger;
import com.linkwithmentor.payment.ledger.Money;
import com.linkwithmentor.payment.provider.Providers;
import com.linkwithmentor.payment.settlement.CommandKind;
import com.linkwithmentor.payment.settlement.ProviderCommands;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;
import com.linkwithmentor.payment.transaction.TxStatus;
import com.linkwithmentor.payment.transaction.TxType;

/**
 * Pays a mentor's whole available balance to their payout method: available → payouts in flight
 * (one entry, under the account's row lock, so two payouts never send the same money), a payout
 * transaction, and a queued provider command. The provider's answer settles it (in flight →
 * clearing) or returns the money to available. Also daily, for every mentor above the threshold.
 */
@Service
public class Payouts {

    private static final Logger log = LoggerFactory.getLogger(Payouts.class);

    private final Ledger ledger;

    private final Transactions transactions;

    private final ProviderCommands commands;

    private final Providers providers;

    private final PayoutMethods methods;

    private final TransactionTemplate inTransaction;

    private final JdbcClient jdbc;

    private final PaymentProperties properties;

    Payouts(Ledger ledger, Transactions transactions, ProviderCommands commands, Providers providers, PayoutMethods methods,
            TransactionTemplate inTransaction, JdbcClient jdbc, PaymentProperties properties) {
        this.ledger = ledger;
        this.transactions = transactions;
        this.commands = commands;
        this.providers = providers;
        this.methods = methods;
        this.inTransaction = inTransaction;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Pays out everything available in the currency; 409 when there is nothing, 422 without a payout method. */
    Tx payOut(UUID mentorId, String currency) {
        if (ledger.balance(AccountKind.MENTOR_AVAILABLE, AccountKind.MENTOR_AVAILABLE.wireName() + ":" + mentorId, currency) <= 0) {
            throw new ApiException(ErrorCode.CONFLICT, "There is no available balance to pay out", Map.of("currency", currency));
        }
        PayoutMethods.PayoutMethod method = methods.of(mentorId).orElseThrow(() -> ApiException.unprocessable(
                "Add a primary payment method (a UPI id) before asking for a payout"));
        UUID txId = inTransaction.execute(status -> {
            // The lock on the mentor's available account: a concurrent payout waits, then finds nothing left.
            Long available = jdbc.sql("SELECT balance_minor FROM accounts WHERE code = ? AND currency = ? FOR UPDATE")
                .params(AccountKind.MENTOR_AVAILABLE.wireName() + ":" + mentorId, currency).query(Long.class).optional().orElse(0L);
            if (available <= 0) {
                return null;
            }
            String provider = providers.primary();
            UUID payoutId = transactions.insert(Tx.draft(TxType.PAYOUT, "payout", available, currency)
                .status(TxStatus.PROCESSING).to(mentorId).toMethod(method.paymentMethodId()).provider(provider, method.provider()));
            ledger.entry("payout_sent", payoutId)
                .debit(ledger.mentor(AccountKind.MENTOR_AVAILABLE, mentorId, currency), available)
                .credit(ledger.mentor(AccountKind.PAYOUTS_IN_FLIGHT, mentorId, currency), available)
                .post();
            commands.enqueue(payoutId, CommandKind.PAYOUT, provider, Map.of("destination", method.address(),
                    "beneficiary_name", method.label().isBlank() ? "LinkWithMentor mentor" : method.label()), null, false);
            return payoutId;
        });
        if (txId == null) {
            throw new ApiException(ErrorCode.CONFLICT, "There is no available balance to pay out", Map.of("currency", currency));
        }
        return transactions.find(txId).orElseThrow();
    }

    /** The daily payout: every mentor whose available balance reaches the threshold. */
    @Scheduled(cron = "${lwm.payments.payouts.schedule:0 30 3 * * *}", zone = "UTC")
    public void payOutEveryone() {
        for (String currency : List.of("INR", "USD", "EUR", "GBP")) {
            long threshold;
            try {
                threshold = new Money(properties.payouts().minimum(), currency).minor();
            }
            catch (ArithmeticException ex) {
                continue;
            }
            List<UUID> mentors = jdbc.sql("""
                    SELECT owner_id FROM accounts WHERE kind = 'mentor_available' AND currency = ? AND balance_minor >= ?
                    """).params(currency, Math.max(threshold, 1)).query(UUID.class).list();
            for (UUID mentor : mentors) {
                try {
                    payOut(mentor, currency);
                }
                catch (RuntimeException ex) {
                    log.info("Scheduled payout to {} in {} not sent: {}", mentor, currency, ex.getMessage());
                }
            }
        }
    }
}
