package com.linkwithmentor.meeting.session;

import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the refund policy table as it stands: a change to its rows applies to the next cancellation. */
@Repository
class RefundPolicies {

    private final JdbcClient jdbc;

    RefundPolicies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    RefundPolicy current() {
        return new RefundPolicy(jdbc.sql("SELECT cancelled_by_role, min_notice_minutes, refund_percent FROM refund_policy")
            .query((rs, n) -> new RefundPolicy.Rule(CancelledBy.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                    rs.getInt(2), rs.getInt(3)))
            .list());
    }
}
