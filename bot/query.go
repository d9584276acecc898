package bot

import (
	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/topic"
)

// The topic query language lives in package topic so that config can parse
// queries at load; these names keep bot's code reading as before.

// Query is a parsed topic query.
type Query = topic.Query

// QueryError reports where a query is malformed.
type QueryError = topic.Error

// ArticleIndex is an article tokenized once for matching many queries.
type ArticleIndex = topic.ArticleIndex

// ParseQuery parses a topic query (see package topic).
func ParseQuery(s string) (Query, error) { return topic.Parse(s) }

// NewArticleIndex tokenizes a once for matching by many queries.
func NewArticleIndex(a *briefbot.Article) *ArticleIndex { return topic.NewArticleIndex(a) }

func tokenize(s string) []string { return topic.Tokenize(s) }

func nameMatches(name, terms []string) bool { return topic.NameMatches(name, terms) }
