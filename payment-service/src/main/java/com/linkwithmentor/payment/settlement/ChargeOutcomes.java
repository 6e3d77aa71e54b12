package com.linkwithmentor.payment.settlement;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.payment.transaction.Tx;

/**
 * What becomes of a subscription when one of its charges settles: implemented by the subscription
 * feature, called by the payment state machine in the same transaction.
 */
public interface ChargeOutcomes {

    void succeeded(Tx charge, @Nullable String mandateRef);

    void failed(Tx charge, String reason);
}
