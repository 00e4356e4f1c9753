//! Recipe import against 100 real recipe pages (recipe-scrapers test data):
//! title and ingredient lines must match what careful extraction finds, and
//! a page that does not match must fail with an error, never with wrong data.

mod common;

use kecarajocomer::import::{ImportError, ImportedRecipe, from_html};
use serde_json::Value;
use std::path::PathBuf;

fn pages_dir() -> PathBuf {
    common::recipe_pages_dir()
}

/// Whitespace runs (also no-break and zero-width spaces) to one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if matches!(
            ch,
            '\u{200B}' | '\u{FEFF}' | '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
        ) {
            continue;
        }
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(ch);
    }
    out
}

fn lines(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|l| collapse(l))
        .filter(|l| !l.is_empty())
        .collect()
}

fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

enum Outcome {
    Matched,
    /// The importer refused the page.
    Refused(ImportError),
    /// The importer returned data that differs from the expectation.
    Wrong(String),
    Panicked,
}

fn check(name: &str, expected: &Value, got: &ImportedRecipe, notes: &mut Vec<String>) -> Outcome {
    let want_title = collapse(expected["title"].as_str().unwrap_or(""));
    // A list of lines, or (in a few files) one string with a line each.
    let want_ingredients: Vec<String> = match &expected["ingredients"] {
        Value::Array(a) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Value::String(s) => s.lines().map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let want_ingredients = lines(&want_ingredients);
    let got_title = collapse(&got.title);
    let got_ingredients = lines(&got.ingredients);

    // Reported only.
    let want_time = expected["total_time"].as_u64();
    if want_time != got.total_time.map(u64::from) {
        notes.push(format!(
            "{name}: total_time expected {want_time:?}, got {:?}",
            got.total_time
        ));
    }
    let want_lang = expected["language"].as_str().map(primary);
    if want_lang != got.language.clone() {
        notes.push(format!(
            "{name}: language expected {want_lang:?}, got {:?}",
            got.language
        ));
    }

    let mut problems = Vec::new();
    if want_title != got_title {
        problems.push(format!("title {want_title:?} != {got_title:?}"));
    }
    if want_ingredients != got_ingredients {
        let first_diff = want_ingredients
            .iter()
            .zip(&got_ingredients)
            .position(|(a, b)| a != b);
        problems.push(match first_diff {
            Some(i) => format!(
                "ingredient {i}: expected {:?}, got {:?}",
                want_ingredients[i], got_ingredients[i]
            ),
            None => format!(
                "ingredient count: expected {}, got {}",
                want_ingredients.len(),
                got_ingredients.len()
            ),
        });
    }
    if problems.is_empty() {
        Outcome::Matched
    } else {
        Outcome::Wrong(problems.join("; "))
    }
}

/// Pages whose expected title or ingredients cannot be read from the page's
/// schema.org data or its visible ingredient list without rules for one
/// site: the recipe-scrapers expectations come from site-specific scrapers.
const KNOWN_MISSES: &[(&str, &str)] = &[
    (
        "alittlebityummy.com__alittlebityummy_1",
        "Recipe without ingredients; the expected lines are built from data attributes \
         (amounts and units the visible lines lack), so the page is refused",
    ),
    (
        "homechef.com__homechef",
        "expected lines start with an icon's SVG <title> \"Info\", which is no visible text",
    ),
    (
        "matprat.no__matprat_1",
        "JSON-LD \"4 båter\", the HTML (expected) \"4 båt\": the same list in other words, \
         and preferring the page's list whenever the counts match breaks 49 pages that match now",
    ),
    (
        "taste.com.au__tasteau_1",
        "expected lines are the lowercased data-raw-ingredient attributes, with brand names \
         the JSON-LD lacks and in other case than the visible text",
    ),
    (
        "xiachufang.com__xiachufang_1",
        "JSON-LD name is a short name (expected: the page heading), and the expected lines \
         put the amount cell before the name cell the page shows first",
    ),
];

/// The brief asks for at least 95 of the 100 pages.
const MIN_MATCHED: usize = 95;

#[test]
fn recipe_pages_import_as_expected() {
    let dir = pages_dir();
    assert!(
        dir.is_dir(),
        "the recipe pages folder {} is missing: it holds the 100 test pages (SITE__NAME.html + .expected.json)",
        dir.display()
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no *.html pages in {}", dir.display());

    let mut matched = 0;
    let mut refused = Vec::new();
    let mut wrong = Vec::new();
    let mut panicked = Vec::new();
    let mut notes = Vec::new();
    for page in &pages {
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".html").to_string())
            .unwrap_or_default();
        let html =
            std::fs::read(page).unwrap_or_else(|e| panic!("cannot read {}: {e}", page.display()));
        let html = String::from_utf8_lossy(&html).into_owned();
        let expected_path = dir.join(format!("{name}.expected.json"));
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", expected_path.display())),
        )
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", expected_path.display()));

        let result = std::panic::catch_unwind(|| from_html(&html, None));
        let outcome = match result {
            Err(_) => Outcome::Panicked,
            Ok(Err(e)) => Outcome::Refused(e),
            Ok(Ok(recipe)) => check(&name, &expected, &recipe, &mut notes),
        };
        match outcome {
            Outcome::Matched => matched += 1,
            Outcome::Refused(e) => refused.push(format!("{name}: {e}")),
            Outcome::Wrong(why) => wrong.push(format!("{name}: {why}")),
            Outcome::Panicked => panicked.push(name),
        }
    }

    let total = pages.len();
    eprintln!("matched {matched}/{total}");
    for line in &refused {
        eprintln!("  refused   {line}");
    }
    for line in &wrong {
        eprintln!("  WRONG     {line}");
    }
    for line in &panicked {
        eprintln!("  PANICKED  {line}");
    }
    eprintln!(
        "reported only (total_time, language), {} differences:",
        notes.len()
    );
    for line in &notes {
        eprintln!("  {line}");
    }

    assert!(panicked.is_empty(), "pages that panicked: {panicked:#?}");
    let misses: Vec<&String> = refused.iter().chain(&wrong).collect();
    let unexpected: Vec<&&String> = misses
        .iter()
        .filter(|m| {
            !KNOWN_MISSES
                .iter()
                .any(|(page, _)| m.starts_with(&format!("{page}:")))
        })
        .collect();
    for (page, why) in KNOWN_MISSES {
        if !misses.iter().any(|m| m.starts_with(&format!("{page}:"))) {
            eprintln!("  known miss {page} now matches: take it off KNOWN_MISSES ({why})");
        }
    }
    assert!(
        unexpected.is_empty(),
        "pages that no longer match (refused or imported with other data): {unexpected:#?}"
    );
    assert!(
        matched >= MIN_MATCHED,
        "matched {matched}/{total}, need at least {MIN_MATCHED}; not matching: {misses:#?}"
    );
}
