//! The recipe catalog: the shared seed catalog plus each household's own
//! recipes, parsed and derived on load.

use super::{Kitchen, ServiceError, ServiceResult};
use crate::domain::household::HouseholdId;
use crate::domain::recipe::{MealType, Recipe, RecipeSpec};
use crate::domain::text::fold_name;
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// The seed catalog compiled into the binary.
const SEED_TOML: &str = include_str!("../../data/recipes.toml");
/// Credit stored with every seed recipe.
pub const SEED_SOURCE: &str = "kecarajocomer seed catalog (original recipes, MIT)";

#[derive(Deserialize)]
struct SeedFile {
    recipe: Vec<RecipeSpec>,
}

/// The seed recipes, parsed from `data/recipes.toml`.
pub fn seed_specs() -> Result<Vec<RecipeSpec>, String> {
    let file: SeedFile =
        toml::from_str(SEED_TOML).map_err(|e| format!("data/recipes.toml: {e}"))?;
    Ok(file
        .recipe
        .into_iter()
        .map(|mut spec| {
            if spec.source.is_none() {
                spec.source = Some(SEED_SOURCE.to_string());
            }
            spec
        })
        .collect())
}

/// A version of the seed catalog that changes whenever its text does
/// (FNV-1a, stable across builds).
pub fn seed_version() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in SEED_TOML.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl Kitchen {
    /// Loads the seed catalog into the store when it is new or changed.
    pub async fn seed_catalog(&self, now: DateTime<Utc>) -> ServiceResult<bool> {
        let specs = seed_specs().map_err(ServiceError::invalid)?;
        let seeded = self
            .store
            .seed_catalog(&seed_version(), &specs, now)
            .await?;
        if seeded {
            tracing::info!(recipes = specs.len(), "seed catalog loaded");
        }
        Ok(seeded)
    }

    /// Every recipe the household can use; its own recipes shadow shared
    /// ones with the same id.
    pub async fn catalog(&self, h: HouseholdId) -> ServiceResult<Vec<Recipe>> {
        let stored = self.store.recipes(h).await?;
        let mut out: Vec<Recipe> = Vec::with_capacity(stored.len());
        for s in stored {
            let own = s.household.is_some();
            let recipe = match Recipe::from_spec(s.spec, self.foods) {
                Ok(r) => r,
                Err(e) => {
                    tracing::warn!(recipe = s.id, error = %e, "skipping unreadable stored recipe");
                    continue;
                }
            };
            match out.iter().position(|r| r.id() == recipe.id()) {
                Some(i) if own => out[i] = recipe,
                Some(_) => {}
                None => out.push(recipe),
            }
        }
        Ok(out)
    }

    /// Recipes for a meal (all when `None`), sorted by title.
    pub async fn list_recipes(
        &self,
        h: HouseholdId,
        meal: Option<MealType>,
    ) -> ServiceResult<Vec<Recipe>> {
        let mut recipes: Vec<Recipe> = self
            .catalog(h)
            .await?
            .into_iter()
            .filter(|r| meal.is_none_or(|m| r.spec.meals.contains(&m)))
            .collect();
        recipes.sort_by(|a, b| a.spec.title.cmp(&b.spec.title));
        Ok(recipes)
    }

    /// The recipe named by id or title (English or Spanish, any case and
    /// accents; a unique part of a title is enough).
    pub async fn find_recipe(&self, h: HouseholdId, name: &str) -> ServiceResult<Recipe> {
        let key = fold_name(name);
        if key.is_empty() {
            return Err(ServiceError::invalid(
                "name a recipe by its id or title, like \"recipes show chicken-rice-bowl\"",
            )
            .es("nombrá una receta por su título, por ejemplo \"lentejas guisadas\""));
        }
        let catalog = self.catalog(h).await?;
        let slug = key.replace(' ', "-");
        let titles = |r: &Recipe| {
            [Some(r.spec.title.as_str()), r.spec.title_es.as_deref()]
                .into_iter()
                .flatten()
                .map(fold_name)
                .collect::<Vec<_>>()
        };
        if let Some(r) = catalog
            .iter()
            .find(|r| r.id() == slug || titles(r).contains(&key))
        {
            return Ok(r.clone());
        }
        let partial: Vec<&Recipe> = catalog
            .iter()
            .filter(|r| titles(r).iter().any(|t| t.contains(&key)))
            .collect();
        match partial.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(ServiceError::not_found(format!(
                "there is no recipe called \"{}\": see the ids with \"kecarajocomer recipes list\"",
                name.trim()
            ))
            .es(format!(
                "no hay ninguna receta \"{}\": probá buscar con otras palabras",
                name.trim()
            ))),
            many => {
                let ids = many
                    .iter()
                    .take(5)
                    .map(|r| r.id())
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(ServiceError::invalid(format!(
                    "\"{}\" matches {} recipes ({ids}): use one of their ids",
                    name.trim(),
                    many.len(),
                ))
                .es(format!(
                    "\"{}\" coincide con {} recetas ({ids}): usá uno de esos ids",
                    name.trim(),
                    many.len(),
                )))
            }
        }
    }

    /// Saves a recipe the household wrote or imported.
    pub async fn save_recipe(
        &self,
        h: HouseholdId,
        spec: RecipeSpec,
        now: DateTime<Utc>,
    ) -> ServiceResult<Recipe> {
        let recipe = Recipe::from_spec(spec, self.foods)
            .map_err(|e| ServiceError::invalid(e.to_string()))?;
        self.store.save_recipe(h, &recipe.spec, now).await?;
        self.recipes_changed(h);
        Ok(recipe)
    }
}

/// A recipe search as a person asks it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecipeQuery {
    pub text: String,
    pub ingredients: Vec<String>,
    pub filters: crate::planner::search::Filters,
    pub limit: usize,
}

/// A found recipe with why it ranks where it does.
#[derive(Debug, Clone)]
pub struct Found {
    pub recipe: Recipe,
    pub hit: crate::planner::search::Hit,
}

impl Kitchen {
    /// Searches the household's catalog by text and ingredients.
    pub async fn search_recipes(
        &self,
        h: HouseholdId,
        q: &RecipeQuery,
    ) -> ServiceResult<Vec<Found>> {
        let catalog = self.catalog_index(h).await?;
        let hits = crate::planner::search::search(
            &catalog,
            &q.text,
            &q.ingredients,
            &q.filters,
            self.foods,
            q.limit.max(1),
        );
        Ok(hits
            .into_iter()
            .map(|hit| Found {
                recipe: catalog.recipes[hit.position].clone(),
                hit,
            })
            .collect())
    }

    /// "What can I cook with what I have": recipes ranked by the share of
    /// their ingredients in the pantry and by the expiring items they use.
    pub async fn suggest_from_pantry(
        &self,
        h: HouseholdId,
        filters: &crate::planner::search::Filters,
        today: chrono::NaiveDate,
        limit: usize,
    ) -> ServiceResult<Vec<Found>> {
        let catalog = self.catalog_index(h).await?;
        let pantry = self.store.pantry(h).await?;
        if pantry.is_empty() {
            return Err(ServiceError::not_found(
                "the pantry is empty: add what you have first, like \"pantry add 6 eggs\"",
            )
            .es("la despensa está vacía: contame qué tenés, por ejemplo \"tenemos 6 huevos\""));
        }
        let hits = crate::planner::search::from_pantry(
            &catalog,
            &pantry,
            today,
            filters,
            self.foods,
            limit.max(1),
        );
        Ok(hits
            .into_iter()
            .map(|hit| Found {
                recipe: catalog.recipes[hit.position].clone(),
                hit,
            })
            .collect())
    }
}
