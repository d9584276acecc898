package config

import (
	"fmt"
	"net/url"
)

// validatePublicURL accepts an empty value or an absolute http(s) URL
// without query or fragment: answers append page paths to it.
func validatePublicURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute http(s) URL without query; use e.g. \"https://brief.example.org\"", s)
	}
	return nil
}
