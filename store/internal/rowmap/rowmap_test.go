package rowmap

import (
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

func TestPrefixed(t *testing.T) {
	got := Prefixed("s.", "id, article_id,\n\tbody")
	if want := "s.id, s.article_id, s.body"; got != want {
		t.Errorf("Prefixed = %q, want %q", got, want)
	}
}

func TestJSONText(t *testing.T) {
	cases := map[string]struct {
		src     any
		want    []string
		wantErr bool
	}{
		"text":   {src: `["asia","china"]`, want: []string{"asia", "china"}},
		"bytes":  {src: []byte(`["x"]`), want: []string{"x"}},
		"null":   {src: nil, want: nil},
		"broken": {src: `["asia"`, wantErr: true},
		"number": {src: int64(4), wantErr: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got []string
			err := JSONText(&got).(interface{ Scan(any) error }).Scan(tc.src)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Scan(%v) error = %v, want error %v", tc.src, err, tc.wantErr)
			}
			if !tc.wantErr && !slices.Equal(got, tc.want) {
				t.Errorf("Scan(%v) = %q, want %q", tc.src, got, tc.want)
			}
		})
	}
}

// fakeRow scans fixed values, as a driver would, into pointers.
type fakeRow []any

func (r fakeRow) Scan(dest ...any) error {
	for i, d := range dest {
		switch p := d.(type) {
		case *int64:
			*p = r[i].(int64)
		case *int:
			*p = r[i].(int)
		case *string:
			*p = r[i].(string)
		case *bool:
			*p = r[i].(bool)
		case interface{ Scan(any) error }:
			if err := p.Scan(r[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func TestFeedNormalisesEmptyTags(t *testing.T) {
	unix := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		tm, _ := time.Parse(time.RFC3339, s)
		return tm
	}
	row := fakeRow{int64(5), "https://a.example/rss", "Alpha", `[]`, int64(time.Minute), "", "", "2026-03-14T08:00:00Z",
		"200 OK", "", 0, "", false, true, "runtime", "cli"}
	f, err := Feed(row, unix, JSONText)
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != 5 || f.Tags != nil || f.Owner != "runtime" || f.AddedBy != "cli" || f.Interval != time.Minute || !f.Primed || !f.NextCheckAt.IsZero() ||
		!f.LastFetchedAt.Equal(time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("Feed = %+v", f)
	}
}

func TestInGivenOrder(t *testing.T) {
	stored := []briefbot.Feed{{ID: 1, URL: "a"}, {ID: 2, URL: "b"}, {ID: 3, URL: "c"}}
	got := InGivenOrder([]briefbot.Feed{{URL: "c"}, {URL: "a"}, {URL: "c"}}, stored)
	if len(got) != 2 || got[0].ID != 3 || got[1].ID != 1 {
		t.Errorf("InGivenOrder = %+v, want feeds 3 then 1, once each", got)
	}
}

func TestSortClaimedFeeds(t *testing.T) {
	t0 := time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)
	feeds := []briefbot.Feed{{ID: 4, NextCheckAt: t0}, {ID: 9}, {ID: 2, NextCheckAt: t0}, {ID: 1, NextCheckAt: t0.Add(-time.Hour)}}
	SortClaimedFeeds(feeds)
	var ids []int64
	for _, f := range feeds {
		ids = append(ids, f.ID)
	}
	if !slices.Equal(ids, []int64{9, 1, 2, 4}) {
		t.Errorf("order %v, want never-checked first, then longest due, then by ID: [9 1 2 4]", ids)
	}
}
