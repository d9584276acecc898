-- Multiplies a store filled by `loadfeeds -lookups` ten times in SQL (10 M statements
-- from 1 M in ~15 min instead of ~2.5 h through SaveArticles). One year, ten times the
-- density: article/statement id i becomes 10i + k for copy k = 0..9, copy k is shifted by
-- k × 90 s (articles are ~16 min apart, so id order stays time order and the heap is
-- written in id order, as a fill would), hashes/URLs/GUIDs get "-xk"/"#xk".
-- Registry counts become exactly ×10, last_seen moves by 810 s, speaker_weeks is recomputed.
-- Written for the schema at migration 12; run on a copy, never on the bench store:
--   psql -h 127.0.0.1 -U postgres -c 'create database pg10m template year1m'
--   psql -h 127.0.0.1 -U postgres -d pg10m -v ON_ERROR_STOP=1 -f bench/pg-multiply10.sql
SET maintenance_work_mem = '1GB';
BEGIN;
ALTER TABLE actors DROP CONSTRAINT actors_article_id_fkey;
ALTER TABLE statements DROP CONSTRAINT statements_article_id_fkey;
ALTER TABLE statements DROP CONSTRAINT statements_speaker_id_fkey;
ALTER TABLE statements RENAME TO statements_1m;
ALTER INDEX statements_pkey RENAME TO s1m_pkey;
ALTER INDEX statements_article_id_seq_key RENAME TO s1m_aseq;
UPDATE articles SET id = -id;
UPDATE articles SET id = -id * 10;
INSERT INTO articles (id, feed_id, feed_name, hash, guid, url, title, author, teaser, body, summary,
                      published_at, fetched_at, silent, dispatched_at)
SELECT a.id + k, feed_id, feed_name, hash || '-x' || k, CASE WHEN guid <> '' THEN guid || '-x' || k ELSE '' END,
       CASE WHEN url <> '' THEN url || '#x' || k ELSE '' END, title, author, teaser, body, summary,
       published_at + k * interval '90 seconds', fetched_at + k * interval '90 seconds', silent,
       dispatched_at + k * interval '90 seconds'
FROM articles a CROSS JOIN generate_series(1, 9) k;
CREATE TABLE statements (LIKE statements_1m INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE);
INSERT INTO statements (id, article_id, seq, body, start_off, end_off, kind, cue_text, cue_start, cue_end,
  speaker, speaker_key, mention_text, mention_start, mention_end, score, speaker_role, speaker_affiliation,
  search_text, speaker_id, said_at)
SELECT s.id * 10 + k, s.article_id * 10 + k, seq, body, start_off, end_off, kind, cue_text, cue_start, cue_end,
  speaker, speaker_key, mention_text, mention_start, mention_end, score, speaker_role, speaker_affiliation,
  search_text, speaker_id, said_at + k * interval '90 seconds'
FROM statements_1m s CROSS JOIN LATERAL generate_series(0, 9) k
ORDER BY s.id, k;
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
UPDATE speakers SET statements = statements * 10, articles = articles * 10, last_seen = last_seen + interval '810 seconds';
UPDATE speaker_roles SET statements = statements * 10, last_seen = last_seen + interval '810 seconds';
TRUNCATE speaker_weeks;
INSERT INTO speaker_weeks (speaker_id, week, statements)
SELECT speaker_id, date_trunc('week', said_at AT TIME ZONE 'UTC')::date, count(*)
FROM statements WHERE speaker_id IS NOT NULL AND said_at IS NOT NULL GROUP BY 1, 2;
COMMIT;
SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles));
SELECT setval(pg_get_serial_sequence('statements', 'id'), (SELECT max(id) FROM statements));
VACUUM ANALYZE;
