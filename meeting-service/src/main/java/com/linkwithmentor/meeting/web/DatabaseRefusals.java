package com.linkwithmentor.meeting.web;

import java.sql.SQLException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads what PostgreSQL refused out of whatever exception Spring or Hibernate wrapped it in: the
 * SQLSTATE and the constraint named, so a refusal becomes the ApiError it deserves.
 */
public final class DatabaseRefusals {

    /** SQLSTATE 23P01: an exclusion constraint (here: a double booking) was violated. */
    public static final String EXCLUSION_VIOLATION = "23P01";

    public static final String UNIQUE_VIOLATION = "23505";

    public static final String CHECK_VIOLATION = "23514";

    private DatabaseRefusals() {
    }

    public record Refusal(String sqlState, @Nullable String constraint) {
    }

    public static Optional<Refusal> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String constraint = null;
                if (sql instanceof PSQLException psql) {
                    ServerErrorMessage message = psql.getServerErrorMessage();
                    constraint = message != null ? message.getConstraint() : null;
                }
                return Optional.of(new Refusal(sql.getSQLState(), constraint));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
