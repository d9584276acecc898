package sqlite

// migrations are the schema steps, applied in order at Open. Step i has
// version i+1 in schema_migrations. Never edit a released step: append one.
var migrations = []string{
	// 1: the whole initial schema. Times are Unix microseconds (UTC), NULL
	// for the zero time; lists are JSON text.
	`
CREATE TABLE feeds (
	id              INTEGER PRIMARY KEY,
	url             TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL DEFAULT '',
	tags            TEXT NOT NULL DEFAULT '[]',
	interval_ns     INTEGER NOT NULL DEFAULT 0,
	configured      INTEGER NOT NULL DEFAULT 1,
	etag            TEXT NOT NULL DEFAULT '',
	last_modified   TEXT NOT NULL DEFAULT '',
	last_fetched_at INTEGER,
	last_status     TEXT NOT NULL DEFAULT '',
	next_check_at   INTEGER,
	error_count     INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	disabled        INTEGER NOT NULL DEFAULT 0,
	primed          INTEGER NOT NULL DEFAULT 0,
	claim_owner     TEXT NOT NULL DEFAULT '',
	claim_expires   INTEGER
);
CREATE INDEX feeds_due ON feeds(next_check_at) WHERE configured = 1 AND disabled = 0;

CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	feed_id       INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
	feed_name     TEXT NOT NULL DEFAULT '',
	hash          TEXT NOT NULL UNIQUE,
	guid          TEXT NOT NULL DEFAULT '',
	url           TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	author        TEXT NOT NULL DEFAULT '',
	teaser        TEXT NOT NULL DEFAULT '',
	body          TEXT NOT NULL DEFAULT '',
	summary       TEXT NOT NULL DEFAULT '',
	published_at  INTEGER,
	fetched_at    INTEGER,
	silent        INTEGER NOT NULL DEFAULT 0,
	dispatched_at INTEGER
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url <> '';
CREATE INDEX articles_fetched ON articles(fetched_at);
CREATE INDEX articles_undispatched ON articles(id) WHERE dispatched_at IS NULL AND silent = 0;

CREATE TABLE statements (
	id                  INTEGER PRIMARY KEY,
	article_id          INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	seq                 INTEGER NOT NULL,
	body                TEXT NOT NULL DEFAULT '',
	start_off           INTEGER NOT NULL DEFAULT 0,
	end_off             INTEGER NOT NULL DEFAULT 0,
	kind                TEXT NOT NULL DEFAULT '',
	cue_text            TEXT NOT NULL DEFAULT '',
	cue_start           INTEGER NOT NULL DEFAULT 0,
	cue_end             INTEGER NOT NULL DEFAULT 0,
	speaker             TEXT NOT NULL DEFAULT '',
	speaker_key         TEXT NOT NULL DEFAULT '',
	mention_text        TEXT NOT NULL DEFAULT '',
	mention_start       INTEGER NOT NULL DEFAULT 0,
	mention_end         INTEGER NOT NULL DEFAULT 0,
	score               REAL NOT NULL DEFAULT 0,
	speaker_role        TEXT NOT NULL DEFAULT '',
	speaker_affiliation TEXT NOT NULL DEFAULT '',
	UNIQUE (article_id, seq)
);
CREATE INDEX statements_speaker ON statements(speaker_key);

-- External-content FTS5 index over statement text and speaker, kept in step
-- by the triggers below.
CREATE VIRTUAL TABLE statements_fts USING fts5(
	body, speaker,
	content='statements', content_rowid='id',
	tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
	INSERT INTO statements_fts(rowid, body, speaker) VALUES (new.id, new.body, new.speaker);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
	INSERT INTO statements_fts(statements_fts, rowid, body, speaker) VALUES ('delete', old.id, old.body, old.speaker);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF body, speaker ON statements BEGIN
	INSERT INTO statements_fts(statements_fts, rowid, body, speaker) VALUES ('delete', old.id, old.body, old.speaker);
	INSERT INTO statements_fts(rowid, body, speaker) VALUES (new.id, new.body, new.speaker);
END;

CREATE TABLE actors (
	article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	name        TEXT NOT NULL DEFAULT '',
	name_key    TEXT NOT NULL DEFAULT '',
	type        TEXT NOT NULL DEFAULT '',
	role        TEXT NOT NULL DEFAULT '',
	affiliation TEXT NOT NULL DEFAULT '',
	aliases     TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX actors_name ON actors(name_key);

CREATE TABLE actor_mentions (
	article_id INTEGER NOT NULL,
	actor_seq  INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	text       TEXT NOT NULL DEFAULT '',
	start_off  INTEGER NOT NULL DEFAULT 0,
	end_off    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (article_id, actor_seq, seq),
	FOREIGN KEY (article_id, actor_seq) REFERENCES actors(article_id, seq) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE channels (
	platform   TEXT NOT NULL,
	channel    TEXT NOT NULL,
	first_seen INTEGER,
	PRIMARY KEY (platform, channel)
);

CREATE TABLE subscriptions (
	id         INTEGER PRIMARY KEY,
	platform   TEXT NOT NULL,
	channel    TEXT NOT NULL,
	topic      TEXT NOT NULL,
	query      TEXT NOT NULL DEFAULT '',
	mode       TEXT NOT NULL DEFAULT '',
	daily_at   TEXT NOT NULL DEFAULT '',
	timezone   TEXT NOT NULL DEFAULT '',
	follow     INTEGER NOT NULL DEFAULT 0,
	created_by TEXT NOT NULL DEFAULT '',
	created_at INTEGER,
	UNIQUE (platform, channel, topic)
);

CREATE TABLE deliveries (
	id            INTEGER PRIMARY KEY,
	platform      TEXT NOT NULL,
	channel       TEXT NOT NULL,
	dkey          TEXT NOT NULL UNIQUE,
	article_ids   TEXT NOT NULL DEFAULT '[]',
	payload       TEXT NOT NULL DEFAULT '{}',
	status        TEXT NOT NULL DEFAULT 'pending',
	attempts      INTEGER NOT NULL DEFAULT 0,
	next_try      INTEGER,
	last_error    TEXT NOT NULL DEFAULT '',
	claim_owner   TEXT NOT NULL DEFAULT '',
	claim_expires INTEGER,
	created_at    INTEGER,
	sent_at       INTEGER
);
CREATE INDEX deliveries_pending ON deliveries(id) WHERE status = 'pending';
CREATE INDEX deliveries_channel ON deliveries(platform, channel, id);

-- One row per article that reached (or is queued for) a channel: the
-- primary key is what makes Enqueue deliver each article to a channel once.
CREATE TABLE channel_articles (
	platform    TEXT NOT NULL,
	channel     TEXT NOT NULL,
	article_id  INTEGER NOT NULL,
	delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
	PRIMARY KEY (platform, channel, article_id)
);

CREATE TABLE leases (
	name       TEXT PRIMARY KEY,
	owner      TEXT NOT NULL,
	expires_at INTEGER NOT NULL
);
`,
	// 2: nothing looks actors up by name_key and LIKE '%…%' on speakers
	// cannot seek an index: both indexes only cost inserts.
	`DROP INDEX IF EXISTS actors_name;
DROP INDEX IF EXISTS statements_speaker;
`,
	// 3: speaker profiles and timelines look a speaker's statements up by
	// exact key, newest article first; the status page counts failed
	// deliveries.
	`CREATE INDEX IF NOT EXISTS statements_speaker_article ON statements (speaker_key, article_id);
CREATE INDEX IF NOT EXISTS deliveries_failed ON deliveries (id) WHERE status = 'failed';
`,
	// 4: feed ownership. "configured" now means active; owner says which
	// configuration (or "runtime": chat and CLI) manages the feed. Feeds
	// configured before this step belong to the unnamed configuration,
	// which the first named configuration to sync adopts.
	`ALTER TABLE feeds ADD COLUMN owner TEXT NOT NULL DEFAULT 'config';
ALTER TABLE feeds ADD COLUMN added_by TEXT NOT NULL DEFAULT '';
`,
	// 5: crash-safe delivery. started_at marks a delivery whose post may
	// have reached the platform (look before re-posting); failing_since
	// starts the give-up window. seen_requests refuses replayed signed
	// chat requests.
	`ALTER TABLE deliveries ADD COLUMN started_at INTEGER;
ALTER TABLE deliveries ADD COLUMN failing_since INTEGER;
CREATE TABLE seen_requests (
	key        TEXT PRIMARY KEY,
	expires_at INTEGER NOT NULL
);
CREATE INDEX seen_requests_expiry ON seen_requests(expires_at);
`,
	// 6: the speaker registry. Statements reference their speaker and
	// carry their article's time (said_at: publication, else fetch), so the
	// latest statements of a speaker are one index range. Existing
	// statements are registered by Open (backfillSpeakers), in Go, since
	// resolving names needs the gazetteer.
	`
CREATE TABLE speakers (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	name_key    TEXT NOT NULL UNIQUE,
	role        TEXT NOT NULL DEFAULT '',
	affiliation TEXT NOT NULL DEFAULT '',
	statements  INTEGER NOT NULL DEFAULT 0,
	articles    INTEGER NOT NULL DEFAULT 0,
	first_seen  INTEGER,
	last_seen   INTEGER
);
CREATE INDEX speakers_quoted ON speakers(statements DESC, name);

-- Every key a speaker is found by: names it was written with (kind
-- 'name'), gazetteer aliases ('known'), the given name cut to its initial
-- ('initial').
CREATE TABLE speaker_aliases (
	alias_key  TEXT NOT NULL,
	speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	alias      TEXT NOT NULL,
	PRIMARY KEY (alias_key, speaker_id)
) WITHOUT ROWID;
CREATE INDEX speaker_aliases_speaker ON speaker_aliases(speaker_id);

-- The words of every alias: whole-word, prefix and fuzzy lookups.
CREATE TABLE speaker_words (
	word       TEXT NOT NULL,
	speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
	PRIMARY KEY (word, speaker_id)
) WITHOUT ROWID;

CREATE TABLE speaker_roles (
	speaker_id  INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
	role        TEXT NOT NULL,
	affiliation TEXT NOT NULL,
	first_seen  INTEGER,
	last_seen   INTEGER,
	statements  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (speaker_id, role, affiliation)
) WITHOUT ROWID;

ALTER TABLE statements ADD COLUMN speaker_id INTEGER REFERENCES speakers(id);
ALTER TABLE statements ADD COLUMN said_at INTEGER;
UPDATE statements SET said_at = (SELECT coalesce(a.published_at, a.fetched_at) FROM articles a WHERE a.id = statements.article_id);
CREATE INDEX statements_by_speaker ON statements(speaker_id, said_at DESC, article_id DESC, seq) WHERE speaker_id IS NOT NULL;
-- Statements written before the registry, until Open registers them.
CREATE INDEX statements_unregistered ON statements(article_id) WHERE speaker_id IS NULL AND speaker <> '';
`,
	// 7: profiles and timelines now read statements by speaker ID
	// (statements_by_speaker); the speaker-key index of step 3 only costs
	// inserts.
	`DROP INDEX IF EXISTS statements_speaker_article;
`,
	// 8: statements per speaker and week, kept by triggers, so a
	// speaker's timeline chart reads at most 53 rows however often they
	// were quoted (the index scan took 0.6-1 s for a speaker with 260,000
	// statements). Weeks are Monday-based: (said_at/1e6 + 3 days) / 7 days.
	`
CREATE TABLE speaker_weeks (
	speaker_id INTEGER NOT NULL,
	week       INTEGER NOT NULL,
	statements INTEGER NOT NULL,
	PRIMARY KEY (speaker_id, week)
) WITHOUT ROWID;
INSERT INTO speaker_weeks (speaker_id, week, statements)
	SELECT speaker_id, (said_at/1000000 + 259200) / 604800, count(*) FROM statements
	WHERE speaker_id IS NOT NULL AND said_at IS NOT NULL GROUP BY 1, 2;
CREATE TRIGGER speaker_weeks_insert AFTER INSERT ON statements
WHEN new.speaker_id IS NOT NULL AND new.said_at IS NOT NULL BEGIN
	INSERT INTO speaker_weeks (speaker_id, week, statements) VALUES (new.speaker_id, (new.said_at/1000000 + 259200) / 604800, 1)
	ON CONFLICT (speaker_id, week) DO UPDATE SET statements = statements + 1;
END;
CREATE TRIGGER speaker_weeks_delete AFTER DELETE ON statements
WHEN old.speaker_id IS NOT NULL AND old.said_at IS NOT NULL BEGIN
	UPDATE speaker_weeks SET statements = statements - 1
	WHERE speaker_id = old.speaker_id AND week = (old.said_at/1000000 + 259200) / 604800;
END;
CREATE TRIGGER speaker_weeks_update AFTER UPDATE OF speaker_id, said_at ON statements BEGIN
	UPDATE speaker_weeks SET statements = statements - 1
	WHERE old.speaker_id IS NOT NULL AND old.said_at IS NOT NULL
	AND speaker_id = old.speaker_id AND week = (old.said_at/1000000 + 259200) / 604800;
	INSERT INTO speaker_weeks (speaker_id, week, statements)
	SELECT new.speaker_id, (new.said_at/1000000 + 259200) / 604800, 1
	WHERE new.speaker_id IS NOT NULL AND new.said_at IS NOT NULL
	ON CONFLICT (speaker_id, week) DO UPDATE SET statements = statements + 1;
END;
`,
	// 9: SaveArticles indexes a batch's statements in FTS5 with one
	// INSERT … SELECT at the end of its transaction. The per-row trigger
	// made FTS5 flush its pending index to a new segment at every
	// statement INSERT (each opens a savepoint), then merge the segments.
	`DROP TRIGGER IF EXISTS statements_fts_insert;`,
	// 10: actor mentions are a JSON column of their actor: nothing queries
	// them, and a row each was most of an article's rows. Older rows stay
	// in actor_mentions and are still read.
	`ALTER TABLE actors ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';`,
	// 11: SaveArticles adds a batch's statements to speaker_weeks with one
	// INSERT … SELECT … GROUP BY at the end of its transaction, instead of
	// an upsert per statement row (the trigger of step 8). The delete and
	// update triggers stay: those paths are rare.
	`DROP TRIGGER IF EXISTS speaker_weeks_insert;`,
	// 12: nothing. PostgreSQL's step 12 is a BRIN index for its windowed
	// search; FTS5 needs none. The step keeps both stores' numbering
	// aligned.
	`SELECT 1;`,
}
