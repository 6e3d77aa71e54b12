package com.linkwithmentor.user.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment methods, always read and written within one user's rows. */
@Repository
class PaymentMethodRepository {

    private final JdbcClient jdbc;

    PaymentMethodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** All of the user's methods, locked: every change to primaries holds this lock first. */
    List<PaymentMethod> lockAll(UUID userId) {
        return jdbc.sql("SELECT * FROM payment_methods WHERE user_id = ? ORDER BY created_at, payment_method_id FOR UPDATE")
            .param(userId).query(PaymentMethodRepository::map).list();
    }

    List<PaymentMethod> all(UUID userId) {
        return jdbc.sql("SELECT * FROM payment_methods WHERE user_id = ? ORDER BY is_primary DESC, created_at, payment_method_id")
            .param(userId).query(PaymentMethodRepository::map).list();
    }

    Optional<PaymentMethod> find(UUID userId, UUID methodId) {
        return jdbc.sql("SELECT * FROM payment_methods WHERE user_id = ? AND payment_method_id = ?")
            .params(userId, methodId).query(PaymentMethodRepository::map).optional();
    }

    PaymentMethod insert(UUID userId, String label, PaymentProvider provider, String address, boolean primary) {
        return jdbc.sql("""
                INSERT INTO payment_methods (user_id, label, provider, vpa_address, is_primary)
                VALUES (?, ?, ?, ?, ?) RETURNING *
                """).params(userId, label, provider.wireName(), address, primary).query(PaymentMethodRepository::map)
            .single();
    }

    void update(UUID methodId, String label, PaymentProvider provider, String address, boolean active) {
        jdbc.sql("""
                UPDATE payment_methods SET label = ?, provider = ?, vpa_address = ?, is_active = ?, updated_at = now()
                WHERE payment_method_id = ?
                """).params(label, provider.wireName(), address, active, methodId).update();
    }

    void clearPrimary(UUID userId) {
        jdbc.sql("UPDATE payment_methods SET is_primary = false, updated_at = now() WHERE user_id = ? AND is_primary")
            .param(userId).update();
    }

    void makePrimary(UUID methodId) {
        jdbc.sql("UPDATE payment_methods SET is_primary = true, updated_at = now() WHERE payment_method_id = ?")
            .param(methodId).update();
    }

    void delete(UUID methodId) {
        jdbc.sql("DELETE FROM payment_methods WHERE payment_method_id = ?").param(methodId).update();
    }

    private static PaymentMethod map(ResultSet rs, int row) throws SQLException {
        return new PaymentMethod(rs.getObject("payment_method_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("label"), PaymentProvider.fromWire(rs.getString("provider")), rs.getString("vpa_address"),
                rs.getBoolean("is_primary"), rs.getBoolean("is_active"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
