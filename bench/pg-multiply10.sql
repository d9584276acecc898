-- Multiplies a store filled by `loadfeeds -lookups` with 1,000,020 statements in 33,334
-- articles (the lead's year1m) ten times in SQL: 10 M statements in ~12 min instead of ~2.5 h
-- through SaveArticles. One year at ten times the density (ten times the feeds), not ten years:
-- copy k = 0..9 of each article and statement is moved k tenths of the year later (wrapping
-- round the year), so the texts at neighbouring times differ; row at position p of the new
-- table (id 10p + 1 + k) is copy k of the statement k tenths of the year earlier, written in id
-- order as a fill would (heap order = id order ≈ time order). Hashes/URLs/GUIDs get "-xk"/"#xk".
-- Registry counts become exactly ×10, first/last seen and speaker_weeks are recomputed;
-- indexes are dropped and rebuilt after the copy. Constants (1000020, 100002, 33334, 3334 and
-- the year's end in rot) are year1m's. Written for the schema at migration 12; run on a copy:
--   psql -h 127.0.0.1 -U postgres -c 'create database pg10m template year1m'
--   psql -h 127.0.0.1 -U postgres -d pg10m -v ON_ERROR_STOP=1 -f bench/pg-multiply10.sql
-- rot shifts a time by k tenths of the fill's year (2025-11-29 22:05:47 .. 2026-11-29 22:05:47), wrapping.
CREATE FUNCTION pg_temp.rot(t timestamptz, k int) RETURNS timestamptz IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN t + k * interval '36.5 days' > timestamptz '2026-11-29 22:05:47+00'
    THEN t + k * interval '36.5 days' - interval '365 days' ELSE t + k * interval '36.5 days' END $$;
SET maintenance_work_mem = '1GB';
BEGIN;
ALTER TABLE actors DROP CONSTRAINT actors_article_id_fkey;
ALTER TABLE statements DROP CONSTRAINT statements_article_id_fkey;
ALTER TABLE statements DROP CONSTRAINT statements_speaker_id_fkey;
ALTER TABLE statements RENAME TO statements_1m;
ALTER INDEX statements_pkey RENAME TO s1m_pkey;
ALTER INDEX statements_article_id_seq_key RENAME TO s1m_aseq;
UPDATE articles SET id = -id;
UPDATE articles SET id = 10 * ((-id - 1) % 33334) + 1;
INSERT INTO articles (id, feed_id, feed_name, hash, guid, url, title, author, teaser, body, summary,
                      published_at, fetched_at, silent, dispatched_at)
SELECT 10 * (((a.id - 1) / 10 + k * 3334) % 33334) + 1 + k, feed_id, feed_name, hash || '-x' || k, CASE WHEN guid <> '' THEN guid || '-x' || k ELSE '' END,
       CASE WHEN url <> '' THEN url || '#x' || k ELSE '' END, title, author, teaser, body, summary,
       pg_temp.rot(published_at, k), pg_temp.rot(fetched_at, k), silent, pg_temp.rot(dispatched_at, k)
FROM articles a CROSS JOIN generate_series(1, 9) k;
CREATE TABLE statements (LIKE statements_1m INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE);
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
SET LOCAL max_parallel_workers_per_gather = 0;
-- position p of the new table holds, for copy k, the statement k tenths of the year earlier
-- (wrapping): written in id order, neighbouring ids hold different texts.
INSERT INTO statements (id, article_id, seq, body, start_off, end_off, kind, cue_text, cue_start, cue_end,
  speaker, speaker_key, mention_text, mention_start, mention_end, score, speaker_role, speaker_affiliation,
  search_text, speaker_id, said_at)
SELECT 10 * p::bigint + 1 + k, 10 * (((s.article_id - 1) + k * 3334) % 33334) + 1 + k, seq, body, start_off, end_off, kind, cue_text, cue_start, cue_end,
  speaker, speaker_key, mention_text, mention_start, mention_end, score, speaker_role, speaker_affiliation,
  search_text, speaker_id, pg_temp.rot(said_at, k)
FROM generate_series(0, 1000019) p CROSS JOIN LATERAL generate_series(0, 9 + 0 * p) k
JOIN statements_1m s ON s.id = ((p - k * 100002 + 10 * 1000020) % 1000020) + 1;
DROP TABLE statements_1m;
COMMIT;
ALTER TABLE statements ADD CONSTRAINT statements_pkey PRIMARY KEY (id);
ALTER TABLE statements ADD CONSTRAINT statements_article_id_seq_key UNIQUE (article_id, seq);
CREATE INDEX statements_tsv ON public.statements USING gin (tsv);
CREATE INDEX statements_by_speaker ON public.statements USING btree (speaker_id, said_at DESC NULLS LAST, article_id DESC, seq) WHERE (speaker_id IS NOT NULL);
CREATE INDEX statements_id_brin ON public.statements USING brin (id) WITH (autosummarize='on');
CREATE INDEX statements_unregistered ON public.statements USING btree (article_id) WHERE ((speaker_id IS NULL) AND (speaker <> ''::text));
ALTER TABLE statements ADD CONSTRAINT statements_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE;
ALTER TABLE statements ADD CONSTRAINT statements_speaker_id_fkey FOREIGN KEY (speaker_id) REFERENCES speakers(id);
ALTER TABLE actors ADD CONSTRAINT actors_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE;
CREATE TRIGGER speaker_weeks_delete AFTER DELETE ON public.statements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION speaker_weeks_deleted();
CREATE TRIGGER speaker_weeks_update AFTER UPDATE ON public.statements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION speaker_weeks_updated();
-- derived data: every copy is identical but for the 90 s shifts, so counts are exactly ×10
-- and last_seen moves by 9 × 90 s; weekly counts are recomputed.
BEGIN;
UPDATE speakers SET statements = statements * 10, articles = articles * 10;
UPDATE speakers p SET first_seen = m.f, last_seen = m.l FROM (
  SELECT speaker_id, min(said_at) f, max(said_at) l FROM statements WHERE speaker_id IS NOT NULL GROUP BY 1) m
WHERE m.speaker_id = p.id;
UPDATE speaker_roles SET statements = statements * 10;
UPDATE speaker_roles r SET first_seen = m.f, last_seen = m.l FROM (
  SELECT speaker_id, speaker_role, speaker_affiliation, min(said_at) f, max(said_at) l FROM statements
  WHERE speaker_id IS NOT NULL GROUP BY 1, 2, 3) m
WHERE (m.speaker_id, m.speaker_role, m.speaker_affiliation) = (r.speaker_id, r.role, r.affiliation);
TRUNCATE speaker_weeks;
INSERT INTO speaker_weeks (speaker_id, week, statements)
SELECT speaker_id, date_trunc('week', said_at AT TIME ZONE 'UTC')::date, count(*)
FROM statements WHERE speaker_id IS NOT NULL AND said_at IS NOT NULL GROUP BY 1, 2;
COMMIT;
SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles));
SELECT setval(pg_get_serial_sequence('statements', 'id'), (SELECT max(id) FROM statements));
VACUUM ANALYZE;
