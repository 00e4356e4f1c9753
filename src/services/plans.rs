//! Meal plans: generate a week, show it, edit it (replace, swap, set,
//! clear, cooked, leftovers) and undo. Every edit is stored as a change
//! that can be undone.

use super::{Kitchen, ServiceError, ServiceResult};
use crate::domain::flags::Diet;
use crate::domain::household::{Household, HouseholdId, Language};
use crate::domain::pantry::{self, LotChange, PantryItem, Subtraction};
use crate::domain::recipe::MealType;
use crate::planner::generate::pick_replacement;
use crate::planner::plan::{Plan, Slot};
use crate::planner::search::{Filters, search};
use crate::planner::validate::Targets;
use crate::planner::{Constraints, PlanRequest, generate};
use crate::store::{Change, ChangeRecord, PantryWrite, SlotWrite, Writes};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

/// What someone asked for when planning ("dinners for next week, nothing
/// over 30 minutes"). Absent values come from the household's preferences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanOptions {
    pub start: Option<NaiveDate>,
    pub days: Option<u32>,
    pub meals: Option<Vec<MealType>>,
    pub diets: Vec<Diet>,
    pub max_minutes: Option<u32>,
    pub people: Option<u32>,
    pub quick_weekdays: bool,
    pub seed: Option<u64>,
}

/// The daily energy plans balance around when nobody set a target.
pub const DEFAULT_KCAL_PER_DAY: f64 = 2000.0;

/// The most days one plan covers.
pub const MAX_PLAN_DAYS: u32 = 28;

/// The household's timezone (UTC when the zone is unknown).
pub fn household_tz(h: &Household) -> chrono_tz::Tz {
    h.preferences.timezone.parse().unwrap_or(chrono_tz::UTC)
}

/// Today in the household's timezone (UTC when the zone is unknown).
pub fn local_today(h: &Household, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&household_tz(h)).date_naive()
}

/// "el almuerzo", "la cena": the meal with its article.
fn meal_es(meal: MealType) -> String {
    let article = match meal {
        MealType::Breakfast | MealType::Lunch => "el",
        MealType::Dinner | MealType::Snack => "la",
    };
    format!("{article} {}", meal.name_es())
}

fn weekday_name_es(date: NaiveDate) -> String {
    format!(
        "{} {}",
        Language::Es.weekday(date.weekday()),
        date.format("%d/%m")
    )
}

fn weekday_name(date: NaiveDate) -> String {
    format!("{} {}", date.weekday(), date.format("%d %b"))
}

impl Kitchen {
    /// The constraints and targets for a household, with a request's extras.
    pub async fn planning_context(
        &self,
        h: &Household,
        opts: &PlanOptions,
    ) -> ServiceResult<(Constraints, Targets)> {
        let members = self.store.members(h.id).await?;
        let member_prefs: Vec<_> = members.iter().map(|m| m.preferences.clone()).collect();
        let mut c = Constraints::for_household(&h.preferences, &member_prefs, self.foods);
        for d in &opts.diets {
            c.add_diet(*d);
        }
        if let Some(m) = opts.max_minutes {
            c.max_minutes = Some(c.max_minutes.map_or(m, |x| x.min(m)));
        }
        let avg = |vals: Vec<u32>| {
            (!vals.is_empty())
                .then(|| vals.iter().map(|v| f64::from(*v)).sum::<f64>() / vals.len() as f64)
        };
        let mut targets = Targets {
            kcal_assumed: false,
            kcal_per_day: h
                .preferences
                .kcal_per_day
                .map(f64::from)
                .or_else(|| avg(member_prefs.iter().filter_map(|m| m.kcal_per_day).collect())),
            protein_per_day: h.preferences.protein_g_per_day.map(f64::from).or_else(|| {
                avg(member_prefs
                    .iter()
                    .filter_map(|m| m.protein_g_per_day)
                    .collect())
            }),
            budget_per_week: h.preferences.budget_per_week,
            quick_weekdays: opts.quick_weekdays,
        };
        if targets.kcal_per_day.is_none() {
            // Balanced days even when nobody set a target.
            targets.kcal_per_day = Some(DEFAULT_KCAL_PER_DAY);
            targets.kcal_assumed = true;
        }
        Ok((c, targets))
    }

    /// Generates a plan and stores it as the household's calendar for those
    /// days (an undoable change).
    pub async fn plan_week(
        &self,
        h: &Household,
        opts: &PlanOptions,
        now: DateTime<Utc>,
    ) -> ServiceResult<Plan> {
        let today = local_today(h, now);
        let days = opts.days.unwrap_or(7);
        if days == 0 || days > MAX_PLAN_DAYS {
            return Err(ServiceError::invalid(format!(
                "plan between 1 and {MAX_PLAN_DAYS} days, like 7"
            ))
            .es(format!(
                "planifico entre 1 y {MAX_PLAN_DAYS} días, por ejemplo 7"
            )));
        }
        let meals = match &opts.meals {
            Some(m) if !m.is_empty() => m.clone(),
            _ => vec![MealType::Breakfast, MealType::Lunch, MealType::Dinner],
        };
        let people = opts.people.unwrap_or(h.preferences.household_size).max(1);
        if people > 50 {
            return Err(ServiceError::invalid("plan for at most 50 people")
                .es("planifico para 50 personas como máximo"));
        }
        let (constraints, targets) = self.planning_context(h, opts).await?;
        let catalog = self.catalog_index(h.id).await?;
        let pantry = self.store.pantry(h.id).await?;
        let start = opts.start.unwrap_or(today);
        let req = PlanRequest {
            start,
            days,
            meals,
            people,
            constraints,
            targets,
            seed: opts.seed.unwrap_or_else(|| now.timestamp_micros() as u64),
            today,
            language: h.preferences.language,
        };
        let plan = generate(&req, &catalog, &pantry, self.foods);
        let end = start + Days::new(u64::from(days - 1));
        let before = self.store.plan_slots(h.id, start, end).await?;
        let mut apply = Writes::default();
        let mut undo = Writes::default();
        for d in plan.dates() {
            for m in &plan.meals {
                let new = plan.slot(d, *m).cloned().filter(|s| s.recipe.is_some());
                apply.slots.push(SlotWrite {
                    date: d,
                    meal: *m,
                    slot: new,
                });
                let old = before.iter().find(|s| s.date == d && s.meal == *m).cloned();
                undo.slots.push(SlotWrite {
                    date: d,
                    meal: *m,
                    slot: old,
                });
            }
        }
        let summary = format!("planned {} days from {}", days, weekday_name(start));
        self.store
            .record_change(h.id, &Change::new("plan", summary, apply, undo), now)
            .await?;
        Ok(plan)
    }

    /// The stored plan for `days` days from `start`, with the household's
    /// planned meal types.
    pub async fn stored_plan(
        &self,
        h: HouseholdId,
        start: NaiveDate,
        days: u32,
    ) -> ServiceResult<Plan> {
        let end = start + Days::new(u64::from(days.max(1) - 1));
        let slots = self.store.plan_slots(h, start, end).await?;
        let mut meals: Vec<MealType> = slots.iter().map(|s| s.meal).collect();
        meals.sort();
        meals.dedup();
        Ok(Plan {
            start,
            days: days.max(1),
            meals,
            slots,
            relaxed: Vec::new(),
        })
    }

    async fn slot_at(
        &self,
        h: HouseholdId,
        date: NaiveDate,
        meal: MealType,
    ) -> ServiceResult<Slot> {
        self.store
            .plan_slots(h, date, date)
            .await?
            .into_iter()
            .find(|s| s.meal == meal)
            .ok_or_else(|| {
                ServiceError::not_found(format!(
                    "nothing is planned for {meal} on {}: plan the week first",
                    weekday_name(date)
                ))
                .es(format!(
                    "no hay nada planeado para {} del {}: planificá la semana primero",
                    meal_es(meal),
                    weekday_name_es(date)
                ))
            })
    }

    async fn edit(
        &self,
        h: HouseholdId,
        kind: &str,
        summary: String,
        slots: Vec<(Option<Slot>, Option<Slot>, NaiveDate, MealType)>,
        now: DateTime<Utc>,
    ) -> ServiceResult<()> {
        let mut apply = Writes::default();
        let mut undo = Writes::default();
        for (before, after, date, meal) in slots {
            apply.slots.push(SlotWrite {
                date,
                meal,
                slot: after,
            });
            undo.slots.push(SlotWrite {
                date,
                meal,
                slot: before,
            });
        }
        self.store
            .record_change(
                h,
                &Change {
                    kind: kind.into(),
                    summary,
                    apply,
                    undo,
                },
                now,
            )
            .await?;
        Ok(())
    }

    /// Replaces one meal with another recipe that fits, optionally one that
    /// matches `query` ("something with fish", "pancakes").
    pub async fn replace_meal(
        &self,
        h: &Household,
        date: NaiveDate,
        meal: MealType,
        query: Option<&str>,
        now: DateTime<Utc>,
    ) -> ServiceResult<Slot> {
        let current = self
            .store
            .plan_slots(h.id, date, date)
            .await?
            .into_iter()
            .find(|s| s.meal == meal);
        let (constraints, targets) = self.planning_context(h, &PlanOptions::default()).await?;
        let catalog = self.catalog_index(h.id).await?;
        let week_start = date - Days::new(3);
        let plan = self.stored_plan(h.id, week_start, 7).await?;
        let current_id = current.as_ref().and_then(|s| s.recipe.clone());
        let mut candidates: Vec<usize> = match query.map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => search(
                &catalog,
                q,
                &[],
                &Filters::default(),
                self.foods,
                usize::MAX,
            )
            .into_iter()
            .map(|hit| hit.position)
            .collect(),
            None => (0..catalog.len()).collect(),
        };
        candidates.retain(|p| {
            constraints.allows(&catalog.facts[*p], meal)
                && Some(catalog.recipes[*p].id()) != current_id.as_deref()
        });
        let Some(pick) = pick_replacement(
            &plan,
            date,
            meal,
            &candidates,
            &catalog,
            &targets,
            now.timestamp_micros() as u64,
        ) else {
            let (en, es) = (
                constraints.describe(meal, Language::En),
                constraints.describe(meal, Language::Es),
            );
            return Err(match query {
                Some(q) => {
                    ServiceError::not_found(format!("no {en} recipe matches \"{}\"", q.trim()))
                        .es(format!("ninguna receta {es} coincide con \"{}\"", q.trim()))
                }
                None => ServiceError::not_found(format!("no other recipe is {en}"))
                    .es(format!("no hay otra receta {es}")),
            });
        };
        let people = current
            .as_ref()
            .map_or(h.preferences.household_size.max(1), |s| s.people);
        let new = Slot {
            date,
            meal,
            recipe: Some(catalog.recipes[pick].id().to_string()),
            people,
            servings: current
                .as_ref()
                .filter(|s| s.servings > 0.0)
                .map_or(f64::from(people), |s| s.servings),
            cooked: false,
            leftover_of: None,
        };
        let summary = format!(
            "{} {meal}: {}",
            weekday_name(date),
            catalog.recipes[pick].title(false)
        );
        self.edit(
            h.id,
            "replace",
            summary,
            vec![(current, Some(new.clone()), date, meal)],
            now,
        )
        .await?;
        Ok(new)
    }

    /// Swaps two meals of the plan.
    pub async fn swap_meals(
        &self,
        h: HouseholdId,
        a: (NaiveDate, MealType),
        b: (NaiveDate, MealType),
        now: DateTime<Utc>,
    ) -> ServiceResult<(Slot, Slot)> {
        if a == b {
            return Err(ServiceError::invalid("name two different meals to swap")
                .es("nombrá dos comidas distintas para intercambiar"));
        }
        let sa = self.slot_at(h, a.0, a.1).await?;
        let sb = self.slot_at(h, b.0, b.1).await?;
        let na = Slot {
            date: a.0,
            meal: a.1,
            ..sb.clone()
        };
        let nb = Slot {
            date: b.0,
            meal: b.1,
            ..sa.clone()
        };
        let summary = format!(
            "swapped {} {} and {} {}",
            weekday_name(a.0),
            a.1,
            weekday_name(b.0),
            b.1
        );
        self.edit(
            h,
            "swap",
            summary,
            vec![
                (Some(sa), Some(na.clone()), a.0, a.1),
                (Some(sb), Some(nb.clone()), b.0, b.1),
            ],
            now,
        )
        .await?;
        Ok((na, nb))
    }

    /// Puts a named recipe in a slot (checked against the constraints).
    pub async fn set_meal(
        &self,
        h: &Household,
        date: NaiveDate,
        meal: MealType,
        recipe: &str,
        now: DateTime<Utc>,
    ) -> ServiceResult<Slot> {
        let r = self.find_recipe(h.id, recipe).await?;
        let (constraints, _) = self.planning_context(h, &PlanOptions::default()).await?;
        let catalog = self.catalog_index(h.id).await?;
        let Some(pos) = catalog.position(r.id()) else {
            return Err(
                ServiceError::not_found(format!("there is no recipe called \"{recipe}\""))
                    .es(format!("no hay ninguna receta llamada \"{recipe}\"")),
            );
        };
        let broken: Vec<_> = constraints
            .violations(&catalog.facts[pos], meal)
            .into_iter()
            .filter(|v| !matches!(v, crate::planner::constraints::Violation::WrongMeal(_)))
            .collect();
        if !broken.is_empty() {
            let words = |lang: Language, and: &str| {
                let words: Vec<String> = broken.iter().map(|v| v.text(lang)).collect();
                words.join(and)
            };
            return Err(ServiceError::invalid(format!(
                "{} {}: pick another recipe",
                r.title(false),
                words(Language::En, " and ")
            ))
            .es(format!(
                "{} {}: elegí otra receta",
                r.title(true),
                words(Language::Es, " y ")
            )));
        }
        let current = self
            .store
            .plan_slots(h.id, date, date)
            .await?
            .into_iter()
            .find(|s| s.meal == meal);
        let people = current
            .as_ref()
            .map_or(h.preferences.household_size.max(1), |s| s.people);
        let new = Slot {
            date,
            meal,
            recipe: Some(r.id().to_string()),
            people,
            servings: f64::from(people),
            cooked: false,
            leftover_of: None,
        };
        let summary = format!("{} {meal}: {}", weekday_name(date), r.title(false));
        self.edit(
            h.id,
            "set",
            summary,
            vec![(current, Some(new.clone()), date, meal)],
            now,
        )
        .await?;
        Ok(new)
    }

    /// Empties a slot.
    pub async fn clear_meal(
        &self,
        h: HouseholdId,
        date: NaiveDate,
        meal: MealType,
        now: DateTime<Utc>,
    ) -> ServiceResult<Slot> {
        let current = self.slot_at(h, date, meal).await?;
        let summary = format!("cleared {} {meal}", weekday_name(date));
        self.edit(
            h,
            "clear",
            summary,
            vec![(Some(current.clone()), None, date, meal)],
            now,
        )
        .await?;
        Ok(current)
    }

    /// Marks a meal cooked and deducts what it used from the pantry; returns
    /// each ingredient's subtraction (with what was short).
    pub async fn cooked(
        &self,
        h: HouseholdId,
        date: NaiveDate,
        meal: MealType,
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<Subtraction>> {
        let slot = self.slot_at(h, date, meal).await?;
        if slot.cooked {
            return Err(ServiceError::invalid(format!(
                "{} {meal} is already marked cooked",
                weekday_name(date)
            ))
            .es(format!(
                "{} ({}) ya está marcado como cocinado",
                weekday_name_es(date),
                meal.name_es()
            )));
        }
        let Some(id) = slot.recipe.clone() else {
            return Err(ServiceError::not_found(format!(
                "nothing is planned for {meal} on {}",
                weekday_name(date)
            ))
            .es(format!(
                "no hay nada planeado para {} del {}",
                meal_es(meal),
                weekday_name_es(date)
            )));
        };
        let items = self.store.pantry(h).await?;
        let subs = if slot.leftover_of.is_some() {
            Vec::new()
        } else {
            let catalog = self.catalog_index(h).await?;
            let recipe = catalog.get(&id).ok_or_else(|| {
                ServiceError::not_found(format!("the recipe \"{id}\" is no longer in the catalog"))
                    .es(format!("la receta \"{id}\" ya no está en el catálogo"))
            })?;
            pantry::consume(&items, recipe, slot.servings, self.foods)
        };
        let mut apply = Writes::default();
        let mut undo = Writes::default();
        let mut touched: Vec<i64> = Vec::new();
        let mut state: Vec<PantryItem> = items.clone();
        for sub in &subs {
            pantry::apply(&mut state, &sub.changes);
            for c in &sub.changes {
                let lot = match c {
                    LotChange::Remove { id } | LotChange::SetAmount { id, .. } => *id,
                };
                if !touched.contains(&lot) {
                    touched.push(lot);
                }
            }
        }
        for lot in &touched {
            match state.iter().find(|i| i.id == *lot) {
                Some(item) => apply.pantry.push(PantryWrite::SetAmount {
                    id: *lot,
                    amount: item.amount,
                }),
                None => apply.pantry.push(PantryWrite::Remove { id: *lot }),
            }
            if let Some(before) = items.iter().find(|i| i.id == *lot) {
                undo.pantry.push(PantryWrite::Restore(before.clone()));
            }
        }
        apply.slots.push(SlotWrite {
            date,
            meal,
            slot: Some(Slot {
                cooked: true,
                ..slot.clone()
            }),
        });
        undo.slots.push(SlotWrite {
            date,
            meal,
            slot: Some(slot),
        });
        let summary = format!("cooked {} {meal}", weekday_name(date));
        self.store
            .record_change(h, &Change::new("cooked", summary, apply, undo), now)
            .await?;
        Ok(subs)
    }

    /// Cook double and eat the rest the next day: the slot's servings double
    /// and the same meal the next day becomes its leftovers.
    pub async fn leftovers(
        &self,
        h: HouseholdId,
        date: NaiveDate,
        meal: MealType,
        now: DateTime<Utc>,
    ) -> ServiceResult<Slot> {
        let slot = self.slot_at(h, date, meal).await?;
        let Some(recipe) = slot.recipe.clone() else {
            return Err(ServiceError::not_found(format!(
                "nothing is planned for {meal} on {}",
                weekday_name(date)
            ))
            .es(format!(
                "no hay nada planeado para {} del {}",
                meal_es(meal),
                weekday_name_es(date)
            )));
        };
        let next_day = date + Days::new(1);
        let next = self
            .store
            .plan_slots(h, next_day, next_day)
            .await?
            .into_iter()
            .find(|s| s.meal == meal);
        let doubled = Slot {
            servings: slot.servings * 2.0,
            ..slot.clone()
        };
        let leftover = Slot {
            date: next_day,
            meal,
            recipe: Some(recipe),
            people: slot.people,
            servings: slot.servings,
            cooked: false,
            leftover_of: Some(date),
        };
        let summary = format!(
            "{} {meal}: leftovers of {}",
            weekday_name(next_day),
            weekday_name(date)
        );
        self.edit(
            h,
            "leftovers",
            summary,
            vec![
                (Some(slot), Some(doubled), date, meal),
                (next, Some(leftover.clone()), next_day, meal),
            ],
            now,
        )
        .await?;
        Ok(leftover)
    }

    /// Reverts the household's most recent change.
    pub async fn undo(&self, h: HouseholdId, now: DateTime<Utc>) -> ServiceResult<ChangeRecord> {
        self.store.undo_last(h, now).await?.ok_or_else(|| {
            ServiceError::not_found("there is nothing to undo").es("no hay nada para deshacer")
        })
    }

    /// Adds what the planned, not yet cooked meals from `start` need beyond
    /// the pantry to the shopping list.
    pub async fn shopping_for_plan(
        &self,
        h: HouseholdId,
        start: NaiveDate,
        days: u32,
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<crate::domain::shopping::ShoppingItem>> {
        let plan = self.stored_plan(h, start, days).await?;
        let catalog = self.catalog_index(h).await?;
        let recipes: Vec<(&crate::domain::recipe::Recipe, f64)> = plan
            .slots
            .iter()
            .filter(|s| !s.cooked && s.leftover_of.is_none())
            .filter_map(|s| Some((catalog.get(s.recipe.as_deref()?)?, s.servings)))
            .collect();
        if recipes.is_empty() {
            return Err(ServiceError::not_found(
                "nothing left to cook in that plan: plan the week first",
            )
            .es("no queda nada por cocinar en ese plan: planificá la semana primero"));
        }
        self.shopping_add_for(h, &recipes, now).await
    }
}
