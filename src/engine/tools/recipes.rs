//! Recipe tools: find_recipes, suggest_from_pantry, show_recipe.

use super::{Context, Output, ToolError, ToolResult};
use crate::domain::flags::Diet;
use crate::planner::search::Filters;
use crate::services::recipes::{Found, RecipeQuery};
use kecarajocomer_channel::Button;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct FindRecipes {
    /// Words to look for in titles, tags and cuisines.
    pub query: Option<String>,
    /// Ingredients the recipe must use.
    pub ingredients: Option<Vec<String>>,
    pub diet: Option<Diet>,
    pub max_minutes: Option<u32>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct SuggestFromPantry {}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ShowRecipe {
    /// The recipe's id or title.
    pub recipe: String,
    pub servings: Option<u32>,
}

fn listing(ctx: &Context<'_>, found: &[Found], empty: &str) -> Output {
    if found.is_empty() {
        return Output::text(empty);
    }
    let es = ctx.spanish();
    let mut text = String::new();
    for f in found {
        text.push_str(&format!(
            "• {} — {} min, {:.0} kcal",
            f.recipe.title(es),
            f.recipe.spec.minutes,
            f.recipe.per_serving.kcal
        ));
        if let Some(share) = f.hit.on_hand {
            text.push_str(&format!(
                ", {:.0} % {}",
                share * 100.0,
                ctx.t("on hand", "en casa")
            ));
        }
        if !f.hit.expiring_used.is_empty() {
            text.push_str(&format!(
                " ({} {})",
                ctx.t("uses", "usa"),
                f.hit.expiring_used.join(", ")
            ));
        }
        text.push('\n');
    }
    let buttons = found
        .iter()
        .take(3)
        .map(|f| {
            vec![Button {
                label: f.recipe.title(es).chars().take(30).collect(),
                data: format!("sr|{}", f.recipe.id().chars().take(58).collect::<String>()),
            }]
        })
        .collect();
    let data = json!(found
        .iter()
        .map(|f| json!({"id": f.recipe.id(), "title": f.recipe.title(es), "minutes": f.recipe.spec.minutes,
                        "kcal": f.recipe.per_serving.kcal.round(), "diets": f.recipe.diets(), "allergens": f.recipe.allergens(),
                        "on_hand": f.hit.on_hand, "expiring_used": f.hit.expiring_used}))
        .collect::<Vec<_>>());
    Output {
        text,
        data,
        buttons,
    }
}

pub async fn find_recipes(ctx: &Context<'_>, args: FindRecipes) -> ToolResult {
    let query = RecipeQuery {
        text: args.query.unwrap_or_default(),
        ingredients: args.ingredients.unwrap_or_default(),
        filters: Filters {
            diets: args
                .diet
                .into_iter()
                .chain(ctx.household.preferences.diets.iter().copied())
                .collect(),
            without: ctx.household.preferences.allergies.clone(),
            max_minutes: args.max_minutes,
            meal: None,
        },
        limit: 5,
    };
    let found = ctx.kitchen.search_recipes(ctx.household.id, &query).await?;
    Ok(listing(
        ctx,
        &found,
        ctx.t(
            "No recipe matches that. Try fewer words.",
            "No encontré recetas así. Probá con menos palabras.",
        ),
    ))
}

pub async fn suggest_from_pantry(ctx: &Context<'_>, _args: SuggestFromPantry) -> ToolResult {
    let filters = Filters {
        diets: ctx.household.preferences.diets.clone(),
        without: ctx.household.preferences.allergies.clone(),
        ..Filters::default()
    };
    let found = ctx
        .kitchen
        .suggest_from_pantry(ctx.household.id, &filters, ctx.today, 5)
        .await?;
    Ok(listing(
        ctx,
        &found,
        ctx.t(
            "Nothing in the catalog uses what the pantry holds.",
            "Nada del recetario usa lo que hay en la despensa.",
        ),
    ))
}

pub async fn show_recipe(ctx: &Context<'_>, args: ShowRecipe) -> ToolResult {
    if let Some(0) | Some(101..) = args.servings {
        return Err(ToolError::invalid(ctx.t(
            "servings must be from 1 to 100",
            "las porciones van de 1 a 100",
        )));
    }
    let recipe = ctx
        .kitchen
        .find_recipe(ctx.household.id, &args.recipe)
        .await?;
    let recipe = match args.servings {
        Some(n) => recipe.scaled(n, ctx.kitchen.foods),
        None => recipe,
    };
    let text = crate::render::recipe_card(&recipe, ctx.spanish());
    Ok(Output {
        data: json!({"id": recipe.id(), "title": recipe.title(ctx.spanish()), "servings": recipe.spec.servings,
                     "minutes": recipe.spec.minutes, "ingredients": recipe.spec.ingredients, "steps": recipe.spec.steps}),
        text,
        buttons: Vec::new(),
    })
}
