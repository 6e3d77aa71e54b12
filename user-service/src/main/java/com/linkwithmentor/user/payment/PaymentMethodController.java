package com.linkwithmentor.user.payment;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;

/** A user's payment methods; only the user or an admin sees or changes them. */
@RestController
@RequestMapping("/api/v1/users/{user_id}/payment-methods")
class PaymentMethodController {

    private final PaymentMethodService methods;

    PaymentMethodController(PaymentMethodService methods) {
        this.methods = methods;
    }

    record PaymentMethodRequest(@NotBlank @Size(max = 100) String label, @NotNull PaymentProvider provider,
            @NotBlank @Size(max = 255) String vpaAddress, @Nullable Boolean isActive) {
    }

    @GetMapping
    List<PaymentMethod> list(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return methods.list(userId);
    }

    @PostMapping
    ResponseEntity<PaymentMethod> add(@PathVariable("user_id") UUID userId, @Valid @RequestBody PaymentMethodRequest request,
            CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        PaymentMethod created = methods.add(userId, request.label(), request.provider(), request.vpaAddress());
        return ResponseEntity.created(URI.create("/api/v1/users/" + userId + "/payment-methods/" + created.paymentMethodId()))
            .body(created);
    }

    @PutMapping("/{payment_method_id}")
    PaymentMethod update(@PathVariable("user_id") UUID userId, @PathVariable("payment_method_id") UUID methodId,
            @Valid @RequestBody PaymentMethodRequest request, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return methods.update(userId, methodId, request.label(), request.provider(), request.vpaAddress(),
                request.isActive() == null || request.isActive());
    }

    @DeleteMapping("/{payment_method_id}")
    PaymentMethodService.Removal remove(@PathVariable("user_id") UUID userId,
            @PathVariable("payment_method_id") UUID methodId, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return methods.remove(userId, methodId);
    }

    /**
     * Where a mentor is paid: the primary active method. Only payment-service asks, with its own
     * credential, when it sends a payout; 404 when the user has none.
     */
    @GetMapping("/payout-method")
    @RequireScope("users:read-payout-methods")
    PaymentMethod payoutMethod(@PathVariable("user_id") UUID userId) {
        return methods.list(userId).stream()
            .filter(method -> method.isPrimary() && method.isActive())
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("Payout method of user " + userId));
    }

    @PostMapping("/{payment_method_id}/set-primary")
    PaymentMethod setPrimary(@PathVariable("user_id") UUID userId, @PathVariable("payment_method_id") UUID methodId,
            CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return methods.setPrimary(userId, methodId);
    }
}
