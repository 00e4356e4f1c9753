//! Plans: days × meals, each slot a recipe with servings; nutrition per
//! slot, day and week, per person.

use super::catalog::Catalog;
use crate::domain::nutrition::Nutrients;
use crate::domain::recipe::MealType;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One meal of one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub date: NaiveDate,
    pub meal: MealType,
    /// The recipe id; `None` when no recipe fits (or the slot was cleared).
    pub recipe: Option<String>,
    /// How many people eat this meal.
    pub people: u32,
    /// Servings of the recipe cooked for the slot: people × portion.
    pub servings: f64,
    #[serde(default)]
    pub cooked: bool,
    /// Set when this slot eats the leftovers of the same recipe cooked on that date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leftover_of: Option<NaiveDate>,
}

impl Slot {
    /// Servings each person eats (1.0 is one recipe serving).
    pub fn portion(&self) -> f64 {
        if self.people == 0 {
            0.0
        } else {
            self.servings / f64::from(self.people)
        }
    }
}

/// A goal the planner could not meet, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relaxed {
    /// Which goal: "slot", "variety", "calories", "protein", "budget", "time", "pantry".
    pub goal: String,
    pub message: String,
}

/// A plan for `days` days from `start`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub start: NaiveDate,
    pub days: u32,
    pub meals: Vec<MealType>,
    /// Sorted by date, then meal.
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub relaxed: Vec<Relaxed>,
}

impl Plan {
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..self.days).map(move |i| self.start + chrono::Days::new(u64::from(i)))
    }

    pub fn slot(&self, date: NaiveDate, meal: MealType) -> Option<&Slot> {
        self.slots.iter().find(|s| s.date == date && s.meal == meal)
    }

    pub fn slot_mut(&mut self, date: NaiveDate, meal: MealType) -> Option<&mut Slot> {
        self.slots
            .iter_mut()
            .find(|s| s.date == date && s.meal == meal)
    }

    /// Keeps slots in date and meal order.
    pub fn sort(&mut self) {
        self.slots.sort_by_key(|s| (s.date, s.meal));
    }
}

/// Share of a day's energy each meal usually carries.
pub fn meal_share(meal: MealType) -> f64 {
    match meal {
        MealType::Breakfast => 0.25,
        MealType::Lunch => 0.35,
        MealType::Dinner => 0.30,
        MealType::Snack => 0.10,
    }
}

/// The share of a day's target that the planned meals should cover: the
/// whole day when breakfast, lunch and dinner are all planned, else the
/// sum of their usual shares ("dinners only" aim at 30 % of the day).
pub fn planned_share(meals: &[MealType]) -> f64 {
    let main = [MealType::Breakfast, MealType::Lunch, MealType::Dinner];
    if main.iter().all(|m| meals.contains(m)) {
        1.0
    } else {
        meals.iter().map(|m| meal_share(*m)).sum::<f64>().min(1.0)
    }
}

/// What one person eats in a slot.
pub fn slot_nutrition(slot: &Slot, catalog: &Catalog) -> Nutrients {
    match slot.recipe.as_deref().and_then(|id| catalog.get(id)) {
        Some(r) => r.per_serving * slot.portion(),
        None => Nutrients::default(),
    }
}

/// What one person eats on a date.
pub fn day_nutrition(plan: &Plan, date: NaiveDate, catalog: &Catalog) -> Nutrients {
    plan.slots
        .iter()
        .filter(|s| s.date == date)
        .map(|s| slot_nutrition(s, catalog))
        .sum()
}

/// Nutrition of one day for one person, against their targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayNutrition {
    pub date: NaiveDate,
    pub per_person: Nutrients,
    /// The share of the daily targets the planned meals should cover.
    pub kcal_target: Option<f64>,
    pub protein_target: Option<f64>,
}

/// Nutrition per day and for the whole plan, per person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NutritionReport {
    pub days: Vec<DayNutrition>,
    pub week_per_person: Nutrients,
    pub daily_average: Nutrients,
}

/// Per-person nutrition of a plan against daily targets (kcal, protein g).
pub fn nutrition(
    plan: &Plan,
    catalog: &Catalog,
    kcal_per_day: Option<f64>,
    protein_per_day: Option<f64>,
) -> NutritionReport {
    let share = planned_share(&plan.meals);
    let days: Vec<DayNutrition> = plan
        .dates()
        .map(|date| DayNutrition {
            date,
            per_person: day_nutrition(plan, date, catalog),
            kcal_target: kcal_per_day.map(|k| k * share),
            protein_target: protein_per_day.map(|p| p * share),
        })
        .collect();
    let week: Nutrients = days.iter().map(|d| d.per_person).sum();
    let n = days.len().max(1) as f64;
    NutritionReport {
        days,
        week_per_person: week,
        daily_average: week * (1.0 / n),
    }
}

/// The plan as the `plan --json` contract: days with slots (recipe facts,
/// servings, kcal and protein per person), day totals per person, and what
/// was relaxed.
pub fn to_json(
    plan: &Plan,
    catalog: &Catalog,
    table: &crate::domain::food::FoodTable,
) -> serde_json::Value {
    use serde_json::json;
    let days: Vec<serde_json::Value> = plan
        .dates()
        .map(|date| {
            let slots: Vec<serde_json::Value> = plan
                .slots
                .iter()
                .filter(|s| s.date == date)
                .map(|s| {
                    let n = slot_nutrition(s, catalog);
                    let recipe = s.recipe.as_deref().and_then(|id| catalog.get(id)).map(|r| {
                        let scaled = r.scaled_by(s.servings / f64::from(r.spec.servings.max(1)), table);
                        json!({
                            "id": r.id(),
                            "title": r.spec.title,
                            "title_es": r.spec.title_es,
                            "minutes": r.spec.minutes,
                            "tags": r.spec.tags,
                            "diets": r.diets(),
                            "allergens": r.allergens(),
                            "ingredients": scaled.ingredients.iter().map(crate::domain::recipe::ingredient_text).collect::<Vec<_>>(),
                        })
                    });
                    json!({
                        "meal": s.meal,
                        "recipe": recipe,
                        "servings": s.servings,
                        "people": s.people,
                        "leftover_of": s.leftover_of,
                        "cooked": s.cooked,
                        "kcal": n.kcal.round(),
                        "protein_g": (n.protein_g * 10.0).round() / 10.0,
                    })
                })
                .collect();
            let n = day_nutrition(plan, date, catalog);
            json!({
                "date": date,
                "slots": slots,
                "kcal": n.kcal.round(),
                "protein_g": (n.protein_g * 10.0).round() / 10.0,
            })
        })
        .collect();
    json!({ "days": days, "relaxed": plan.relaxed })
}

/// The plan as a compact table, one block per day, kcal per person.
pub fn to_text(plan: &Plan, catalog: &Catalog, spanish: bool) -> String {
    use chrono::Datelike;
    const DAYS_ES: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];
    let day = |d: NaiveDate| {
        if spanish {
            format!(
                "{} {}",
                DAYS_ES[d.weekday().num_days_from_monday() as usize],
                d.format("%d/%m")
            )
        } else {
            format!("{} {}", d.weekday(), d.format("%Y-%m-%d"))
        }
    };
    let mut out = String::new();
    for date in plan.dates() {
        let n = day_nutrition(plan, date, catalog);
        let per = if spanish {
            "g de proteína por persona"
        } else {
            "g protein per person"
        };
        out.push_str(&format!(
            "{}   {:.0} kcal, {:.0} {per}\n",
            day(date),
            n.kcal,
            n.protein_g
        ));
        for s in plan.slots.iter().filter(|s| s.date == date) {
            let meal = if spanish {
                s.meal.name_es()
            } else {
                s.meal.name()
            };
            match s.recipe.as_deref().and_then(|id| catalog.get(id)) {
                Some(r) => {
                    let extra = match (s.leftover_of, spanish) {
                        (Some(d), false) => format!("  (leftovers of {})", day(d)),
                        (Some(d), true) => format!("  (sobras del {})", day(d)),
                        (None, _) => String::new(),
                    };
                    out.push_str(&format!(
                        "  {:<10} {:<46} {:>3} min  {:>4} {}  {:>4.0} kcal{extra}\n",
                        meal,
                        r.title(spanish),
                        r.spec.minutes,
                        crate::domain::quantity::format_amount(s.servings),
                        if spanish { "porciones" } else { "servings" },
                        slot_nutrition(s, catalog).kcal
                    ));
                }
                None => out.push_str(&format!(
                    "  {meal:<10} {}\n",
                    if spanish {
                        "(ninguna receta encaja)"
                    } else {
                        "(nothing fits)"
                    }
                )),
            }
        }
    }
    for r in &plan.relaxed {
        out.push_str(&format!(
            "{} {}\n",
            if spanish { "nota:" } else { "note:" },
            r.message
        ));
    }
    out
}
