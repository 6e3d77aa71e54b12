package com.linkwithmentor.lecture.course;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.web.PageCursor;

/**
 * Browsing and searching courses in indexed queries: PostgreSQL full text over title and
 * description (GIN indexes on generated tsvectors), in two relevance tiers as user-service's mentor
 * search does (a title match before a description-only match, newest first in each), and keyset
 * pagination on (tier, published_at, id). Lists published courses; a mentor listing their own
 * courses ({@code mentor_id} = themselves) sees drafts and unlisted ones too.
 */
@Repository
class CourseSearch {

    static final int MAX_LIMIT = 50;

    /** Cursor instants are bounded before they reach SQL (PostgreSQL's timestamptz ends in year 294276). */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    record Criteria(@Nullable String text, @Nullable UUID mentorId, boolean includeUnpublished, int limit,
            @Nullable String cursor) {
    }

    record Page(List<UUID> courseIds, @Nullable String nextCursor) {
    }

    private final JdbcClient jdbc;

    CourseSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page search(Criteria criteria) {
        boolean hasText = criteria.text() != null && !criteria.text().isBlank();
        Cursor after = criteria.cursor() != null ? Cursor.decode(criteria.cursor(), hasText) : null;
        List<Row> rows = new ArrayList<>();
        if (hasText) {
            int fromTier = after != null ? after.tier() : 1;
            if (fromTier == 1) {
                rows.addAll(query(criteria, "c.search_title @@ websearch_to_tsquery('english', :text)", after,
                        criteria.limit() + 1, 1));
            }
            if (rows.size() <= criteria.limit()) {
                rows.addAll(query(criteria, "c.search_all @@ websearch_to_tsquery('english', :text) "
                        + "AND NOT (c.search_title @@ websearch_to_tsquery('english', :text))",
                        fromTier == 2 ? after : null, criteria.limit() + 1 - rows.size(), 2));
            }
        }
        else {
            rows.addAll(query(criteria, null, after, criteria.limit() + 1, 0));
        }
        String next = null;
        if (rows.size() > criteria.limit()) {
            rows = rows.subList(0, criteria.limit());
            Row last = rows.get(rows.size() - 1);
            next = new Cursor(last.tier(), last.sortAt(), last.courseId()).encode();
        }
        return new Page(rows.stream().map(Row::courseId).toList(), next);
    }

    private List<Row> query(Criteria criteria, @Nullable String textClause, @Nullable Cursor after, int limit, int tier) {
        List<String> where = new ArrayList<>();
        where.add(criteria.includeUnpublished() ? "TRUE" : "c.visibility = 'published'");
        if (textClause != null) {
            where.add(textClause);
        }
        if (criteria.mentorId() != null) {
            where.add("c.mentor_id = :mentor");
        }
        // Unpublished courses have no published_at: they sort by creation.
        String sortAt = "COALESCE(c.published_at, c.created_at)";
        if (after != null) {
            where.add("(" + sortAt + " < :afterAt OR (" + sortAt + " = :afterAt AND c.course_id > :afterId))");
        }
        String sql = """
                SELECT c.course_id, %s AS sort_at
                FROM courses c
                WHERE %s
                ORDER BY sort_at DESC, c.course_id
                LIMIT :limit
                """.formatted(sortAt, String.join(" AND ", where));
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("limit", limit);
        if (textClause != null) {
            statement = statement.param("text", criteria.text());
        }
        if (criteria.mentorId() != null) {
            statement = statement.param("mentor", criteria.mentorId());
        }
        if (after != null) {
            statement = statement.param("afterAt", OffsetDateTime.ofInstant(after.at(), java.time.ZoneOffset.UTC))
                .param("afterId", after.id());
        }
        return statement.query((rs, n) -> new Row(rs.getObject("course_id", UUID.class),
                rs.getObject("sort_at", OffsetDateTime.class).toInstant(), tier)).list();
    }

    private record Row(UUID courseId, Instant sortAt, int tier) {
    }

    record Cursor(int tier, Instant at, UUID id) {

        String encode() {
            return PageCursor.encode(tier, at, id);
        }

        static Cursor decode(String cursor, boolean relevance) {
            return PageCursor.decode(cursor, 3, parts -> {
                int tier = Integer.parseInt(parts[0]);
                if (relevance ? tier != 1 && tier != 2 : tier != 0) {
                    throw new IllegalArgumentException("cursor from another query");
                }
                Instant at = Instant.parse(parts[1]);
                if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                    throw new IllegalArgumentException("cursor instant out of range");
                }
                return new Cursor(tier, at, UUID.fromString(parts[2]));
            });
        }
    }
}
