package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's invariants hold in the database whatever the application does: these statements
 * bypass payment-service entirely (plain JDBC on its schema) and are refused.
 */
class LedgerConstraintsTests {

    DataSource dataSource;

    @BeforeEach
    void database() {
        dataSource = PaymentFleet.shared().bean(DataSource.class);
    }

    /** Runs the statements in one transaction and commits; the first failure's message, or null. */
    String run(String... statements) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.commit();
                return null;
            }
            catch (SQLException ex) {
                connection.rollback();
                return ex.getMessage();
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String accounts(String suffix) {
        return "INSERT INTO accounts (code, kind, currency, normal_side, non_negative) VALUES "
                + "('test_clearing:" + suffix + "', 'provider_clearing', 'INR', 'debit', false), "
                + "('test_escrow:" + suffix + "', 'escrow', 'INR', 'credit', true)";
    }

    String posting(UUID entry, String code, long amount) {
        return "INSERT INTO postings (entry_id, account_id, currency, amount_minor) SELECT '" + entry + "', account_id, 'INR', "
                + amount + " FROM accounts WHERE code = '" + code + "'";
    }

    String entry(UUID entry) {
        return "INSERT INTO journal_entries (entry_id, kind) VALUES ('" + entry + "', 'test')";
    }

    @Test
    void aBalancedEntryIsAcceptedAndMovesBothBalances() {
        String s = UUID.randomUUID().toString();
        UUID entry = UUID.randomUUID();
        assertThat(run(accounts(s), entry(entry), posting(entry, "test_clearing:" + s, 500), posting(entry, "test_escrow:" + s, -500)))
            .isNull();
        assertThat(PaymentFleet.shared().balance("test_clearing:" + s)).isEqualTo(500);
        assertThat(PaymentFleet.shared().balance("test_escrow:" + s)).isEqualTo(500);
    }

    @Test
    void anUnbalancedEntryIsRefusedAtCommit() {
        String s = UUID.randomUUID().toString();
        run(accounts(s));
        UUID entry = UUID.randomUUID();
        assertThat(run(entry(entry), posting(entry, "test_clearing:" + s, 500), posting(entry, "test_escrow:" + s, -499)))
            .contains("does not balance");
        UUID lonely = UUID.randomUUID();
        assertThat(run(entry(lonely))).contains("at least two postings");
        assertThat(PaymentFleet.shared().balance("test_clearing:" + s)).isZero();
    }

    @Test
    void aNonNegativeAccountCannotGoBelowZero() {
        String s = UUID.randomUUID().toString();
        run(accounts(s));
        UUID entry = UUID.randomUUID();
        assertThat(run(entry(entry), posting(entry, "test_clearing:" + s, -500), posting(entry, "test_escrow:" + s, 500)))
            .contains("accounts_never_negative");
    }

    @Test
    void historyIsAppendOnlyAndBalancesMoveOnlyThroughPostings() {
        String s = UUID.randomUUID().toString();
        UUID entry = UUID.randomUUID();
        run(accounts(s), entry(entry), posting(entry, "test_clearing:" + s, 700), posting(entry, "test_escrow:" + s, -700));
        assertThat(run("UPDATE postings SET amount_minor = 1 WHERE entry_id = '" + entry + "'")).contains("append-only");
        assertThat(run("DELETE FROM postings WHERE entry_id = '" + entry + "'")).contains("append-only");
        assertThat(run("DELETE FROM journal_entries WHERE entry_id = '" + entry + "'")).contains("append-only");
        assertThat(run("TRUNCATE postings CASCADE")).contains("append-only");
        assertThat(run("UPDATE accounts SET balance_minor = 0 WHERE code = 'test_escrow:" + s + "'")).contains("only through postings");
        assertThat(run("DELETE FROM accounts WHERE code = 'test_escrow:" + s + "'")).contains("never deleted");
        assertThat(run("INSERT INTO accounts (code, kind, currency, normal_side, non_negative, balance_minor) VALUES ('x:" + s
                + "', 'escrow', 'INR', 'credit', true, 100)")).contains("zero balance");
        assertThat(run("UPDATE accounts SET non_negative = false WHERE code = 'test_escrow:" + s + "'")).contains("redefined");
        assertThat(run("INSERT INTO postings (entry_id, account_id, currency, amount_minor) SELECT '" + entry
                + "', account_id, 'USD', 5 FROM accounts WHERE code = 'test_escrow:" + s + "'")).contains("postings_account_currency");
        assertThat(PaymentFleet.shared().balance("test_escrow:" + s)).isEqualTo(700);
    }

    @Test
    void aTerminalTransactionAndAResolvedHoldNeverChangeAgain() {
        UUID tx = UUID.randomUUID();
        assertThat(run("INSERT INTO transactions (tx_id, purpose, amount_minor, currency, transaction_type, status) VALUES ('" + tx
                + "', 'session', 100, 'INR', 'payment', 'failed')")).isNull();
        assertThat(run("UPDATE transactions SET status = 'succeeded' WHERE tx_id = '" + tx + "'")).contains("cannot become");
        assertThat(run("UPDATE transactions SET amount_minor = 5 WHERE tx_id = '" + tx + "'")).contains("cannot change");
        String s = UUID.randomUUID().toString();
        run(accounts(s));
        UUID hold = UUID.randomUUID();
        UUID paid = UUID.randomUUID();
        assertThat(run("INSERT INTO transactions (tx_id, purpose, amount_minor, currency, transaction_type, status) VALUES ('" + paid
                + "', 'session', 100, 'INR', 'payment', 'succeeded')",
                "INSERT INTO holds (hold_id, purpose, subject_id, payment_tx_id, payer_id, mentor_id, account_id, amount_minor, currency,"
                        + " fee_bps, status, resolved_at) SELECT '" + hold + "', 'session', gen_random_uuid(), '" + paid
                        + "', gen_random_uuid(), gen_random_uuid(), account_id, 100, 'INR', 1000, 'released', now() FROM accounts"
                        + " WHERE code = 'test_escrow:" + s + "'")).isNull();
        assertThat(run("UPDATE holds SET status = 'refunded' WHERE hold_id = '" + hold + "'")).contains("already released");
        assertThat(run("UPDATE holds SET status = 'held', resolved_at = NULL WHERE hold_id = '" + hold + "'")).contains("already");
    }
}
