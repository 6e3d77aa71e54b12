package com.linkwithmentor.payment;

import org.junit.jupiter.api.Test;

/** The invariant run (see {@link LedgerInvariant}) at the size the default build affords. */
class LedgerInvariantTests {

    @Test
    void aRandomScheduleOfFlowsAndFaultsLeavesTheLedgerConsistent() throws Exception {
        new LedgerInvariant(PaymentFleet.shared(), LedgerInvariant.seed(),
                Integer.getInteger("lwm.invariant.sessions", 24)).run();
    }
}
