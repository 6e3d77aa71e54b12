package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

@UserServiceTest
class PaymentMethodTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    Api.Session user;

    String base;

    @BeforeEach
    void client() {
        api = new Api(port);
        user = api.newUser("mentor");
        base = "/api/v1/users/" + user.userId() + "/payment-methods";
    }

    Api.Reply add(String label, String provider, String address) {
        return api.post(base, Map.of("label", label, "provider", provider, "vpa_address", address), user.accessToken());
    }

    @Test
    void theFirstMethodBecomesPrimaryAndLaterOnesDoNot() {
        Api.Reply first = add("Primary UPI", "upi", "asha@okaxis").expect(201);
        Api.Reply second = add("PayPal Business", "paypal", "asha@example.com").expect(201);

        assertThat(first.body().path("is_primary").asBoolean()).isTrue();
        assertThat(second.body().path("is_primary").asBoolean()).isFalse();
        assertThat(api.get(base, user.accessToken()).expect(200).body().size()).isEqualTo(2);
    }

    @Test
    void addressesAreValidatedForTheirProvider() {
        add("UPI", "upi", "not a vpa").expectError(400, "VALIDATION_ERROR");
        add("UPI", "upi", "asha@").expectError(400, "VALIDATION_ERROR");
        Api.Reply paypal = add("PayPal", "paypal", "asha@okaxis").expectError(400, "VALIDATION_ERROR");
        assertThat(paypal.body().path("details").path("field").asString()).isEqualTo("vpa_address");
        add("Stripe", "stripe", "acct_123").expectError(400, "VALIDATION_ERROR");
        add("Bitcoin", "bitcoin", "bc1qxyz").expectError(400, "VALIDATION_ERROR");
        add("", "upi", "asha@okaxis").expectError(400, "VALIDATION_ERROR");

        add("Stripe", "stripe", "acct_1A2b3C4d5E").expect(201);
        add("Razorpay", "razorpay", "acc_A1b2C3d4E5").expect(201);
        add("GPay", "google_pay", "asha.k@okicici").expect(201);
        add("UPI duplicate", "upi", "asha.k@okicici").expect(201);
        add("UPI duplicate", "upi", "ASHA.K@okicici").expectError(409, "CONFLICT");
    }

    @Test
    void setPrimarySwapsAtomically() {
        UUID first = id(add("UPI", "upi", "asha@okaxis").expect(201));
        UUID second = id(add("PayPal", "paypal", "asha@example.com").expect(201));

        api.post(base + "/" + second + "/set-primary", null, user.accessToken()).expect(200);

        assertThat(primaries()).containsExactly(second);
        api.post(base + "/" + first + "/set-primary", null, user.accessToken()).expect(200);
        assertThat(primaries()).containsExactly(first);
        api.post(base + "/" + UUID.randomUUID() + "/set-primary", null, user.accessToken()).expectError(404, "NOT_FOUND");
    }

    @Test
    void theDatabaseItselfRefusesASecondPrimary() {
        add("UPI", "upi", "asha@okaxis").expect(201);
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO payment_methods (user_id, label, provider, vpa_address, is_primary)
                VALUES (?, 'sneaky', 'upi', 'x@bank', true)""").param(user.userId()).update())
            .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void removingThePrimaryPromotesAnotherOrLeavesNoneClearly() {
        UUID first = id(add("UPI", "upi", "asha@okaxis").expect(201));
        UUID second = id(add("PayPal", "paypal", "asha@example.com").expect(201));

        Api.Reply removed = api.delete(base + "/" + first, user.accessToken()).expect(200);
        assertThat(removed.text("primary_payment_method_id")).isEqualTo(second.toString());
        assertThat(primaries()).containsExactly(second);

        Api.Reply last = api.delete(base + "/" + second, user.accessToken()).expect(200);
        assertThat(last.body().path("primary_payment_method_id").isNull()).isTrue();
        assertThat(primaries()).isEmpty();
        api.delete(base + "/" + second, user.accessToken()).expectError(404, "NOT_FOUND");
    }

    @Test
    void deactivatingThePrimaryPromotesAnActiveOne() {
        UUID first = id(add("UPI", "upi", "asha@okaxis").expect(201));
        UUID second = id(add("PayPal", "paypal", "asha@example.com").expect(201));
        api.put(base + "/" + first, Map.of("label", "Old UPI", "provider", "upi", "vpa_address", "asha@okaxis",
                "is_active", false), user.accessToken()).expect(200);

        assertThat(primaries()).containsExactly(second);
        api.post(base + "/" + first + "/set-primary", null, user.accessToken()).expectError(409, "CONFLICT");
    }

    @Test
    void anotherUsersMethodsAreOffLimits() {
        UUID method = id(add("UPI", "upi", "asha@okaxis").expect(201));
        Api.Session other = api.newUser();
        api.get(base, other.accessToken()).expectError(403, "FORBIDDEN");
        api.delete(base + "/" + method, other.accessToken()).expectError(403, "FORBIDDEN");
        String othersPath = "/api/v1/users/" + other.userId() + "/payment-methods/" + method;
        api.delete(othersPath, other.accessToken()).expectError(404, "NOT_FOUND");
        assertThat(primaries()).containsExactly(method);
    }

    private java.util.List<UUID> primaries() {
        return jdbc.sql("SELECT payment_method_id FROM payment_methods WHERE user_id = ? AND is_primary")
            .param(user.userId()).query(UUID.class).list();
    }

    private static UUID id(Api.Reply reply) {
        return UUID.fromString(reply.text("payment_method_id"));
    }
}
