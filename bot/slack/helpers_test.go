package slack

import (
	"net/url"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

func commandForm(text, responseURL string) url.Values {
	return url.Values{
		"command":      {"/brief"},
		"text":         {text},
		"channel_id":   {"C0TEST"},
		"user_id":      {"U0TEST"},
		"team_id":      {"T0TEST"},
		"response_url": {responseURL},
		"trigger_id":   {"1.2.3"},
	}
}
