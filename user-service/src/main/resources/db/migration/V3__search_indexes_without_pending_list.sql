-- Mentor profiles are read by every search and written rarely. With GIN's default fastupdate,
-- new entries wait in a pending list that every search must scan linearly until a vacuum merges
-- it, which after a bulk change costs milliseconds per query. Write straight into the index.
ALTER INDEX mentor_profiles_search SET (fastupdate = off);
ALTER INDEX mentor_profiles_search_primary SET (fastupdate = off);
ALTER INDEX mentor_profiles_tags SET (fastupdate = off);
