//! Dates, times and meals in English and Spanish, relative to today:
//! "tomorrow", "mañana", "el viernes", "next week", "tonight", "pasado
//! mañana", "December 3", "3 de diciembre", "6pm", "a las 18".

use crate::domain::recipe::MealType;
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};

/// A week-long or multi-day span a message names ("next week", "the weekend").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDate,
    pub days: u32,
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("lunes", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("martes", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("miercoles", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("jueves", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("viernes", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("sabado", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
    ("domingo", Weekday::Sun),
];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("enero", 1),
    ("february", 2),
    ("feb", 2),
    ("febrero", 2),
    ("march", 3),
    ("marzo", 3),
    ("april", 4),
    ("abril", 4),
    ("may", 5),
    ("mayo", 5),
    ("june", 6),
    ("junio", 6),
    ("july", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("agosto", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("diciembre", 12),
];

pub fn weekday_word(w: &str) -> Option<Weekday> {
    let find = |w: &str| WEEKDAYS.iter().find(|(k, _)| *k == w).map(|(_, d)| *d);
    // "fridays", "tuesdays" (from "friday's") but "lunes", "martes" as they are.
    find(w).or_else(|| w.strip_suffix('s').filter(|s| s.len() > 4).and_then(find))
}

pub fn month_word(w: &str) -> Option<u32> {
    MONTHS.iter().find(|(k, _)| *k == w).map(|(_, m)| *m)
}

/// The next `day` on or after `today` (strictly after when `strict`).
pub fn next_weekday(today: NaiveDate, day: Weekday, strict: bool) -> NaiveDate {
    let mut ahead =
        (7 + day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64) % 7;
    if strict && ahead == 0 {
        ahead = 7;
    }
    today + Days::new(ahead as u64)
}

/// The Monday after today (today excluded).
pub fn next_monday(today: NaiveDate) -> NaiveDate {
    next_weekday(today, Weekday::Mon, true)
}

/// What a message says about when: one date, or a span of days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct When {
    pub date: Option<NaiveDate>,
    /// All dates named, in order (for "swap tuesday and thursday").
    pub dates: Vec<NaiveDate>,
    pub span: Option<Span>,
    /// "for 3 days", "los próximos 5 días".
    pub days: Option<u32>,
    pub meal: Option<MealType>,
    pub meals: Vec<MealType>,
    pub time: Option<NaiveTime>,
    /// True for "this week" (asks about the whole week).
    pub week: bool,
}

fn is(words: &[&str], i: usize, w: &str) -> bool {
    words.get(i).is_some_and(|x| *x == w)
}

/// Reads every date, span, meal and time in folded words.
pub fn read(words: &[&str], today: NaiveDate) -> When {
    let mut when = When::default();
    let push_date = |when: &mut When, d: NaiveDate| {
        if !when.dates.contains(&d) {
            when.dates.push(d);
        }
        if when.date.is_none() {
            when.date = Some(d);
        }
    };
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let prev = if i > 0 { words[i - 1] } else { "" };
        let next = words.get(i + 1).copied().unwrap_or("");
        match w {
            "today" | "hoy" | "tonite" => push_date(&mut when, today),
            "yesterday" | "ayer" => push_date(&mut when, today - Days::new(1)),
            "anoche" => {
                push_date(&mut when, today - Days::new(1));
                when.meal.get_or_insert(MealType::Dinner);
            }
            "night" if prev == "last" => {
                push_date(&mut when, today - Days::new(1));
                when.meal.get_or_insert(MealType::Dinner);
            }
            "tonight" => {
                push_date(&mut when, today);
                when.meal.get_or_insert(MealType::Dinner);
            }
            "noche"
                if prev == "esta"
                    || prev == "la" && words.get(i.wrapping_sub(2)).is_some_and(|x| *x == "a") =>
            {
                if prev == "esta" {
                    push_date(&mut when, today);
                }
                when.meal.get_or_insert(MealType::Dinner);
            }
            "mediodia" => {
                when.meal.get_or_insert(MealType::Lunch);
            }
            "tomorrow" | "tomorow" | "tmrw" | "tmr" => {
                push_date(&mut when, today + Days::new(1));
            }
            "manana" => {
                // "pasado mañana"; "por la mañana" is the morning.
                if prev == "pasado" {
                    push_date(&mut when, today + Days::new(2));
                } else if prev != "la" {
                    push_date(&mut when, today + Days::new(1));
                }
            }
            "day" if prev == "the" && next == "after" && is(words, i + 2, "tomorrow") => {
                push_date(&mut when, today + Days::new(2));
                i += 3;
                continue;
            }
            "week" | "semana" => {
                let next_week = matches!(prev, "next" | "proxima" | "coming" | "nxt")
                    || (next == "que" && matches!(words.get(i + 2).copied(), Some("viene")))
                    || (next == "q" && matches!(words.get(i + 2).copied(), Some("viene")))
                    || next == "proxima"
                    || next == "entrante";
                if next_week {
                    let start = next_monday(today);
                    when.span = Some(Span { start, days: 7 });
                } else if matches!(prev, "this" | "esta") {
                    let days = if today.weekday() == Weekday::Mon {
                        7
                    } else {
                        7 - today.weekday().num_days_from_monday()
                    };
                    when.span = Some(Span { start: today, days });
                    when.week = true;
                } else if matches!(prev, "a" | "the" | "la" | "una" | "de") {
                    when.week = true;
                }
            }
            "weekend" | "finde" | "findesemana" => {
                let sat = next_weekday(today, Weekday::Sat, false);
                when.span = Some(Span {
                    start: sat,
                    days: 2,
                });
            }
            "fin" if next == "de" && is(words, i + 2, "semana") => {
                let sat = next_weekday(today, Weekday::Sat, false);
                when.span = Some(Span {
                    start: sat,
                    days: 2,
                });
                i += 3;
                continue;
            }
            _ => {}
        }
        if let Some(day) = weekday_word(w) {
            // "next friday", "el próximo viernes", "el viernes que viene".
            let strict = matches!(prev, "next" | "proximo" | "proxima")
                || (next == "que" && is(words, i + 2, "viene"));
            push_date(&mut when, next_weekday(today, day, strict));
        }
        // "December 3", "3 de diciembre", "dec 3rd"
        if let Some(month) = month_word(w) {
            let day_after = next
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse::<u32>()
                .ok();
            // "3 de diciembre", "the 1st of December", "1 December".
            let day = |x: &str| {
                x.trim_end_matches(|c: char| c.is_alphabetic())
                    .parse::<u32>()
                    .ok()
            };
            let day_before = if matches!(prev, "de" | "of") {
                words.get(i.wrapping_sub(2)).and_then(|x| day(x))
            } else {
                day(prev)
            };
            if let Some(d) = day_after.or(day_before) {
                let mut year = today.year();
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, d) {
                    let date = if date < today {
                        year += 1;
                        NaiveDate::from_ymd_opt(year, month, d).unwrap_or(date)
                    } else {
                        date
                    };
                    push_date(&mut when, date);
                }
            }
        }
        // ISO dates
        if w.len() == 10
            && w.as_bytes().get(4) == Some(&b'-')
            && let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d")
        {
            push_date(&mut when, d);
        }
        // Meals ("las comidas de la semana" are all meals, not lunches).
        let generic = matches!(w, "comidas" | "meals") && prev == "las";
        // British "what's for tea tonight": the evening meal, not the drink.
        let tea = w == "tea"
            && prev == "for"
            && (i >= 2 && matches!(words[i - 2], "s" | "whats" | "is" | "what")
                || matches!(next, "tonight" | "tomorrow" | "today"));
        let meal = if tea {
            Some(MealType::Dinner)
        } else {
            meal_word(w)
        };
        if let Some(m) = meal.filter(|_| !generic) {
            if !when.meals.contains(&m) {
                when.meals.push(m);
            }
            when.meal.get_or_insert(m);
        }
        // "for 3 days", "los próximos 5 días", "next 4 days"
        if matches!(w, "days" | "dias" | "day" | "dia")
            && let Some(n) = prev
                .parse::<u32>()
                .ok()
                .or_else(|| super::words::number_word(prev))
            && (1..=28).contains(&n)
        {
            when.days = Some(n);
        }
        // Times: "6pm", "6 pm", "18:00", "a las 18", "at 7", "a las 6 de la tarde"
        if let Some(t) = time_at(words, i) {
            when.time.get_or_insert(t);
        }
        i += 1;
    }
    // "tomorrow night" → dinner
    if when.meal.is_none() && words.iter().any(|w| *w == "night" || *w == "noche") {
        when.meal = Some(MealType::Dinner);
    }
    when
}

/// A meal word.
pub fn meal_word(w: &str) -> Option<MealType> {
    Some(match w {
        "breakfast" | "breakfasts" | "desayuno" | "desayunos" | "desayunar" | "brekfast"
        | "brekkie" | "brekky" | "desayunamos" => MealType::Breakfast,
        "lunch" | "lunches" | "almuerzo" | "almuerzos" | "almorzar" | "almorzamos" | "comida"
        | "comidas" | "lunchs" => MealType::Lunch,
        "dinner" | "dinners" | "supper" | "suppers" | "cena" | "cenas" | "cenar" | "cenamos"
        | "diner" | "dinnr" => MealType::Dinner,
        "snack" | "snacks" | "merienda" | "meriendas" | "merendar" | "merendamos" => {
            MealType::Snack
        }
        _ => return None,
    })
}

fn time_at(words: &[&str], i: usize) -> Option<NaiveTime> {
    let w = words[i];
    let prev = if i > 0 { words[i - 1] } else { "" };
    let next = words.get(i + 1).copied().unwrap_or("");
    let hm = |h: u32, m: u32| NaiveTime::from_hms_opt(h, m, 0);
    // "18:00", "6:30pm"
    if let Some((h, rest)) = w.split_once(':') {
        let h: u32 = h.parse().ok()?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let m: u32 = digits.parse().ok()?;
        let suffix = &rest[digits.len()..];
        let h = adjust(h, if suffix.is_empty() { next } else { suffix }, words, i);
        return hm(h, m);
    }
    // "6pm", "7am"
    for suffix in ["pm", "am", "hs", "h"] {
        if let Some(num) = w.strip_suffix(suffix)
            && let Ok(h) = num.parse::<u32>()
        {
            return hm(adjust(h, suffix, words, i), 0);
        }
    }
    // "a las seis de la tarde", "a la una", "at nine".
    let h: u32 = match w.parse() {
        Ok(h) => h,
        Err(_) if matches!(prev, "las" | "la" | "at") => super::words::number_word(w)
            .filter(|h| (1..=12).contains(h) && !matches!(w, "a" | "un" | "uno"))?,
        Err(_) => return None,
    };
    if h > 24 {
        return None;
    }
    let at = matches!(prev, "at" | "las" | "la") || (prev == "a" && h <= 24);
    if at || matches!(next, "pm" | "am" | "hs" | "h" | "horas") {
        let h = adjust(h, next, words, i);
        return hm(h, 0);
    }
    None
}

/// 12-hour clock, Spanish "de la tarde/noche", and an evening named
/// anywhere ("at 9 tonight", "esta noche a las 8").
fn adjust(h: u32, suffix: &str, words: &[&str], i: usize) -> u32 {
    let later = &words[i + 1..words.len().min(i + 5)];
    // The evening next to the time ("at 9 tonight", "esta noche a las 8"),
    // not the purpose after it ("at 11 to take the chicken out for tonight").
    let near = i.saturating_sub(4)..words.len().min(i + 3);
    let evening = suffix != "am"
        && words.iter().enumerate().any(|(k, w)| {
            let before = |n: usize| k.checked_sub(n).map_or("", |j| words[j]);
            near.contains(&k)
                && (matches!(*w, "tonight" | "tonite" | "evening")
                    && !matches!(before(1), "for" | "para")
                    || *w == "noche" && before(1) == "esta" && !matches!(before(2), "for" | "para"))
        });
    let pm = suffix == "pm"
        || evening
        || later
            .windows(2)
            .any(|p| p[0] == "la" && matches!(p[1], "tarde" | "noche"));
    if pm && h < 12 {
        h + 12
    } else if suffix == "am" && h == 12 {
        0
    } else {
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(text: &str) -> When {
        let folded = super::super::words::normalize(text);
        let words: Vec<&str> = folded.iter().map(String::as_str).collect();
        read(&words, "2026-11-25".parse().unwrap())
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn relative_dates_in_both_languages() {
        assert_eq!(when("tomorrow").date, d("2026-11-26"));
        assert_eq!(when("mañana").date, d("2026-11-26"));
        assert_eq!(when("pasado mañana").date, d("2026-11-27"));
        assert_eq!(when("por la mañana").date, None);
        assert_eq!(when("el viernes").date, d("2026-11-27"));
        assert_eq!(
            when("wednesday").date,
            d("2026-11-25"),
            "a weekday means on or after today"
        );
        assert_eq!(when("next wednesday").date, d("2026-12-02"));
        assert_eq!(when("el miércoles que viene").date, d("2026-12-02"));
        assert_eq!(when("3 de diciembre").date, d("2026-12-03"));
        assert_eq!(when("December 3").date, d("2026-12-03"));
        assert_eq!(when("the day after tomorrow").date, d("2026-11-27"));
        let t = when("tonight");
        assert_eq!((t.date, t.meal), (d("2026-11-25"), Some(MealType::Dinner)));
    }

    #[test]
    fn spans_and_times() {
        assert_eq!(
            when("next week").span,
            Some(Span {
                start: "2026-11-30".parse().unwrap(),
                days: 7
            })
        );
        assert_eq!(when("la semana que viene").span.map(|s| s.days), Some(7));
        assert_eq!(when("this week").span.map(|s| s.days), Some(5));
        assert_eq!(
            when("el finde").span.map(|s| (s.start.to_string(), s.days)),
            Some(("2026-11-28".to_string(), 2))
        );
        assert_eq!(when("for 3 days").days, Some(3));
        assert_eq!(when("at 6pm").time, NaiveTime::from_hms_opt(18, 0, 0));
        assert_eq!(when("at 9 tonight").time, NaiveTime::from_hms_opt(21, 0, 0));
        assert_eq!(
            when("esta noche a las 8").time,
            NaiveTime::from_hms_opt(20, 0, 0)
        );
        assert_eq!(
            when("tonight at 7am").time,
            NaiveTime::from_hms_opt(7, 0, 0)
        );
        assert_eq!(
            when("remind me at 11 to take the chicken out for tonight").time,
            NaiveTime::from_hms_opt(11, 0, 0)
        );
        assert_eq!(
            when("recordame a las 11 sacar la carne para esta noche").time,
            NaiveTime::from_hms_opt(11, 0, 0)
        );
        assert_eq!(
            when("on the 1st of december").date,
            NaiveDate::from_ymd_opt(2026, 12, 1)
        );
        assert_eq!(when("a las 18").time, NaiveTime::from_hms_opt(18, 0, 0));
        assert_eq!(
            when("a las 6 de la tarde").time,
            NaiveTime::from_hms_opt(18, 0, 0)
        );
        assert_eq!(when("18:30").time, NaiveTime::from_hms_opt(18, 30, 0));
    }
}
