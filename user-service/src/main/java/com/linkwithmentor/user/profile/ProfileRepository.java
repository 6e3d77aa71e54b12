package com.linkwithmentor.user.profile;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The profile tables: general profile, mentor profile (with its search document) and mentee profile. */
@Repository
class ProfileRepository {

    private final JdbcClient jdbc;

    private final JsonMapper json;

    ProfileRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record GeneralProfile(UUID userId, @Nullable String displayName, @Nullable String bio,
            @Nullable JsonNode paymentPreferences) {
    }

    void ensureGeneral(UUID userId) {
        jdbc.sql("INSERT INTO profiles (user_id) VALUES (?) ON CONFLICT DO NOTHING").param(userId).update();
    }

    void ensureMentor(UUID userId) {
        jdbc.sql("INSERT INTO mentor_profiles (user_id) VALUES (?) ON CONFLICT DO NOTHING").param(userId).update();
        refreshSearchDocument(userId);
    }

    void ensureMentee(UUID userId) {
        jdbc.sql("INSERT INTO mentee_profiles (user_id) VALUES (?) ON CONFLICT DO NOTHING").param(userId).update();
    }

    Optional<GeneralProfile> general(UUID userId) {
        return jdbc.sql("SELECT user_id, display_name, bio, payment_preferences::text AS prefs FROM profiles WHERE user_id = ?")
            .param(userId)
            .query((rs, row) -> new GeneralProfile(rs.getObject("user_id", UUID.class), rs.getString("display_name"),
                    rs.getString("bio"), readJson(rs.getString("prefs"))))
            .optional();
    }

    void updateGeneral(UUID userId, @Nullable String displayName, @Nullable String bio,
            @Nullable JsonNode paymentPreferences) {
        jdbc.sql("""
                UPDATE profiles SET display_name = :name, bio = :bio,
                    payment_preferences = CAST(:prefs AS jsonb), updated_at = now()
                WHERE user_id = :id
                """)
            .param("id", userId)
            .param("name", displayName)
            .param("bio", bio)
            .param("prefs", paymentPreferences != null ? json.writeValueAsString(paymentPreferences) : null)
            .update();
        refreshSearchDocument(userId);
    }

    Optional<MentorProfileView> mentor(UUID userId) {
        return jdbc.sql("""
                SELECT mp.*, mp.specializations::text AS specializations_json, mp.availability::text AS availability_json,
                       u.username, p.display_name, p.bio
                FROM mentor_profiles mp JOIN users u ON u.user_id = mp.user_id
                LEFT JOIN profiles p ON p.user_id = mp.user_id
                WHERE mp.user_id = ?
                """).param(userId).query(this::mapMentor).optional();
    }

    void updateMentor(UUID userId, MentorProfileRequest request) {
        jdbc.sql("""
                UPDATE mentor_profiles SET headline = :headline, specializations = CAST(:specs AS jsonb),
                    specialization_tags = CAST(:tags AS text[]), hourly_rate = :rate, currency = :currency,
                    availability = CAST(:availability AS jsonb), years_of_experience = :years,
                    certifications = CAST(:certs AS text[]), is_accepting_mentees = :accepting, updated_at = now()
                WHERE user_id = :id
                """)
            .param("id", userId)
            .param("headline", request.headline())
            .param("specs", json.writeValueAsString(request.specializations()))
            .param("tags", textArray(request.specializations().stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList()))
            .param("rate", request.hourlyRate())
            .param("currency", request.currency() != null ? request.currency().toUpperCase(java.util.Locale.ROOT) : "INR")
            .param("availability", request.availability() != null ? json.writeValueAsString(request.availability()) : null)
            .param("years", request.yearsOfExperience())
            .param("certs", textArray(request.certifications() != null ? request.certifications() : List.of()))
            .param("accepting", request.isAcceptingMentees() == null || request.isAcceptingMentees())
            .update();
        refreshSearchDocument(userId);
    }

    Optional<MenteeProfileView> mentee(UUID userId) {
        return jdbc.sql("SELECT *, learning_goals::text AS goals_json FROM mentee_profiles WHERE user_id = ?").param(userId)
            .query((rs, row) -> new MenteeProfileView(rs.getObject("user_id", UUID.class),
                    stringList(rs.getString("goals_json")), array(rs, "interests"), rs.getString("experience_level"),
                    rs.getInt("total_sessions_as_mentee"), array(rs, "preferred_session_types"),
                    rs.getTimestamp("updated_at").toInstant()))
            .optional();
    }

    void updateMentee(UUID userId, MenteeProfileRequest request) {
        jdbc.sql("""
                UPDATE mentee_profiles SET learning_goals = CAST(:goals AS jsonb), interests = CAST(:interests AS text[]),
                    experience_level = :level, preferred_session_types = CAST(:types AS text[]), updated_at = now()
                WHERE user_id = :id
                """)
            .param("id", userId)
            .param("goals", json.writeValueAsString(request.learningGoals() != null ? request.learningGoals() : List.of()))
            .param("interests", textArray(request.interests() != null ? request.interests() : List.of()))
            .param("level", request.experienceLevel() != null ? request.experienceLevel().wireName() : "beginner")
            .param("types", textArray(request.preferredSessionTypes() != null
                    ? request.preferredSessionTypes().stream().map(MenteeProfileRequest.SessionType::wireName).toList()
                    : List.of()))
            .update();
    }

    /** Recomputes the mentor's full-text documents (see the refresh_mentor_search migration). */
    void refreshSearchDocument(UUID userId) {
        jdbc.sql("SELECT refresh_mentor_search(?)").param(userId).query().singleRow();
    }

    private MentorProfileView mapMentor(ResultSet rs, int row) throws SQLException {
        BigDecimal rate = rs.getBigDecimal("hourly_rate");
        int years = rs.getInt("years_of_experience");
        Integer experience = rs.wasNull() ? null : years;
        List<String> specializations = stringList(rs.getString("specializations_json"));
        return new MentorProfileView(rs.getObject("user_id", UUID.class), rs.getString("username"),
                rs.getString("display_name"), rs.getString("headline"), rs.getString("bio"), specializations, rate,
                rs.getString("currency"), readJson(rs.getString("availability_json")), rs.getBigDecimal("rating"),
                rs.getInt("total_sessions_as_mentor"), experience, array(rs, "certifications"),
                rs.getBoolean("is_accepting_mentees"), rate != null && !specializations.isEmpty(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private @Nullable JsonNode readJson(@Nullable String text) {
        return text != null ? json.readTree(text) : null;
    }

    private List<String> stringList(@Nullable String text) {
        if (text == null) {
            return List.of();
        }
        return json.readValue(text, json.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static List<String> array(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A PostgreSQL text[] literal, each element quoted and escaped. */
    static String textArray(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
