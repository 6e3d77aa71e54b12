package com.linkwithmentor.user.discovery;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.error.ApiException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Mentor discovery in one indexed query: filters on the mentor profile, PostgreSQL full-text
 * search over names, headline, specializations and bio (GIN index), and keyset pagination, so
 * page 50 costs what page 1 does. Lists only active users who hold the mentor role and have a
 * rate and at least one specialization.
 */
@Repository
class MentorSearch {

    static final int MAX_LIMIT = 50;

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
        Sort sort = criteria.sort();
        if (sort == Sort.RELEVANCE && !hasText) {
            throw ApiException.badRequest("sort", "sort=relevance needs a search text q");
        }
        String sortKey = switch (sort) {
            case RELEVANCE -> "ts_rank(mp.search_vector, websearch_to_tsquery('english', :text))";
            case RATING -> "mp.rating";
            case RATE -> "mp.hourly_rate";
        };
        List<String> where = new ArrayList<>(List.of("u.status = 'active'", "'mentor' = ANY (u.roles)",
                "mp.hourly_rate IS NOT NULL", "mp.specialization_tags <> '{}'"));
        if (hasText) {
            where.add("mp.search_vector @@ websearch_to_tsquery('english', :text)");
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
        Cursor after = criteria.cursor() != null ? Cursor.decode(criteria.cursor()) : null;
        if (after != null) {
            String castKey = sort == Sort.RELEVANCE ? "CAST(:afterKey AS real)" : "CAST(:afterKey AS numeric)";
            // Relevance and rating run high to low, rate low to high; ties broken by id.
            String direction = sort == Sort.RATE ? ">" : "<";
            where.add("(" + sortKey + " " + direction + " " + castKey + " OR (" + sortKey + " = " + castKey
                    + " AND mp.user_id > :afterId))");
        }
        String order = sort == Sort.RATE ? "ASC" : "DESC";
        String sql = """
                SELECT mp.user_id, u.username, p.display_name, mp.headline, mp.specializations::text AS specs,
                       mp.hourly_rate, mp.currency, mp.rating, mp.total_sessions_as_mentor, mp.years_of_experience,
                       mp.is_accepting_mentees, %s AS sort_key
                FROM mentor_profiles mp
                JOIN users u ON u.user_id = mp.user_id
                LEFT JOIN profiles p ON p.user_id = mp.user_id
                WHERE %s
                ORDER BY sort_key %s, mp.user_id
                LIMIT :limit
                """.formatted(sortKey, String.join(" AND ", where), order);
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("limit", criteria.limit() + 1);
        if (hasText) {
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
        List<Row> rows = statement.query((rs, n) -> new Row(new MentorCard(rs.getObject("user_id", UUID.class),
                rs.getString("username"), rs.getString("display_name"), rs.getString("headline"),
                specializations(rs.getString("specs")), rs.getBigDecimal("hourly_rate").toPlainString(),
                rs.getString("currency"), rs.getBigDecimal("rating").toPlainString(), rs.getInt("total_sessions_as_mentor"),
                (Integer) rs.getObject("years_of_experience"), rs.getBoolean("is_accepting_mentees")),
                rs.getString("sort_key"))).list();
        String next = null;
        if (rows.size() > criteria.limit()) {
            rows = rows.subList(0, criteria.limit());
            Row last = rows.get(rows.size() - 1);
            next = new Cursor(last.sortKey(), last.card().userId()).encode();
        }
        return new Page(rows.stream().map(Row::card).toList(), next);
    }

    private List<String> specializations(String text) {
        return json.readValue(text, json.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private record Row(MentorCard card, String sortKey) {
    }

    /** Where the previous page ended: its last sort value and id, opaque to clients. */
    record Cursor(String key, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.lastIndexOf('|');
                String key = text.substring(0, bar);
                new BigDecimal(key);
                return new Cursor(key, UUID.fromString(text.substring(bar + 1)));
            }
            catch (RuntimeException ex) {
                throw ApiException.badRequest("cursor", "The cursor is not valid; start again without one");
            }
        }
    }
}
