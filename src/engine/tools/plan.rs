//! Plan tools: plan_week, show_plan, replace_meal, swap_meals, cooked,
//! nutrition_summary.

use super::{Context, Output, ToolError, ToolResult, date_arg};
use crate::domain::flags::Diet;
use crate::domain::recipe::MealType;
use crate::planner::plan::{Plan, nutrition, to_text};
use crate::services::plans::PlanOptions;
use chrono::{Datelike, Days, NaiveDate};
use kecarajocomer_channel::Button;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct PlanWeek {
    /// First day, YYYY-MM-DD (default: today).
    pub start: Option<String>,
    /// How many days, 1 to 28 (default 7).
    pub days: Option<u32>,
    /// Meals to plan (default breakfast, lunch and dinner).
    pub meals: Option<Vec<MealType>>,
    /// A diet for this plan, on top of the household's.
    pub diet: Option<Diet>,
    /// Longest time per recipe, minutes.
    pub max_minutes: Option<u32>,
    /// How many people each meal serves (default: the household size).
    pub servings: Option<u32>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ShowPlan {
    /// A day, YYYY-MM-DD (default: the next 7 days).
    pub date: Option<String>,
    pub meal: Option<MealType>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ReplaceMeal {
    /// The day, YYYY-MM-DD.
    pub date: String,
    pub meal: MealType,
    /// What the new recipe should be or have ("fish", "pancakes").
    pub query: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct SlotRef {
    /// The day, YYYY-MM-DD.
    pub date: String,
    pub meal: MealType,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct SwapMeals {
    pub from: SlotRef,
    pub to: SlotRef,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct Cooked {
    /// The day, YYYY-MM-DD (default: today).
    pub date: Option<String>,
    pub meal: Option<MealType>,
    /// A recipe cooked outside the plan.
    pub recipe: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct NutritionSummary {
    /// A day, YYYY-MM-DD (default: today).
    pub date: Option<String>,
    /// The whole coming week instead of one day.
    pub week: Option<bool>,
}

fn weekday(ctx: &Context<'_>, d: NaiveDate) -> String {
    let lang = ctx.household.preferences.language;
    format!("{} {}", lang.weekday(d.weekday()), d.format("%d/%m"))
}

fn meal_name(ctx: &Context<'_>, m: MealType) -> &'static str {
    if ctx.spanish() { m.name_es() } else { m.name() }
}

/// "Swap" buttons for each planned dinner (or the first meal of each day).
fn swap_buttons(ctx: &Context<'_>, plan: &Plan) -> Vec<Vec<kecarajocomer_channel::Button>> {
    let mut row = Vec::new();
    for d in plan.dates() {
        let slot = plan
            .slots
            .iter()
            .filter(|s| s.date == d && s.recipe.is_some())
            .max_by_key(|s| s.meal == MealType::Dinner);
        if let Some(s) = slot {
            let short: String = weekday(ctx, d).chars().take(3).collect();
            row.push(Button {
                label: format!("{} {short}", ctx.t("Swap", "Cambiar")),
                data: format!("rm|{}|{}", s.date, s.meal.name()),
            });
        }
    }
    row.chunks(4).map(|c| c.to_vec()).collect()
}

pub async fn plan_week(ctx: &Context<'_>, args: PlanWeek) -> ToolResult {
    let start = args
        .start
        .as_deref()
        .map(|s| date_arg("start", s))
        .transpose()?;
    let days = args.days.unwrap_or(7);
    let opts = PlanOptions {
        start,
        days: Some(days),
        meals: args.meals,
        diets: args.diet.into_iter().collect(),
        max_minutes: args.max_minutes,
        people: args.servings,
        quick_weekdays: false,
        seed: None,
    };
    let first = start.unwrap_or(ctx.today);
    let last = first + Days::new(u64::from(days.clamp(1, 28) - 1));
    if !ctx.confirmed {
        let existing = ctx
            .kitchen
            .store
            .plan_slots(ctx.household.id, first, last)
            .await
            .map_err(crate::services::ServiceError::from)?;
        if existing.iter().any(|s| s.recipe.is_some()) {
            return Err(ToolError::Confirm(if ctx.spanish() {
                format!(
                    "Ya hay un plan del {} al {}. ¿Lo reemplazo?",
                    weekday(ctx, first),
                    weekday(ctx, last)
                )
            } else {
                format!(
                    "There is already a plan from {} to {}. Replace it?",
                    weekday(ctx, first),
                    weekday(ctx, last)
                )
            }));
        }
    }
    let plan = ctx
        .kitchen
        .plan_week(&ctx.household, &opts, ctx.now)
        .await?;
    let catalog = ctx.kitchen.catalog_index(ctx.household.id).await?;
    let text = to_text(&plan, &catalog, ctx.spanish());
    let data = crate::planner::plan::to_json(&plan, &catalog, ctx.kitchen.foods);
    Ok(Output {
        buttons: swap_buttons(ctx, &plan),
        text,
        data,
    })
}

pub async fn show_plan(ctx: &Context<'_>, args: ShowPlan) -> ToolResult {
    let (start, days) = match args.date.as_deref() {
        Some(d) => (date_arg("date", d)?, 1),
        None => (ctx.today, 7),
    };
    let mut plan = ctx
        .kitchen
        .stored_plan(ctx.household.id, start, days)
        .await?;
    if let Some(m) = args.meal {
        plan.slots.retain(|s| s.meal == m);
    }
    if plan.slots.is_empty() {
        let when = if days == 1 {
            weekday(ctx, start)
        } else {
            ctx.t("the coming days", "los próximos días").to_string()
        };
        return Ok(Output::text(if ctx.spanish() {
            format!("No hay nada planeado para {when}. Decime \"planificá la semana\" y lo armo.")
        } else {
            format!("Nothing is planned for {when}. Say \"plan the week\" and I'll make one.")
        }));
    }
    let catalog = ctx.kitchen.catalog_index(ctx.household.id).await?;
    // Only the days that have something.
    let mut text = String::new();
    for d in plan.dates() {
        if plan.slots.iter().any(|s| s.date == d) {
            let day = Plan {
                start: d,
                days: 1,
                meals: plan.meals.clone(),
                slots: plan.slots.iter().filter(|s| s.date == d).cloned().collect(),
                relaxed: Vec::new(),
            };
            text.push_str(&to_text(&day, &catalog, ctx.spanish()));
        }
    }
    Ok(Output {
        buttons: swap_buttons(ctx, &plan),
        data: crate::planner::plan::to_json(&plan, &catalog, ctx.kitchen.foods),
        text,
    })
}

pub async fn replace_meal(ctx: &Context<'_>, args: ReplaceMeal) -> ToolResult {
    let date = date_arg("date", &args.date)?;
    let slot = ctx
        .kitchen
        .replace_meal(
            &ctx.household,
            date,
            args.meal,
            args.query.as_deref(),
            ctx.now,
        )
        .await?;
    let catalog = ctx.kitchen.catalog_index(ctx.household.id).await?;
    let recipe = slot.recipe.as_deref().and_then(|id| catalog.get(id));
    let title = recipe.map_or("?", |r| r.title(ctx.spanish()));
    let minutes = recipe.map_or(0, |r| r.spec.minutes);
    let text = if ctx.spanish() {
        format!(
            "{} ({}): ahora {title} ({minutes} min).",
            weekday(ctx, date),
            meal_name(ctx, args.meal)
        )
    } else {
        format!(
            "{} {}: now {title} ({minutes} min).",
            weekday(ctx, date),
            meal_name(ctx, args.meal)
        )
    };
    Ok(Output {
        data: json!({"date": date, "meal": args.meal, "recipe": slot.recipe, "title": title, "minutes": minutes}),
        buttons: vec![vec![
            Button {
                label: ctx.t("Another one", "Otra").into(),
                data: format!("rm|{date}|{}", args.meal.name()),
            },
            Button {
                label: ctx.t("Undo", "Deshacer").into(),
                data: "undo".into(),
            },
        ]],
        text,
    })
}

pub async fn swap_meals(ctx: &Context<'_>, args: SwapMeals) -> ToolResult {
    let a = (date_arg("from.date", &args.from.date)?, args.from.meal);
    let b = (date_arg("to.date", &args.to.date)?, args.to.meal);
    ctx.kitchen
        .swap_meals(ctx.household.id, a, b, ctx.now)
        .await?;
    let text = if ctx.spanish() {
        format!(
            "Listo: intercambié {} ({}) con {} ({}).",
            weekday(ctx, a.0),
            meal_name(ctx, a.1),
            weekday(ctx, b.0),
            meal_name(ctx, b.1)
        )
    } else {
        format!(
            "Done: swapped {} {} and {} {}.",
            weekday(ctx, a.0),
            meal_name(ctx, a.1),
            weekday(ctx, b.0),
            meal_name(ctx, b.1)
        )
    };
    Ok(Output::text(text))
}

pub async fn cooked(ctx: &Context<'_>, args: Cooked) -> ToolResult {
    let date = args
        .date
        .as_deref()
        .map(|d| date_arg("date", d))
        .transpose()?
        .unwrap_or(ctx.today);
    let h = ctx.household.id;
    // A named recipe outside the plan: cook it for the household.
    if let (Some(name), None) = (&args.recipe, args.meal) {
        let planned = ctx.kitchen.stored_plan(h, date, 1).await?;
        let recipe = ctx.kitchen.find_recipe(h, name).await?;
        if let Some(slot) = planned
            .slots
            .iter()
            .find(|s| s.recipe.as_deref() == Some(recipe.id()) && !s.cooked)
        {
            return cooked_slot(ctx, date, slot.meal).await;
        }
        let servings = f64::from(ctx.household.preferences.household_size.max(1));
        let subs = ctx.kitchen.cook(h, &recipe, servings).await?;
        return Ok(Output::text(cooked_text(
            ctx,
            recipe.title(ctx.spanish()),
            &subs,
        )));
    }
    let meal = match args.meal {
        Some(m) => m,
        None => {
            let planned = ctx.kitchen.stored_plan(h, date, 1).await?;
            planned
                .slots
                .iter()
                .filter(|s| !s.cooked && s.recipe.is_some())
                .map(|s| s.meal)
                .next_back()
                .ok_or_else(|| {
                    ToolError::not_found(ctx.t(
                        "Nothing planned is left to cook that day.",
                        "No queda nada planeado por cocinar ese día.",
                    ))
                })?
        }
    };
    cooked_slot(ctx, date, meal).await
}

async fn cooked_slot(ctx: &Context<'_>, date: NaiveDate, meal: MealType) -> ToolResult {
    let subs = ctx
        .kitchen
        .cooked(ctx.household.id, date, meal, ctx.now)
        .await?;
    let what = format!("{} ({})", weekday(ctx, date), meal_name(ctx, meal));
    Ok(Output::text(cooked_text(ctx, &what, &subs)))
}

fn cooked_text(
    ctx: &Context<'_>,
    what: &str,
    subs: &[crate::domain::pantry::Subtraction],
) -> String {
    let short: Vec<String> = subs
        .iter()
        .filter(|s| s.short > 0.0)
        .map(|s| {
            format!(
                "{} {}",
                crate::domain::quantity::Quantity::new(s.short, s.unit)
                    .humanized()
                    .display(ctx.spanish()),
                s.name
            )
        })
        .collect();
    let mut text = if ctx.spanish() {
        format!(
            "¡Buen provecho! Marqué {what} como cocinado y descontué los ingredientes de la despensa."
        )
    } else {
        format!("Enjoy! Marked {what} as cooked and took its ingredients out of the pantry.")
    };
    if !short.is_empty() {
        text.push_str(&format!(
            " {} {}.",
            ctx.t("The pantry was short of:", "Faltaba en la despensa:"),
            short.join(", ")
        ));
    }
    text
}

pub async fn nutrition_summary(ctx: &Context<'_>, args: NutritionSummary) -> ToolResult {
    let (start, days) = if args.week.unwrap_or(false) {
        (ctx.today, 7)
    } else {
        (
            args.date
                .as_deref()
                .map(|d| date_arg("date", d))
                .transpose()?
                .unwrap_or(ctx.today),
            1,
        )
    };
    let plan = ctx
        .kitchen
        .stored_plan(ctx.household.id, start, days)
        .await?;
    if plan.slots.is_empty() {
        return Err(ToolError::not_found(ctx.t(
            "Nothing is planned for those days yet.",
            "Todavía no hay nada planeado para esos días.",
        )));
    }
    let catalog = ctx.kitchen.catalog_index(ctx.household.id).await?;
    let prefs = &ctx.household.preferences;
    let report = nutrition(
        &plan,
        &catalog,
        prefs.kcal_per_day.map(f64::from),
        prefs.protein_g_per_day.map(f64::from),
    );
    let mut text = String::new();
    for d in &report.days {
        if plan.slots.iter().all(|s| s.date != d.date) {
            continue;
        }
        text.push_str(&format!(
            "{}: {:.0} kcal, {:.0} g {}",
            weekday(ctx, d.date),
            d.per_person.kcal,
            d.per_person.protein_g,
            ctx.t("protein", "proteína")
        ));
        if let Some(t) = d.kcal_target {
            text.push_str(&format!(" ({} {:.0} kcal)", ctx.t("target", "objetivo"), t));
        }
        text.push('\n');
    }
    text.push_str(ctx.t("Per person.", "Por persona."));
    Ok(Output {
        data: serde_json::to_value(&report).unwrap_or_default(),
        text,
        buttons: Vec::new(),
    })
}
