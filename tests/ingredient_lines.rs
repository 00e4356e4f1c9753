//! The ingredient-line parser against a table of real-world lines in
//! English and Spanish (`tests/data/ingredient_lines.tsv`).
//!
//! Columns (tab-separated): line, amount (`2.5`, a range `2-3`, or empty
//! when the line has none), unit (a canonical symbol, `piece` for counted
//! things, empty when there is no amount), food (the canonical name, or
//! `?words` for a food the table does not know, named by those words),
//! preparation (empty for none), extras (comma-separated: `to_taste`,
//! `optional`, `package=14 oz`, `size=large`).

use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::ingredient::parse_line;
use kecarajocomer::domain::measure::Size;
use kecarajocomer::domain::units::Unit;

#[test]
fn parses_the_table_of_lines() {
    let table = FoodTable::builtin();
    let data = include_str!("data/ingredient_lines.tsv");
    let mut failures = Vec::new();
    let mut total = 0;
    for (n, row) in data.lines().enumerate() {
        if row.trim().is_empty() || row.starts_with('#') {
            continue;
        }
        total += 1;
        let cols: Vec<&str> = row.split('\t').collect();
        assert!(cols.len() >= 5, "line {}: needs 5 columns: {row:?}", n + 1);
        let (line, amount, unit, food, prep) = (cols[0], cols[1], cols[2], cols[3], cols[4]);
        let extras: Vec<&str> = cols
            .get(5)
            .map(|e| {
                e.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let got = match parse_line(line, table) {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{line:?}: error {e}"));
                continue;
            }
        };
        let mut wrong = Vec::new();
        let (want_amount, want_max) = match amount.split_once('-') {
            Some((a, b)) if !a.is_empty() => (
                Some(a.parse::<f64>().unwrap()),
                Some(b.parse::<f64>().unwrap()),
            ),
            _ if amount.is_empty() => (None, None),
            _ => (Some(amount.parse::<f64>().unwrap()), None),
        };
        let close = |a: f64, b: f64| (a - b).abs() < 0.011;
        match (want_amount, got.quantity) {
            (None, None) => {}
            (Some(w), Some(q)) => {
                if !close(w, q.amount) {
                    wrong.push(format!("amount {} != {w}", q.amount));
                }
                match (want_max, q.max) {
                    (None, None) => {}
                    (Some(w), Some(m)) if close(w, m) => {}
                    (w, m) => wrong.push(format!("max {m:?} != {w:?}")),
                }
                let want_unit: Unit = unit
                    .parse()
                    .unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
                if q.unit != want_unit {
                    wrong.push(format!("unit {} != {want_unit}", q.unit));
                }
            }
            (w, q) => wrong.push(format!("quantity {q:?} != {w:?}")),
        }
        let food_ok = match food.strip_prefix('?') {
            Some(name) => got.food.is_none() && got.name == name,
            None => got.food.is_some() && got.name == food,
        };
        if !food_ok {
            wrong.push(format!(
                "food {:?} (known: {}) != {food:?}",
                got.name,
                got.food.is_some()
            ));
        }
        let got_prep = got.preparation.clone().unwrap_or_default();
        if got_prep != prep {
            wrong.push(format!("preparation {got_prep:?} != {prep:?}"));
        }
        for extra in &extras {
            let ok = match *extra {
                "to_taste" => got.to_taste,
                "optional" => got.optional,
                e if e.starts_with("package=") => {
                    let want = &e["package=".len()..];
                    got.package
                        .map(|p| format!("{} {}", p.amount, p.unit.symbol()))
                        .as_deref()
                        == Some(want)
                }
                "size=small" => got.size == Some(Size::Small),
                "size=medium" => got.size == Some(Size::Medium),
                "size=large" => got.size == Some(Size::Large),
                other => panic!("line {}: unknown extra {other}", n + 1),
            };
            if !ok {
                wrong.push(format!("missing {extra}"));
            }
        }
        if !extras.contains(&"to_taste") && got.to_taste {
            wrong.push("unexpected to_taste".into());
        }
        if !wrong.is_empty() {
            failures.push(format!("{line:?}: {}", wrong.join("; ")));
        }
    }
    assert!(
        total >= 200,
        "the table should hold 200+ lines, has {total}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} lines parsed wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
