package feeds

import (
	"strings"
	"time"
)

// monthNames maps localised month and weekday names (and their usual
// abbreviations) to English, so dates gofeed could not read — "Mi, 12 März
// 2025 10:00:00 +0100", "12 de março de 2025 10:00" — become parseable.
var monthNames = map[string]string{
	// German
	"januar": "Jan", "jänner": "Jan", "februar": "Feb", "märz": "Mar", "mrz": "Mar", "april": "Apr", "mai": "May", "juni": "Jun", "juli": "Jul", "august": "Aug", "september": "Sep", "oktober": "Oct", "okt": "Oct", "november": "Nov", "dezember": "Dec", "dez": "Dec",
	// French
	"janvier": "Jan", "janv": "Jan", "février": "Feb", "févr": "Feb", "fevrier": "Feb", "mars": "Mar", "avril": "Apr", "avr": "Apr", "juin": "Jun", "juillet": "Jul", "juil": "Jul", "août": "Aug", "aout": "Aug", "septembre": "Sep", "octobre": "Oct", "novembre": "Nov", "décembre": "Dec", "déc": "Dec", "decembre": "Dec",
	// Spanish / Portuguese / Italian
	"enero": "Jan", "ene": "Jan", "febrero": "Feb", "marzo": "Mar", "abril": "Apr", "abr": "Apr", "mayo": "May", "junio": "Jun", "julio": "Jul", "agosto": "Aug", "ago": "Aug", "septiembre": "Sep", "setiembre": "Sep", "octubre": "Oct", "noviembre": "Nov", "diciembre": "Dec", "dic": "Dec",
	"janeiro": "Jan", "fevereiro": "Feb", "fev": "Feb", "março": "Mar", "maio": "May", "junho": "Jun", "julho": "Jul", "setembro": "Sep", "set": "Sep", "outubro": "Oct", "out": "Oct", "novembro": "Nov", "dezembro": "Dec",
	"gennaio": "Jan", "gen": "Jan", "febbraio": "Feb", "aprile": "Apr", "maggio": "May", "mag": "May", "giugno": "Jun", "giu": "Jun", "luglio": "Jul", "lug": "Jul", "settembre": "Sep", "ottobre": "Oct", "ott": "Oct", "dicembre": "Dec",
	// Russian (genitive, as used in dates)
	"января": "Jan", "февраля": "Feb", "марта": "Mar", "апреля": "Apr", "мая": "May", "июня": "Jun", "июля": "Jul", "августа": "Aug", "сентября": "Sep", "октября": "Oct", "ноября": "Nov", "декабря": "Dec",
}

// dateLayouts are tried, in order, after names are translated and
// weekdays and filler words dropped.
var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 Jan 2006",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2 2006 03:04:05 PM",
	"Jan 2 2006 03:04 PM",
	"Jan 2 2006 15:04:05",
	"Jan 2 2006",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
	"02/01/2006",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"02.01.2006",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// fillerWords appear in localised dates between the parts.
var fillerWords = map[string]bool{"de": true, "del": true, "à": true, "a": true, "um": true, "às": true, "alle": true, "at": true, "г": true, "года": true, "uhr": true}

// parseLocalizedDate is the fallback for dates gofeed left unparsed.
func parseLocalizedDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	var parts []string
	for _, w := range strings.Fields(strings.NewReplacer(",", " ").Replace(s)) {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if fillerWords[lw] {
			continue
		}
		if en, ok := monthNames[lw]; ok {
			parts = append(parts, en)
			continue
		}
		if isWeekday(lw) {
			continue
		}
		parts = append(parts, w)
	}
	norm := strings.Join(parts, " ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, norm); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// isWeekday reports a weekday name or abbreviation in the languages above:
// they carry no information once the date is known.
func isWeekday(w string) bool {
	switch w {
	case "mon", "tue", "wed", "thu", "fri", "sat", "sun",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mo", "di", "mi", "do", "fr", "sa", "so",
		"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
		"lun", "mer", "jeu", "ven", "sam", "dim",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
		"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
		"seg", "ter", "qua", "qui", "sex", "sáb", "dom",
		"segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
		"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato":
		return true
	}
	return false
}
