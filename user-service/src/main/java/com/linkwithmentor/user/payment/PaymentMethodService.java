package com.linkwithmentor.user.payment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.user.account.UserRepository;

/**
 * Payment method rules: the first method becomes primary; there is at most one primary (also a
 * partial unique index); set-primary swaps atomically under a lock on the user's methods; removing
 * or deactivating the primary promotes the oldest other active method, or leaves none.
 */
@Service
class PaymentMethodService {

    static final int MAX_METHODS = 10;

    private final PaymentMethodRepository methods;

    private final UserRepository users;

    PaymentMethodService(PaymentMethodRepository methods, UserRepository users) {
        this.methods = methods;
        this.users = users;
    }

    /** The outcome of removing a method: which method is primary now, if any. */
    record Removal(UUID removedPaymentMethodId, @Nullable UUID primaryPaymentMethodId) {
    }

    List<PaymentMethod> list(UUID userId) {
        users.get(userId);
        return methods.all(userId);
    }

    @Transactional
    PaymentMethod add(UUID userId, String label, PaymentProvider provider, String address) {
        users.lock(userId);
        String valid = provider.validate(address);
        List<PaymentMethod> existing = methods.lockAll(userId);
        if (existing.size() >= MAX_METHODS) {
            throw ApiException.conflict("A user can keep at most " + MAX_METHODS + " payment methods");
        }
        boolean first = existing.stream().noneMatch(PaymentMethod::isPrimary);
        try {
            return methods.insert(userId, label.trim(), provider, valid, first);
        }
        catch (DuplicateKeyException ex) {
            throw ApiException.conflict("This " + provider.wireName() + " address is already saved");
        }
    }

    @Transactional
    PaymentMethod update(UUID userId, UUID methodId, String label, PaymentProvider provider, String address,
            boolean active) {
        List<PaymentMethod> all = methods.lockAll(userId);
        PaymentMethod method = pick(all, methodId);
        String valid = provider.validate(address);
        try {
            methods.update(methodId, label.trim(), provider, valid, active);
        }
        catch (DuplicateKeyException ex) {
            throw ApiException.conflict("This " + provider.wireName() + " address is already saved");
        }
        if (method.isPrimary() && !active) {
            promoteReplacement(userId, all, methodId);
        }
        else if (active && all.stream().noneMatch(PaymentMethod::isPrimary)) {
            methods.makePrimary(methodId);
        }
        return methods.find(userId, methodId).orElseThrow();
    }

    @Transactional
    PaymentMethod setPrimary(UUID userId, UUID methodId) {
        PaymentMethod method = pick(methods.lockAll(userId), methodId);
        if (!method.isActive()) {
            throw ApiException.conflict("An inactive payment method cannot be primary; activate it first");
        }
        if (!method.isPrimary()) {
            methods.clearPrimary(userId);
            methods.makePrimary(methodId);
        }
        return methods.find(userId, methodId).orElseThrow();
    }

    @Transactional
    Removal remove(UUID userId, UUID methodId) {
        List<PaymentMethod> all = methods.lockAll(userId);
        PaymentMethod method = pick(all, methodId);
        methods.delete(methodId);
        if (method.isPrimary()) {
            return new Removal(methodId, promoteReplacement(userId, all, methodId));
        }
        return new Removal(methodId, all.stream().filter(PaymentMethod::isPrimary).findFirst()
            .map(PaymentMethod::paymentMethodId).orElse(null));
    }

    private @Nullable UUID promoteReplacement(UUID userId, List<PaymentMethod> all, UUID leaving) {
        methods.clearPrimary(userId);
        Optional<PaymentMethod> next = all.stream()
            .filter(m -> !m.paymentMethodId().equals(leaving) && m.isActive())
            .min(Comparator.comparing(PaymentMethod::createdAt));
        next.ifPresent(m -> methods.makePrimary(m.paymentMethodId()));
        return next.map(PaymentMethod::paymentMethodId).orElse(null);
    }

    private static PaymentMethod pick(List<PaymentMethod> all, UUID methodId) {
        return all.stream().filter(m -> m.paymentMethodId().equals(methodId)).findFirst()
            .orElseThrow(() -> ApiException.notFound("Payment method"));
    }
}
