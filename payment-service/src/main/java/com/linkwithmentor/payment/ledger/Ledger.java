package com.linkwithmentor.payment.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Posts journal entries, the only way money moves. An entry is built with debits and credits in
 * minor units and written in the caller's transaction; the database checks at commit that it
 * balances per currency, and at once that no account that must stay non-negative went below zero.
 * Accounts are created on first use (escrow per session, balances per mentor).
 */
@Component
public class Ledger {

    private final JdbcClient jdbc;

    /** Account ids by code and currency: accounts are never deleted nor redefined, so a committed one is cached for good. */
    private final java.util.Map<String, Account> known = new java.util.concurrent.ConcurrentHashMap<>();

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The platform-wide account of a kind: clearing per provider, revenue, refunds in flight per provider. */
    public Account platform(AccountKind kind, String key, String currency) {
        return account(kind, kind.wireName() + ":" + key, null, null, currency);
    }

    /** A mentor's own account of a kind. */
    public Account mentor(AccountKind kind, UUID mentorId, String currency) {
        return account(kind, kind.wireName() + ":" + mentorId, mentorId, null, currency);
    }

    /** The escrow of one session or enrollment, owned by the mentor who will be paid from it. */
    public Account escrow(UUID subjectId, UUID mentorId, String currency) {
        return account(AccountKind.ESCROW, "escrow:" + subjectId, mentorId, subjectId, currency);
    }

    public Account account(AccountKind kind, String code, @Nullable UUID ownerId, @Nullable UUID subjectId, String currency) {
        String key = code + "|" + currency;
        Account cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        jdbc.sql("""
                INSERT INTO accounts (code, kind, owner_id, subject_id, currency, normal_side, non_negative)
                VALUES (:code, :kind, :owner, :subject, :currency, :side, :nonNegative)
                ON CONFLICT (code, currency) DO NOTHING
                """)
            .param("code", code).param("kind", kind.wireName()).param("owner", ownerId).param("subject", subjectId)
            .param("currency", currency).param("side", kind.debitNormal() ? "debit" : "credit")
            .param("nonNegative", kind.nonNegative())
            .update();
        requireTransaction();
        long id = jdbc.sql("SELECT account_id FROM accounts WHERE code = :code AND currency = :currency")
            .param("code", code).param("currency", currency).query(Long.class).single();
        Account account = new Account(id, kind, code, currency);
        // Only once the row is surely there: a rolled-back transaction may have created it.
        TransactionSynchronizationManager.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
            @Override
            public void afterCommit() {
                known.put(key, account);
            }
        });
        return account;
    }

    /** The balance on the account's normal side, in minor units (0 for an account never used). */
    public long balance(AccountKind kind, String code, String currency) {
        return jdbc.sql("SELECT balance_minor FROM accounts WHERE code = :code AND currency = :currency")
            .param("code", code).param("currency", currency).query(Long.class).optional().orElse(0L);
    }

    public long balance(Account account) {
        return jdbc.sql("SELECT balance_minor FROM accounts WHERE account_id = ?").param(account.id())
            .query(Long.class).single();
    }

    /** The sum of a mentor's balances of a kind in a currency (escrow: all their sessions' holds). */
    public long ownerBalance(AccountKind kind, UUID ownerId, String currency) {
        return jdbc.sql("""
                SELECT coalesce(sum(balance_minor), 0) FROM accounts
                WHERE owner_id = :owner AND kind = :kind AND currency = :currency
                """).param("owner", ownerId).param("kind", kind.wireName()).param("currency", currency)
            .query(Long.class).single();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Ledger writes belong inside the transaction of the change they record");
        }
    }

    public Entry entry(String kind, @Nullable UUID txId) {
        return new Entry(kind, txId);
    }

    /** One journal entry being built; {@link #post()} writes it. */
    public final class Entry {

        private final String kind;

        private final @Nullable UUID txId;

        private final List<Object[]> postings = new ArrayList<>();

        private Entry(String kind, @Nullable UUID txId) {
            this.kind = kind;
            this.txId = txId;
        }

        public Entry debit(Account account, long minor) {
            return add(account, minor);
        }

        public Entry credit(Account account, long minor) {
            return add(account, -minor);
        }

        private Entry add(Account account, long signed) {
            if (signed != 0) {
                postings.add(new Object[] { account.id(), account.currency(), signed });
            }
            return this;
        }

        /** Writes the entry in the current transaction; returns its id. An entry with nothing to move is skipped. */
        public @Nullable UUID post() {
            requireTransaction();
            if (postings.isEmpty()) {
                return null;
            }
            UUID entryId = UUID.randomUUID();
            jdbc.sql("INSERT INTO journal_entries (entry_id, kind, tx_id) VALUES (?, ?, ?)")
                .params(entryId, kind, txId).update();
            StringBuilder sql = new StringBuilder("INSERT INTO postings (entry_id, account_id, currency, amount_minor) VALUES ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < postings.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
                params.add(entryId);
                params.add(postings.get(i)[0]);
                params.add(postings.get(i)[1]);
                params.add(postings.get(i)[2]);
            }
            jdbc.sql(sql.toString()).params(params).update();
            return entryId;
        }
    }
}
