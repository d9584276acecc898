package config

import "fmt"

// Defaults of the [digest] limits.
const (
	defaultDailyScan      = 20000
	defaultChatScan       = 2000
	defaultAboutArticles  = 10
	defaultDigestArticles = 20
)

func (d *Digest) applyDefaults() {
	for _, v := range []struct {
		val *int
		def int
	}{
		{&d.DailyScan, defaultDailyScan},
		{&d.ChatScan, defaultChatScan},
		{&d.AboutArticles, defaultAboutArticles},
		{&d.DigestArticles, defaultDigestArticles},
	} {
		if *v.val == 0 {
			*v.val = v.def
		}
	}
}

// validate checks the [digest] limits; at gives a key's line prefix.
func (d Digest) validate(at func(string) string) error {
	for _, v := range []struct {
		key      string
		val, min int
	}{
		{"daily_scan", d.DailyScan, 100},
		{"chat_scan", d.ChatScan, 100},
		{"about_articles", d.AboutArticles, 1},
		{"digest_articles", d.DigestArticles, 1},
	} {
		if v.val < v.min {
			return fmt.Errorf("%sdigest.%s = %d is too small; use %d or more (or leave it out for the default)", at("digest."+v.key), v.key, v.val, v.min)
		}
	}
	if d.AboutArticles > d.ChatScan || d.DigestArticles > d.ChatScan {
		return fmt.Errorf("%sdigest: about_articles and digest_articles cannot exceed chat_scan (%d), the articles they are chosen from", at("digest.chat_scan"), d.ChatScan)
	}
	return nil
}
