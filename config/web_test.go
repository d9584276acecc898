package config

import "testing"

func TestValidatePublicURL(t *testing.T) {
	for s, ok := range map[string]bool{
		"":                               true,
		"https://brief.example.org":      true,
		"http://127.0.0.1:8080/brief/":   true,
		"brief.example.org":              false,
		"ftp://brief.example.org":        false,
		"https://brief.example.org/?a=b": false,
		"https://":                       false,
	} {
		if err := validatePublicURL(s); (err == nil) != ok {
			t.Errorf("validatePublicURL(%q) = %v", s, err)
		}
	}
}
