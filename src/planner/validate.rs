//! Validation: every violated hard constraint and every goal outside
//! tolerance, in words a person understands.

use super::catalog::Catalog;
use super::constraints::Constraints;
use super::plan::{Plan, day_nutrition, planned_share};
use chrono::{Datelike, Weekday};
use serde::{Deserialize, Serialize};

/// The soft goals of a plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    /// Energy per person per day.
    pub kcal_per_day: Option<f64>,
    /// True when nobody set `kcal_per_day` and it is the default the
    /// planner balances days around; it is then not reported as a goal.
    #[serde(default)]
    pub kcal_assumed: bool,
    /// Protein per person per day, grams.
    pub protein_per_day: Option<f64>,
    /// Money for the week's meals (same currency as food prices).
    pub budget_per_week: Option<f64>,
    /// Prefer recipes of 30 minutes or less Monday to Friday.
    pub quick_weekdays: bool,
}

/// Tolerance around the calorie target.
pub const KCAL_TOLERANCE: f64 = 0.10;

/// One problem with a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// "constraint" for a broken hard constraint, else the goal's name.
    pub goal: &'static str,
    pub message: String,
}

/// Everything wrong with a plan: broken hard constraints first, then goals
/// outside tolerance.
pub fn validate(
    plan: &Plan,
    constraints: &Constraints,
    targets: &Targets,
    catalog: &Catalog,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for slot in &plan.slots {
        let Some(id) = slot.recipe.as_deref() else {
            continue;
        };
        let when = format!("{} {} {}", slot.date.weekday(), slot.date, slot.meal);
        let Some(pos) = catalog.position(id) else {
            out.push(Finding {
                goal: "constraint",
                message: format!("{when}: the recipe \"{id}\" is no longer in the catalog"),
            });
            continue;
        };
        let violations = constraints.violations(&catalog.facts[pos], slot.meal);
        if !violations.is_empty() {
            let words: Vec<String> = violations.iter().map(ToString::to_string).collect();
            out.push(Finding {
                goal: "constraint",
                message: format!(
                    "{when}: {} {}",
                    catalog.recipes[pos].title(false),
                    words.join(" and ")
                ),
            });
        }
    }
    out.extend(goal_findings(plan, targets, catalog));
    out
}

/// The soft goals outside tolerance.
pub fn goal_findings(plan: &Plan, targets: &Targets, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    let share = planned_share(&plan.meals);
    let days: Vec<_> = plan.dates().collect();

    if let Some(kcal) = targets
        .kcal_per_day
        .filter(|k| *k > 0.0 && !targets.kcal_assumed)
    {
        let target = kcal * share;
        let mut low = Vec::new();
        let mut high = Vec::new();
        for d in &days {
            let got = day_nutrition(plan, *d, catalog).kcal;
            if plan
                .slots
                .iter()
                .all(|s| s.date != *d || s.recipe.is_none())
            {
                continue;
            }
            let dev = (got - target) / target;
            if dev < -KCAL_TOLERANCE {
                low.push(format!("{} ({:.0})", d.weekday(), got));
            } else if dev > KCAL_TOLERANCE {
                high.push(format!("{} ({:.0})", d.weekday(), got));
            }
        }
        let aim = if share < 1.0 {
            format!(
                "{target:.0} kcal per person ({:.0} % of {kcal:.0} for the meals planned)",
                share * 100.0
            )
        } else {
            format!("{target:.0} kcal per person")
        };
        if !low.is_empty() {
            out.push(Finding {
                goal: "calories",
                message: format!(
                    "{} below {aim} by more than 10 %: {}",
                    days_word(low.len()),
                    low.join(", ")
                ),
            });
        }
        if !high.is_empty() {
            out.push(Finding {
                goal: "calories",
                message: format!(
                    "{} above {aim} by more than 10 %: {}",
                    days_word(high.len()),
                    high.join(", ")
                ),
            });
        }
    }
    if let Some(protein) = targets.protein_per_day.filter(|p| *p > 0.0) {
        let target = protein * share;
        let short: Vec<String> = days
            .iter()
            .filter(|d| {
                plan.slots
                    .iter()
                    .any(|s| s.date == **d && s.recipe.is_some())
            })
            .filter_map(|d| {
                let got = day_nutrition(plan, *d, catalog).protein_g;
                (got < target * 0.9).then(|| format!("{} ({got:.0} g)", d.weekday()))
            })
            .collect();
        if !short.is_empty() {
            out.push(Finding {
                goal: "protein",
                message: format!(
                    "{} under {target:.0} g of protein per person: {}",
                    days_word(short.len()),
                    short.join(", ")
                ),
            });
        }
    }
    // Variety: the same recipe more than once.
    let mut ids: Vec<&str> = plan
        .slots
        .iter()
        .filter_map(|s| s.recipe.as_deref())
        .collect();
    let leftovers: Vec<&str> = plan
        .slots
        .iter()
        .filter(|s| s.leftover_of.is_some())
        .filter_map(|s| s.recipe.as_deref())
        .collect();
    ids.sort_unstable();
    let mut repeated: Vec<&str> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    repeated.dedup();
    repeated.retain(|id| !leftovers.contains(id));
    if !repeated.is_empty() {
        let names: Vec<&str> = repeated
            .iter()
            .map(|id| catalog.get(id).map_or(*id, |r| r.title(false)))
            .collect();
        out.push(Finding {
            goal: "variety",
            message: format!("repeated this week: {}", names.join(", ")),
        });
    }
    if let Some(budget) = targets.budget_per_week.filter(|b| *b > 0.0) {
        let mut cost = 0.0;
        let mut unknown = 0;
        for s in &plan.slots {
            let Some(r) = s.recipe.as_deref().and_then(|id| catalog.get(id)) else {
                continue;
            };
            if s.leftover_of.is_some() {
                continue;
            }
            match r.cost_per_serving {
                Some(c) => cost += c * s.servings,
                None => unknown += 1,
            }
        }
        let budget = budget * f64::from(plan.days) / 7.0;
        if cost > budget {
            let note = if unknown > 0 {
                format!(" (and {unknown} meals with unknown prices)")
            } else {
                String::new()
            };
            out.push(Finding {
                goal: "budget",
                message: format!(
                    "the meals cost about {cost:.0}, over the budget of {budget:.0}{note}"
                ),
            });
        }
    }
    if targets.quick_weekdays {
        let slow: Vec<String> = plan
            .slots
            .iter()
            .filter(|s| !matches!(s.date.weekday(), Weekday::Sat | Weekday::Sun))
            .filter_map(|s| {
                let r = catalog.get(s.recipe.as_deref()?)?;
                (r.spec.minutes > 30)
                    .then(|| format!("{} {} ({} min)", s.date.weekday(), s.meal, r.spec.minutes))
            })
            .collect();
        if !slow.is_empty() {
            out.push(Finding {
                goal: "time",
                message: format!("weekday meals over 30 minutes: {}", slow.join(", ")),
            });
        }
    }
    out
}

fn days_word(n: usize) -> String {
    if n == 1 {
        "1 day is".to_string()
    } else {
        format!("{n} days are")
    }
}
