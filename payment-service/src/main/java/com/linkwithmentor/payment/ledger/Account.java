package com.linkwithmentor.payment.ledger;

/** A ledger account as postings name it: its id and currency. */
public record Account(long id, AccountKind kind, String code, String currency) {
}
