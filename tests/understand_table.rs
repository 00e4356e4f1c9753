//! Offline understanding against the table of utterances in English and
//! Spanish (`tests/data/utterances.jsonl`): the expected tool calls and
//! arguments for each message, read at Wednesday 2026-11-25 10:00 in
//! Buenos Aires unless a line sets `now`.
//!
//! Names (items, ingredients, queries, recipes) compare case- and
//! accent-insensitively, and as the same food when the food table says so
//! ("eggs" = "huevos" = "egg"); everything else compares exactly.

use chrono::{DateTime, FixedOffset};
use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::text::fold_name;
use kecarajocomer::engine::offline::{Now, understand};
use serde_json::Value;

fn same_name(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold_name(a), fold_name(b));
    if fa == fb {
        return true;
    }
    let t = FoodTable::builtin();
    if let (Some(x), Some(y)) = (t.lookup(&fa), t.lookup(&fb)) {
        return x.id == y.id;
    }
    let stem = |s: &str| s.trim_end_matches("es").trim_end_matches('s').to_string();
    stem(&fa) == stem(&fb)
}

fn same(key: &str, want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Number(a), Value::Number(b)) => {
            (a.as_f64().unwrap_or(f64::NAN) - b.as_f64().unwrap_or(f64::NAN)).abs() < 1e-6
        }
        (Value::String(a), Value::String(b)) => match key {
            "name" | "query" | "recipe" | "ingredients" | "dislikes" | "text" => same_name(a, b),
            _ => a == b,
        },
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(key, x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|g| same(k, v, g)))
        }
        _ => want == got,
    }
}

/// Scores a table; returns (right, total, the wrong lines explained).
fn score(data: &str) -> (usize, usize, Vec<String>) {
    let default_now: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-11-25T10:00:00-03:00").unwrap();
    let mut total = 0;
    let mut wrong = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("valid JSON line");
        let text = case["text"].as_str().expect("text");
        let now = case["now"]
            .as_str()
            .map(|n| DateTime::parse_from_rfc3339(n).expect("now"))
            .unwrap_or(default_now);
        let got = understand(
            text,
            Now {
                today: now.date_naive(),
                time: now.time(),
            },
        );
        let want = case["calls"].as_array().expect("calls");
        total += 1;
        let ok = want.len() == got.len()
            && want
                .iter()
                .zip(&got)
                .all(|(w, g)| w["tool"] == g.tool.as_str() && same("args", &w["args"], &g.args));
        if !ok {
            let got_json: Vec<Value> = got
                .iter()
                .map(|c| serde_json::json!({"tool": c.tool, "args": c.args}))
                .collect();
            wrong.push(format!(
                "{text}\n   want {}\n   got  {}",
                Value::Array(want.clone()),
                Value::Array(got_json)
            ));
        }
    }
    (total - wrong.len(), total, wrong)
}

/// Scores a table, prints the share (and the misses with
/// `KCC_SHOW_MISSES` set) and fails below `floor` percent.
fn check(label: &str, data: &str, floor: f64) {
    let (right, total, wrong) = score(data);
    let share = 100.0 * right as f64 / total as f64;
    eprintln!("offline understanding, {label}: {right}/{total} = {share:.1} %");
    if std::env::var("KCC_SHOW_MISSES").is_ok() {
        eprintln!("{}", wrong.join("\n"));
    }
    assert!(
        share >= floor,
        "{share:.1} % right; wrong:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn understands_the_table() {
    check("own table", include_str!("data/utterances.jsonl"), 95.0);
}

/// Messages written without seeing the parser, by someone who did not write
/// it: a measure of how it does on messages it has never seen (83.1 % at
/// first sight). Reported, with a floor that catches regressions.
#[test]
fn understands_held_out_messages() {
    check(
        "held-out",
        include_str!("data/utterances_heldout.jsonl"),
        70.0,
    );
}

/// A second set written blind, measured once before any rule was changed
/// for it (69.2 % at first sight); reported, with a floor that catches
/// regressions.
#[test]
fn understands_a_second_blind_set() {
    check(
        "blind set 2",
        include_str!("data/utterances_blind2.jsonl"),
        70.0,
    );
}

/// A third set written blind (several varieties of English and Spanish,
/// long chatty messages), measured once before any rule changed for it:
/// 116/150 (77.3 %) at first sight; general rules since (no rule names a
/// message of the set). One expectation was corrected after review: "this
/// week" read on a Monday is 7 days, as in the engine's own table.
#[test]
fn understands_a_third_blind_set() {
    check(
        "blind set 3",
        include_str!("data/utterances_blind3.jsonl"),
        70.0,
    );
}

/// A fourth set written blind (half Spanish of several regions, e-mails,
/// dictation, corrections mid-message), measured once before any rule
/// changed for it: 102/150 (68.0 %) at first sight; general rules since.
/// Reported, with a floor that catches regressions.
#[test]
fn understands_a_fourth_blind_set() {
    check(
        "blind set 4",
        include_str!("data/utterances_blind4.jsonl"),
        70.0,
    );
}

/// A fifth set written blind (150 messages: Spanish of five countries,
/// UK/US/Australian English, mixed, e-mails, dictation, corrections,
/// messages that ask for nothing), measured once before any rule changed
/// for it: 101/150 (67.3 %) at first sight; general rules since.
/// Reported, with a floor that catches regressions.
#[test]
fn understands_a_fifth_blind_set() {
    check(
        "blind set 5",
        include_str!("data/utterances_blind5.jsonl"),
        80.0,
    );
}

/// A sixth set written blind (150 messages: voice-note transcriptions,
/// teenagers and grandparents, one-to-three-word messages, lists one item
/// per line, numbers in words, regional food names), measured once before
/// any rule changed for it: 93/150 (62.0 %) at first sight.
/// Reported, with a floor that catches regressions.
#[test]
fn understands_a_sixth_blind_set() {
    check(
        "blind set 6",
        include_str!("data/utterances_blind6.jsonl"),
        60.0,
    );
}
