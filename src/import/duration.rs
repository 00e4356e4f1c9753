//! Durations as pages and people write them: ISO 8601 ("PT1H30M",
//! "P0DT0H45M", "PT1.5H") and words ("1 hour 30 mins", "1 h 10 min",
//! "45 minutos").

/// Minutes of an ISO 8601 duration, or of one written in words. `None`
/// when nothing in it reads as a time.
pub fn parse_minutes(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut chars = t.chars();
    let iso_shaped = matches!(chars.next(), Some('P' | 'p'))
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, 'T' | 't' | '-'));
    if iso_shaped {
        // "PT-476070H19M32S" (a negative duration) is no time at all.
        return parse_iso(t);
    }
    parse_words(t)
}

fn to_minutes(total: f64) -> Option<u32> {
    if !total.is_finite() || total < 0.0 {
        return None;
    }
    let rounded = total.round();
    if rounded > f64::from(u32::MAX) {
        return None;
    }
    Some(rounded as u32)
}

/// "PT1H30M", "P1DT2H", "pt45m", "PT1.5H", "P0DT0H45M0.000S".
fn parse_iso(text: &str) -> Option<u32> {
    let mut chars = text.chars().peekable();
    if !matches!(chars.next(), Some('P') | Some('p')) {
        return None;
    }
    let mut in_time = false;
    let mut total = 0.0_f64;
    let mut number = String::new();
    let mut any = false;
    for ch in chars {
        match ch {
            'T' | 't' => {
                if !number.is_empty() {
                    return None;
                }
                in_time = true;
            }
            '0'..='9' | '.' | ',' => number.push(if ch == ',' { '.' } else { ch }),
            _ => {
                let value: f64 = number.parse().ok()?;
                number.clear();
                let minutes = match (ch.to_ascii_uppercase(), in_time) {
                    ('Y', false) => value * 365.0 * 1440.0,
                    ('M', false) => value * 30.0 * 1440.0,
                    ('W', false) => value * 7.0 * 1440.0,
                    ('D', _) => value * 1440.0,
                    ('H', _) => value * 60.0,
                    ('M', true) => value,
                    ('S', true) => value / 60.0,
                    _ => return None,
                };
                total += minutes;
                any = true;
            }
        }
    }
    if !number.is_empty() {
        // "PT45": a bare number after T, read as minutes.
        total += number.parse::<f64>().ok()?;
        any = true;
    }
    if !any {
        return None;
    }
    to_minutes(total)
}

/// "1 hour 30 mins", "1h10", "45 min", "2 horas", "90", "1 1/2 hours",
/// "10-15 minutes" (the first value of a range).
fn parse_words(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let mut total = 0.0_f64;
    let mut any = false;
    let mut pending: Option<f64> = None;
    let mut rest = lower.as_str();
    let mut after_range = false;
    while !rest.is_empty() {
        let ch = rest.chars().next()?;
        if ch.is_ascii_digit() {
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .unwrap_or(rest.len());
            let raw = rest[..end].replace(',', ".");
            let raw = raw.trim_end_matches('.');
            rest = &rest[end..];
            // A fraction "1/2" after a number.
            let mut value: f64 = raw.parse().ok()?;
            if let Some(stripped) = rest.strip_prefix('/') {
                let dend = stripped
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(stripped.len());
                if let Ok(den) = stripped[..dend].parse::<f64>()
                    && den > 0.0
                {
                    value /= den;
                    if let Some(p) = pending.take() {
                        value += p;
                    }
                }
                rest = &stripped[dend..];
            }
            if after_range {
                // The second value of a range "10-15 min".
                after_range = false;
                continue;
            }
            pending = Some(value);
            continue;
        }
        if let Some(frac) = vulgar(ch) {
            pending = Some(pending.unwrap_or(0.0) + frac);
            rest = &rest[ch.len_utf8()..];
            continue;
        }
        if ch.is_alphabetic() {
            let end = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            let unit = match word {
                "d" | "day" | "days" | "dia" | "dias" | "día" | "días" => Some(1440.0),
                "h" | "hr" | "hrs" | "hour" | "hours" | "hora" | "horas" | "std" | "t" | "tim"
                | "timer" | "heure" | "heures" | "ora" | "ore" | "stunde" | "stunden" | "óra" => {
                    Some(60.0)
                }
                "m" | "min" | "mins" | "minute" | "minutes" | "minuto" | "minutos" | "minuten"
                | "minutter" | "minut" | "minuter" | "perc" | "minuti" => Some(1.0),
                "s" | "sec" | "secs" | "second" | "seconds" | "segundo" | "segundos" => {
                    Some(1.0 / 60.0)
                }
                _ => None,
            };
            if let (Some(u), Some(v)) = (unit, pending) {
                total += v * u;
                any = true;
                pending = None;
            }
            continue;
        }
        if matches!(ch, '-' | '–' | '—') && pending.is_some() {
            // A range "10-15 min": keep the first value.
            after_range = true;
        }
        rest = &rest[ch.len_utf8()..];
    }
    if let Some(v) = pending {
        // "1h10": minutes after hours; "90": minutes.
        total += v;
        any = true;
    }
    if !any {
        return None;
    }
    to_minutes(total)
}

fn vulgar(ch: char) -> Option<f64> {
    Some(match ch {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_minutes;

    #[test]
    fn iso_durations() {
        assert_eq!(parse_minutes("PT1H30M"), Some(90));
        assert_eq!(parse_minutes("P0DT0H45M"), Some(45));
        assert_eq!(parse_minutes("PT45M"), Some(45));
        assert_eq!(parse_minutes("pt20m"), Some(20));
        assert_eq!(parse_minutes("PT1.5H"), Some(90));
        assert_eq!(parse_minutes("P1DT2H"), Some(1560));
        assert_eq!(parse_minutes("PT0H45M0.000S"), Some(45));
        assert_eq!(parse_minutes("PT90S"), Some(2));
        assert_eq!(parse_minutes("PT0S"), Some(0));
        assert_eq!(parse_minutes("P"), None);
        assert_eq!(parse_minutes("PTXM"), None);
        assert_eq!(parse_minutes("PT-476070H19M32S"), None);
        assert_eq!(parse_minutes(""), None);
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(parse_minutes("1 hour 30 mins"), Some(90));
        assert_eq!(parse_minutes("45 min"), Some(45));
        assert_eq!(parse_minutes("1 h 10 min"), Some(70));
        assert_eq!(parse_minutes("1h10"), Some(70));
        assert_eq!(parse_minutes("2 horas"), Some(120));
        assert_eq!(parse_minutes("90"), Some(90));
        assert_eq!(parse_minutes("1 1/2 hours"), Some(90));
        assert_eq!(parse_minutes("10-15 minutes"), Some(10));
        assert_eq!(parse_minutes("soon"), None);
    }
}
