package com.linkwithmentor.payment.payout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.payment.idempotency.Idempotency;
import com.linkwithmentor.payment.ledger.Currencies;
import com.linkwithmentor.payment.transaction.TransactionView;

/** {@code POST /api/v1/payments/payouts}: a mentor asks for their available balance (takes {@code Idempotency-Key}). */
@RestController
class PayoutController {

    private final Payouts payouts;

    private final Idempotency idempotency;

    private final Currencies currencies;

    PayoutController(Payouts payouts, Idempotency idempotency, Currencies currencies) {
        this.payouts = payouts;
        this.idempotency = idempotency;
        this.currencies = currencies;
    }

    record PayoutRequest(@Pattern(regexp = "[A-Z]{3}", message = "must be a currency code like INR") @Nullable String currency) {
    }

    @PostMapping("/api/v1/payments/payouts")
    ResponseEntity<String> payout(@Valid @RequestBody(required = false) @Nullable PayoutRequest request, CurrentUser caller,
            @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        caller.requireActiveRole(Role.MENTOR);
        PayoutRequest body = request != null ? request : new PayoutRequest(null);
        String currency = currencies.require("currency", body.currency() != null ? body.currency() : "INR");
        return idempotency.run(caller.id().toString(), key, "POST", "/api/v1/payments/payouts", body,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(TransactionView.of(payouts.payOut(caller.id(), currency))));
    }
}
