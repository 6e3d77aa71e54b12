-- Relevance in mentor search is tiered: a match in the name, headline or specializations
-- (search_primary) ranks above a match in the bio only (search_vector covers everything);
-- within a tier, better-rated mentors come first. Both tiers are then plain indexed filters with
-- an ORDER BY the rating index serves, instead of ranking every match with ts_rank.
ALTER TABLE mentor_profiles ADD COLUMN search_primary TSVECTOR NOT NULL DEFAULT ''::tsvector;
CREATE INDEX mentor_profiles_search_primary ON mentor_profiles USING GIN (search_primary);

-- The search documents draw on three tables (users, profiles, mentor_profiles), so the service
-- calls this after any change to them: one mentor, or every mentor when given NULL.
CREATE FUNCTION refresh_mentor_search(mentor UUID) RETURNS void LANGUAGE sql AS $$
    UPDATE mentor_profiles mp SET
        search_primary = to_tsvector('english', u.username || ' ' || coalesce(p.display_name, '') || ' '
            || coalesce(mp.headline, '') || ' ' || array_to_string(mp.specialization_tags, ' ')),
        search_vector =
            setweight(to_tsvector('english', u.username || ' ' || coalesce(p.display_name, '')), 'A')
            || setweight(to_tsvector('english', coalesce(mp.headline, '') || ' '
                || array_to_string(mp.specialization_tags, ' ')), 'A')
            || setweight(to_tsvector('english', coalesce(p.bio, '')), 'B')
    FROM users u LEFT JOIN profiles p ON p.user_id = u.user_id
    WHERE mp.user_id = u.user_id AND (mentor IS NULL OR mp.user_id = mentor);
$$;

SELECT refresh_mentor_search(NULL);
