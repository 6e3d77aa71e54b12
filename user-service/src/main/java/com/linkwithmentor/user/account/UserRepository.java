package com.linkwithmentor.user.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Role;

/** Accounts in the {@code users} table. */
@Repository
public class UserRepository {

    static final String COLUMNS = """
            user_id, username, email, roles, hashed_password, email_verified, google_subject, status,
            suspended_reason, suspended_at, created_at""";

    private static final RowMapper<User> MAPPER = UserRepository::map;

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE user_id = ?").param(id).query(MAPPER).optional();
    }

    /** The user, locked for the rest of the transaction. */
    public User lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE user_id = ? FOR UPDATE").param(id).query(MAPPER)
            .optional().orElseThrow(() -> ApiException.notFound("User"));
    }

    public User get(UUID id) {
        return findById(id).orElseThrow(() -> ApiException.notFound("User"));
    }

    /** By email or username, case-insensitively. */
    public Optional<User> findByLogin(String login) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:login) OR lower(username) = lower(:login) LIMIT 1")
            .param("login", login).query(MAPPER).optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)").param(email).query(MAPPER)
            .optional();
    }

    public Optional<User> findByGoogleSubject(String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE google_subject = ?").param(subject).query(MAPPER)
            .optional();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower(?))").param(username)
            .query(Boolean.class).single();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(?))").param(email)
            .query(Boolean.class).single();
    }

    public User insert(String username, String email, Set<Role> roles, @Nullable String hashedPassword,
            boolean emailVerified, @Nullable String googleSubject) {
        return jdbc.sql("""
                INSERT INTO users (username, email, roles, hashed_password, email_verified, google_subject)
                VALUES (:username, :email, CAST(:roles AS text[]), :hash, :verified, :google)
                RETURNING\s""" + COLUMNS)
            .param("username", username)
            .param("email", email)
            .param("roles", rolesLiteral(roles))
            .param("hash", hashedPassword)
            .param("verified", emailVerified)
            .param("google", googleSubject)
            .query(MAPPER)
            .single();
    }

    public void update(User user) {
        jdbc.sql("""
                UPDATE users SET username = :username, email = :email, roles = CAST(:roles AS text[]),
                    hashed_password = :hash, email_verified = :verified, google_subject = :google, status = :status,
                    suspended_reason = :reason, suspended_at = :suspendedAt, updated_at = now()
                WHERE user_id = :id
                """)
            .param("id", user.id())
            .param("username", user.username())
            .param("email", user.email())
            .param("roles", rolesLiteral(user.roles()))
            .param("hash", user.hashedPassword())
            .param("verified", user.emailVerified())
            .param("google", user.googleSubject())
            .param("status", user.status().name().toLowerCase(Locale.ROOT))
            .param("reason", user.suspendedReason())
            .param("suspendedAt", user.suspendedAt() != null ? Timestamp.from(user.suspendedAt()) : null)
            .update();
    }

    /** A page of users for admins, oldest first, optionally filtered by a username/email fragment and status. */
    public List<User> search(@Nullable String query, User.@Nullable Status status, @Nullable Timestamp afterCreated,
            @Nullable UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM users WHERE true");
        if (query != null) {
            sql.append(" AND (username ILIKE :pattern ESCAPE '\\' OR email ILIKE :pattern ESCAPE '\\')");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (afterCreated != null) {
            sql.append(" AND (created_at, user_id) > (:afterCreated, :afterId)");
        }
        sql.append(" ORDER BY created_at, user_id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (query != null) {
            statement = statement.param("pattern", "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (status != null) {
            statement = statement.param("status", status.name().toLowerCase(Locale.ROOT));
        }
        if (afterCreated != null) {
            statement = statement.param("afterCreated", afterCreated).param("afterId", afterId);
        }
        return statement.query(MAPPER).list();
    }

    static String rolesLiteral(Set<Role> roles) {
        return "{" + String.join(",", roles.stream().map(Role::wireName).sorted().toList()) + "}";
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Array array = rs.getArray("roles");
        for (String name : (String[]) array.getArray()) {
            roles.add(Role.fromWire(name));
        }
        Timestamp suspendedAt = rs.getTimestamp("suspended_at");
        return new User(rs.getObject("user_id", UUID.class), rs.getString("username"), rs.getString("email"), roles,
                rs.getString("hashed_password"), rs.getBoolean("email_verified"), rs.getString("google_subject"),
                User.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("suspended_reason"),
                suspendedAt != null ? suspendedAt.toInstant() : null, rs.getTimestamp("created_at").toInstant());
    }
}
