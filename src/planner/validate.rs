//! Validation: every violated hard constraint and every goal outside
//! tolerance, in words a person understands, in the household's language.

use super::catalog::Catalog;
use super::constraints::Constraints;
use super::plan::{Plan, day_nutrition, planned_share};
use crate::domain::household::Language;
use chrono::{Datelike, NaiveDate, Weekday};
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
    lang: Language,
) -> Vec<Finding> {
    let es = lang.is_spanish();
    let mut out = Vec::new();
    for slot in &plan.slots {
        let Some(id) = slot.recipe.as_deref() else {
            continue;
        };
        let when = format!(
            "{} {} {}",
            day(slot.date, lang),
            slot.date,
            meal_word(slot.meal, lang)
        );
        let Some(pos) = catalog.position(id) else {
            out.push(Finding {
                goal: "constraint",
                message: if es {
                    format!("{when}: la receta \"{id}\" ya no está en el catálogo")
                } else {
                    format!("{when}: the recipe \"{id}\" is no longer in the catalog")
                },
            });
            continue;
        };
        let violations = constraints.violations(&catalog.facts[pos], slot.meal);
        if !violations.is_empty() {
            let words: Vec<String> = violations.iter().map(|v| v.text(lang)).collect();
            out.push(Finding {
                goal: "constraint",
                message: format!(
                    "{when}: {} {}",
                    catalog.recipes[pos].title(es),
                    words.join(if es { " y " } else { " and " })
                ),
            });
        }
    }
    out.extend(goal_findings(plan, targets, catalog, lang));
    out
}

fn day(date: NaiveDate, lang: Language) -> &'static str {
    lang.weekday(date.weekday())
}

fn meal_word(meal: crate::domain::recipe::MealType, lang: Language) -> &'static str {
    if lang.is_spanish() {
        meal.name_es()
    } else {
        meal.name()
    }
}

/// The soft goals outside tolerance.
pub fn goal_findings(
    plan: &Plan,
    targets: &Targets,
    catalog: &Catalog,
    lang: Language,
) -> Vec<Finding> {
    let es = lang.is_spanish();
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
                low.push(format!("{} ({:.0})", day(*d, lang), got));
            } else if dev > KCAL_TOLERANCE {
                high.push(format!("{} ({:.0})", day(*d, lang), got));
            }
        }
        let aim = match (share < 1.0, es) {
            (true, false) => format!(
                "{target:.0} kcal per person ({:.0} % of {kcal:.0} for the meals planned)",
                share * 100.0
            ),
            (true, true) => format!(
                "{target:.0} kcal por persona ({:.0} % de {kcal:.0} para las comidas planificadas)",
                share * 100.0
            ),
            (false, false) => format!("{target:.0} kcal per person"),
            (false, true) => format!("{target:.0} kcal por persona"),
        };
        for (list, en, es_word) in [
            (&low, "below", "por debajo de"),
            (&high, "above", "por encima de"),
        ] {
            if list.is_empty() {
                continue;
            }
            out.push(Finding {
                goal: "calories",
                message: if es {
                    format!(
                        "{} {es_word} {aim} en más de un 10 %: {}",
                        days_word(list.len(), lang),
                        list.join(", ")
                    )
                } else {
                    format!(
                        "{} {en} {aim} by more than 10 %: {}",
                        days_word(list.len(), lang),
                        list.join(", ")
                    )
                },
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
                (got < target * 0.9).then(|| format!("{} ({got:.0} g)", day(*d, lang)))
            })
            .collect();
        if !short.is_empty() {
            let days = days_word(short.len(), lang);
            let list = short.join(", ");
            out.push(Finding {
                goal: "protein",
                message: if es {
                    format!("{days} por debajo de {target:.0} g de proteína por persona: {list}")
                } else {
                    format!("{days} under {target:.0} g of protein per person: {list}")
                },
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
            .map(|id| catalog.get(id).map_or(*id, |r| r.title(es)))
            .collect();
        out.push(Finding {
            goal: "variety",
            message: if es {
                format!("se repiten esta semana: {}", names.join(", "))
            } else {
                format!("repeated this week: {}", names.join(", "))
            },
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
            let note = match (unknown > 0, es) {
                (false, _) => String::new(),
                (true, false) => format!(" (and {unknown} meals with unknown prices)"),
                (true, true) => format!(" (y {unknown} comidas sin precio conocido)"),
            };
            out.push(Finding {
                goal: "budget",
                message: if es {
                    format!(
                        "las comidas cuestan unos {cost:.0}, más que el presupuesto de {budget:.0}{note}"
                    )
                } else {
                    format!("the meals cost about {cost:.0}, over the budget of {budget:.0}{note}")
                },
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
                (r.spec.minutes > 30).then(|| {
                    format!(
                        "{} {} ({} min)",
                        day(s.date, lang),
                        meal_word(s.meal, lang),
                        r.spec.minutes
                    )
                })
            })
            .collect();
        if !slow.is_empty() {
            let list = slow.join(", ");
            out.push(Finding {
                goal: "time",
                message: if es {
                    format!("comidas entre semana de más de 30 minutos: {list}")
                } else {
                    format!("weekday meals over 30 minutes: {list}")
                },
            });
        }
    }
    out
}

fn days_word(n: usize, lang: Language) -> String {
    match (n, lang) {
        (1, Language::En) => "1 day is".to_string(),
        (n, Language::En) => format!("{n} days are"),
        (1, Language::Es) => "1 día queda".to_string(),
        (n, Language::Es) => format!("{n} días quedan"),
    }
}
