package com.linkwithmentor.user.discovery;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.web.PageCursor;

import tools.jackson.databind.json.JsonMapper;

/**
 * Mentor discovery in indexed queries: filters on the mentor profile, PostgreSQL full-text search
 * over names, headline, specializations and bio (GIN indexes), and keyset pagination, so page 50
 * costs what page 1 does. Relevance is two tiers (see {@link Sort}) rather than ts_rank over every
 * match, which would cost as much as the matches are many. Lists only active users who hold the mentor role and have a
 * rate and at least one specialization.
 */
@Repository
class MentorSearch {

    static final int MAX_LIMIT = 50;

    /** Below this many text matches, collecting them through the GIN index beats walking the sort index. */
    static final int SPARSE_MATCHES = 1_000;

    /** Relevance: name/headline/specialization matches before bio-only ones, best rated first in each. */
    enum Sort {
        RELEVANCE, RATING, RATE
    }

    record Criteria(@Nullable String text, @Nullable String specialization, @Nullable BigDecimal maxHourlyRate,
            @Nullable BigDecimal minRating, @Nullable Boolean acceptingMentees, @Nullable Integer minExperience,
            Sort sort, int limit, @Nullable String cursor) {
    }

    record MentorCard(UUID userId, String username, @Nullable String displayName, @Nullable String headline,
            List<String> specializations, String hourlyRate, String currency, String rating, int totalSessionsAsMentor,
            @Nullable Integer yearsOfExperience, boolean isAcceptingMentees) {
    }

    record Page(List<MentorCard> items, @Nullable String nextCursor) {
    }

    private final JdbcClient jdbc;

    private final JsonMapper json;

    MentorSearch(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Page search(Criteria criteria) {
        boolean hasText = criteria.text() != null && !criteria.text().isBlank();
        if (criteria.sort() == Sort.RELEVANCE && !hasText) {
            throw ApiException.badRequest("sort", "sort=relevance needs a search text q");
        }
        Cursor after = criteria.cursor() != null ? Cursor.decode(criteria.cursor(), criteria.sort() == Sort.RELEVANCE) : null;
        List<Row> rows = new ArrayList<>();
        if (criteria.sort() == Sort.RELEVANCE) {
            // Tier 1: the text is in the name, headline or specializations; tier 2: only in the bio.
            int fromTier = after != null ? after.tier() : 1;
            if (fromTier == 1) {
                rows.addAll(query(criteria, "mp.search_primary @@ websearch_to_tsquery('english', :text)", "mp.rating", false,
                        after, criteria.limit() + 1, 1));
            }
            if (rows.size() <= criteria.limit()) {
                rows.addAll(query(criteria, "mp.search_vector @@ websearch_to_tsquery('english', :text) "
                        + "AND NOT (mp.search_primary @@ websearch_to_tsquery('english', :text))", "mp.rating", false,
                        fromTier == 2 ? after : null, criteria.limit() + 1 - rows.size(), 2));
            }
        }
        else {
            String textFilter = hasText ? "mp.search_vector @@ websearch_to_tsquery('english', :text)" : null;
            rows = query(criteria, textFilter, criteria.sort() == Sort.RATE ? "mp.hourly_rate" : "mp.rating",
                    criteria.sort() == Sort.RATE, after, criteria.limit() + 1, 0);
        }
        String next = null;
        if (rows.size() > criteria.limit()) {
            rows = rows.subList(0, criteria.limit());
            Row last = rows.get(rows.size() - 1);
            next = new Cursor(last.tier(), last.sortKey(), last.card().userId()).encode();
        }
        return new Page(rows.stream().map(Row::card).toList(), next);
    }

    /** One indexed page: the filters, an optional text clause, keyset after the cursor, ordered by one column then id. */
    private List<Row> query(Criteria criteria, @Nullable String textClause, String sortColumn, boolean ascending,
            @Nullable Cursor after, int limit, int tier) {
        List<String> where = new ArrayList<>(List.of("u.status = 'active'", "'mentor' = ANY (u.roles)",
                "mp.hourly_rate IS NOT NULL", "mp.specialization_tags <> '{}'"));
        if (textClause != null) {
            where.add(textClause);
        }
        if (criteria.specialization() != null) {
            where.add("mp.specialization_tags @> ARRAY[CAST(:tag AS text)]");
        }
        if (criteria.maxHourlyRate() != null) {
            where.add("mp.hourly_rate <= :maxRate");
        }
        if (criteria.minRating() != null) {
            where.add("mp.rating >= :minRating");
        }
        if (criteria.acceptingMentees() != null) {
            where.add("mp.is_accepting_mentees = :accepting");
        }
        if (criteria.minExperience() != null) {
            where.add("mp.years_of_experience >= :minYears");
        }
        if (after != null) {
            where.add("(" + sortColumn + (ascending ? " > " : " < ") + "CAST(:afterKey AS numeric) OR (" + sortColumn
                    + " = CAST(:afterKey AS numeric) AND mp.user_id > :afterId))");
        }
        // "+ 0" hides the sort index from the planner, so few matches are fetched by the text index and sorted.
        String orderBy = textClause != null && sparse(textClause, criteria.text()) ? sortColumn + " + 0" : sortColumn;
        String sql = """
                SELECT mp.user_id, u.username, p.display_name, mp.headline, mp.specializations::text AS specs,
                       mp.hourly_rate, mp.currency, mp.rating, mp.total_sessions_as_mentor, mp.years_of_experience,
                       mp.is_accepting_mentees, %s AS sort_key
                FROM mentor_profiles mp
                JOIN users u ON u.user_id = mp.user_id
                LEFT JOIN profiles p ON p.user_id = mp.user_id
                WHERE %s
                ORDER BY %s %s, mp.user_id
                LIMIT :limit
                """.formatted(sortColumn, String.join(" AND ", where), orderBy, ascending ? "ASC" : "DESC");
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("limit", limit);
        if (textClause != null) {
            statement = statement.param("text", criteria.text());
        }
        if (criteria.specialization() != null) {
            statement = statement.param("tag", criteria.specialization().trim().toLowerCase(Locale.ROOT));
        }
        if (criteria.maxHourlyRate() != null) {
            statement = statement.param("maxRate", criteria.maxHourlyRate());
        }
        if (criteria.minRating() != null) {
            statement = statement.param("minRating", criteria.minRating());
        }
        if (criteria.acceptingMentees() != null) {
            statement = statement.param("accepting", criteria.acceptingMentees());
        }
        if (criteria.minExperience() != null) {
            statement = statement.param("minYears", criteria.minExperience());
        }
        if (after != null) {
            statement = statement.param("afterKey", after.key()).param("afterId", after.id());
        }
        return statement.query((rs, n) -> new Row(new MentorCard(rs.getObject("user_id", UUID.class),
                rs.getString("username"), rs.getString("display_name"), rs.getString("headline"),
                specializations(rs.getString("specs")), rs.getBigDecimal("hourly_rate").toPlainString(),
                rs.getString("currency"), rs.getBigDecimal("rating").toPlainString(), rs.getInt("total_sessions_as_mentor"),
                (Integer) rs.getObject("years_of_experience"), rs.getBoolean("is_accepting_mentees")),
                rs.getBigDecimal("sort_key").toPlainString(), tier)).list();
    }

    /**
     * Whether the text matches few mentors. PostgreSQL cannot estimate a search text it has no
     * statistics for (a rare name, a word nobody uses), assumes a few hundred matches, and walks
     * the rating index expecting to meet them early: for a term with no match that reads the whole
     * table. Counting up to a bound through the GIN index settles it in about a millisecond.
     */
    private boolean sparse(String textClause, @Nullable String text) {
        Integer matches = jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM mentor_profiles mp WHERE " + textClause
                + " LIMIT " + SPARSE_MATCHES + ") m").param("text", text).query(Integer.class).single();
        return matches < SPARSE_MATCHES;
    }

    private List<String> specializations(String text) {
        return json.readValue(text, json.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private record Row(MentorCard card, String sortKey, int tier) {
    }

    /** Where the previous page ended: its relevance tier (0 when not sorting by relevance), sort value and id; opaque to clients. */
    record Cursor(int tier, String key, UUID id) {

        String encode() {
            return PageCursor.encode(tier, key, id);
        }

        static Cursor decode(String cursor, boolean relevance) {
            return PageCursor.decode(cursor, 3, parts -> {
                int tier = Integer.parseInt(parts[0]);
                if (relevance ? tier != 1 && tier != 2 : tier != 0) {
                    throw new IllegalArgumentException("cursor from another sort order");
                }
                PageCursor.decimal(parts[1]);
                return new Cursor(tier, parts[1], PageCursor.uuid(parts[2]));
            });
        }
    }
}
