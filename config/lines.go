package config

import (
	"fmt"
	"strings"
)

// keyLines maps every key assigned in a TOML document to the line it is
// assigned on, by path: "poll.max_bytes", "feeds[0].url",
// "subscriptions[2].mode". The TOML library keeps key positions private and
// records one position per key name, so the url of the first of three
// [[feeds]] would point at the last; errors found after decoding look their
// key up here instead.
//
// It reads table headers and key = value lines, and steps over multi-line
// strings and arrays; that is all briefbot's configuration uses.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	counts := map[string]int{} // array-of-tables name → entries so far
	prefix := ""
	var skipUntil string // closing delimiter of a multi-line string
	depth := 0           // open brackets of a multi-line array
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case skipUntil != "":
			if strings.Contains(line, skipUntil) {
				skipUntil = ""
			}
			continue
		case depth > 0:
			depth += bracketDepth(line)
			continue
		case line == "" || line[0] == '#':
			continue
		case strings.HasPrefix(line, "[["):
			name := tableName(strings.TrimPrefix(line, "[["), "]]")
			prefix = fmt.Sprintf("%s[%d]", name, counts[name])
			counts[name]++
			lines[prefix] = i + 1
			continue
		case line[0] == '[':
			prefix = tableName(line[1:], "]")
			lines[prefix] = i + 1
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		path := unquoteKey(key)
		if prefix != "" {
			path = prefix + "." + path
		}
		if _, seen := lines[path]; !seen {
			lines[path] = i + 1
		}
		value = strings.TrimSpace(value)
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && !strings.Contains(value[3:], q) {
				skipUntil = q
			}
		}
		if strings.HasPrefix(value, "[") {
			depth = bracketDepth(value)
		}
	}
	return lines
}

// tableName returns the dotted name of a table header without its closing
// brackets, quotes or comment.
func tableName(s, closing string) string {
	name, _, _ := strings.Cut(s, closing)
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = unquoteKey(p)
	}
	return strings.Join(parts, ".")
}

func unquoteKey(k string) string {
	k = strings.TrimSpace(k)
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		return k[1 : len(k)-1]
	}
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// bracketDepth counts '[' minus ']' outside strings and comments.
func bracketDepth(s string) int {
	d := 0
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return d
		case r == '[':
			d++
		case r == ']':
			d--
		}
	}
	return d
}
