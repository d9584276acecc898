// Package summarize turns article text into statements (who said what),
// actors (who is involved), a short summary, and digests. It knows nothing
// of HTTP or SQL: callers hand it text and get domain values back.
package summarize
