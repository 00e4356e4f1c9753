//! Recipes: what is stored ([`RecipeSpec`], ingredient lines as written) and
//! what is computed from it ([`Recipe`]: parsed ingredients, nutrition per
//! serving, content flags and the diets it suits, scaling).

use super::flags::{Allergen, Diet, FoodFlags};
use super::food::FoodTable;
use super::ingredient::{Ingredient, parse_line};
use super::nutrition::Nutrients;
use super::quantity::format_amount;
use super::text::slugify;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The meal a slot of the day is for.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MealType {
    Breakfast,
    Lunch,
    Dinner,
    Snack,
}

impl MealType {
    pub const ALL: [MealType; 4] = [
        MealType::Breakfast,
        MealType::Lunch,
        MealType::Dinner,
        MealType::Snack,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MealType::Breakfast => "breakfast",
            MealType::Lunch => "lunch",
            MealType::Dinner => "dinner",
            MealType::Snack => "snack",
        }
    }

    pub fn name_es(self) -> &'static str {
        match self {
            MealType::Breakfast => "desayuno",
            MealType::Lunch => "almuerzo",
            MealType::Dinner => "cena",
            MealType::Snack => "merienda",
        }
    }
}

impl fmt::Display for MealType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for MealType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = super::text::fold_name(s);
        Ok(match key.as_str() {
            "breakfast" | "breakfasts" | "desayuno" | "desayunos" => MealType::Breakfast,
            "lunch" | "lunches" | "almuerzo" | "almuerzos" | "comida" | "comidas" => {
                MealType::Lunch
            }
            "dinner" | "dinners" | "supper" | "cena" | "cenas" => MealType::Dinner,
            "snack" | "snacks" | "merienda" | "meriendas" | "colacion" | "tentempie" => {
                MealType::Snack
            }
            _ => {
                return Err(format!(
                    "unknown meal \"{s}\": use breakfast, lunch, dinner or snack"
                ));
            }
        })
    }
}

/// A recipe as written and stored: ingredient lines are kept as text and
/// parsed when loaded, so a better parser improves every stored recipe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecipeSpec {
    /// A slug, unique in a household's catalog.
    #[serde(default)]
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_es: Option<String>,
    pub servings: u32,
    /// Total time in minutes.
    pub minutes: u32,
    #[serde(default)]
    pub meals: Vec<MealType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cuisine: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_protein: Option<String>,
    pub ingredients: Vec<String>,
    #[serde(default)]
    pub steps: Vec<String>,
    /// Where it came from: a URL, a book, "kecarajocomer seed catalog".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Licence and author credit to keep with the recipe (CC BY-SA imports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

/// What is wrong with a recipe; the message says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipeError {
    #[error("a recipe needs a title")]
    NoTitle,
    #[error("\"{0}\" has no ingredients: add at least one line like \"200 g rice\"")]
    NoIngredients(String),
    #[error("\"{0}\" must serve at least 1: set servings to a whole number like 4")]
    NoServings(String),
}

/// A recipe with its ingredients parsed and its facts derived from them.
#[derive(Debug, Clone)]
pub struct Recipe {
    pub spec: RecipeSpec,
    pub ingredients: Vec<Ingredient>,
    /// Union of the ingredients' content flags (unknown foods are guessed
    /// cautiously from their names).
    pub flags: FoodFlags,
    /// Nutrition of one serving, from the ingredients the table knows.
    pub per_serving: Nutrients,
    /// Ingredient lines whose food the table does not know.
    pub unknown_foods: usize,
    /// Rough cost of one serving, when every weighed ingredient has a price.
    pub cost_per_serving: Option<f64>,
}

impl Recipe {
    /// Parses and derives a recipe. Lines that cannot be parsed are kept as
    /// unknown foods so nothing the author wrote is lost.
    pub fn from_spec(mut spec: RecipeSpec, table: &FoodTable) -> Result<Recipe, RecipeError> {
        if spec.title.trim().is_empty() {
            return Err(RecipeError::NoTitle);
        }
        spec.title = spec.title.trim().to_string();
        if spec.id.trim().is_empty() {
            spec.id = slugify(&spec.title);
        }
        if spec.servings == 0 {
            return Err(RecipeError::NoServings(spec.title));
        }
        let lines: Vec<&String> = spec
            .ingredients
            .iter()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if lines.is_empty() {
            return Err(RecipeError::NoIngredients(spec.title));
        }
        let ingredients: Vec<Ingredient> = lines
            .iter()
            .map(|line| parse_line(line, table).unwrap_or_else(|_| Ingredient::unparsed(line)))
            .collect();
        Ok(Recipe::derive(spec, ingredients, table))
    }

    fn derive(spec: RecipeSpec, ingredients: Vec<Ingredient>, table: &FoodTable) -> Recipe {
        let mut flags = FoodFlags::EMPTY;
        let mut total = Nutrients::default();
        let mut unknown_foods = 0;
        let mut cost = Some(0.0);
        for ing in &ingredients {
            let food = ing.food.map(|id| table.get(id));
            match food {
                Some(f) => flags = flags.union(f.flags),
                None => {
                    unknown_foods += 1;
                    flags = flags.union(FoodFlags::guess_from_name(&ing.name));
                }
            }
            let grams = ing.grams(table);
            if let (Some(f), Some(g)) = (food, grams) {
                total += f.per_100g * (g / 100.0);
            }
            cost = match (cost, food.and_then(|f| f.price_per_kg), grams) {
                (Some(c), Some(p), Some(g)) => Some(c + p * g / 1000.0),
                (c, _, None) if ing.quantity.is_none() => c,
                _ => None,
            };
        }
        let servings = f64::from(spec.servings.max(1));
        Recipe {
            per_serving: total * (1.0 / servings),
            cost_per_serving: cost.map(|c| c / servings),
            spec,
            ingredients,
            flags,
            unknown_foods,
        }
    }

    pub fn id(&self) -> &str {
        &self.spec.id
    }

    pub fn title(&self, spanish: bool) -> &str {
        match (&self.spec.title_es, spanish) {
            (Some(es), true) => es,
            _ => &self.spec.title,
        }
    }

    /// True when the recipe fits the diet. With ingredients the food table
    /// does not know, only vegetarian and pescatarian are vouched for (meat
    /// and fish show in names); vegan, gluten-free and dairy-free are not.
    pub fn suits(&self, diet: Diet) -> bool {
        self.flags.suits(diet)
            && (self.unknown_foods == 0 || matches!(diet, Diet::Vegetarian | Diet::Pescatarian))
    }

    /// True when the recipe contains the allergen, or cannot be vouched free
    /// of it because an ingredient is unknown.
    pub fn contains(&self, allergen: Allergen) -> bool {
        self.flags.contains(allergen) || self.unknown_foods > 0
    }

    pub fn diets(&self) -> Vec<Diet> {
        Diet::ALL.into_iter().filter(|d| self.suits(*d)).collect()
    }

    /// The allergens it is known to contain.
    pub fn allergens(&self) -> Vec<Allergen> {
        self.flags.allergens()
    }

    /// The same recipe for `servings`, every amount scaled and rounded to
    /// something a cook can measure.
    pub fn scaled(&self, servings: u32, table: &FoodTable) -> Recipe {
        let servings = servings.max(1);
        let factor = f64::from(servings) / f64::from(self.spec.servings.max(1));
        self.scaled_by(factor, table)
    }

    /// The recipe with every amount multiplied by `factor` and rounded to
    /// something a cook can measure; servings are rounded up.
    pub fn scaled_by(&self, factor: f64, table: &FoodTable) -> Recipe {
        let servings = (f64::from(self.spec.servings) * factor).ceil().max(1.0) as u32;
        let ingredients: Vec<Ingredient> = self
            .ingredients
            .iter()
            .map(|ing| {
                let mut ing = ing.clone();
                ing.quantity = ing.quantity.map(|q| q.scaled(factor));
                ing
            })
            .collect();
        let mut spec = self.spec.clone();
        spec.servings = servings;
        spec.ingredients = ingredients.iter().map(ingredient_text).collect();
        Recipe::derive(spec, ingredients, table)
    }
}

/// Writes an ingredient back as a line: "2 1/2 cup onion, chopped".
pub fn ingredient_text(ing: &Ingredient) -> String {
    let mut s = String::new();
    if let Some(q) = ing.quantity {
        s.push_str(&q.display(false));
        if let Some(p) = ing.package {
            s.push_str(&format!(
                " ({} {})",
                format_amount(p.amount),
                p.unit.symbol()
            ));
        }
        s.push(' ');
    }
    s.push_str(&ing.name);
    if let Some(p) = &ing.preparation {
        s.push_str(", ");
        s.push_str(p);
    }
    if ing.to_taste {
        s.push_str(" to taste");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(ingredients: &[&str]) -> RecipeSpec {
        RecipeSpec {
            id: String::new(),
            title: "Test dish".into(),
            title_es: None,
            servings: 2,
            minutes: 20,
            meals: vec![MealType::Dinner],
            cuisine: None,
            tags: vec!["vegan".into()],
            main_protein: None,
            ingredients: ingredients.iter().map(|s| s.to_string()).collect(),
            steps: vec![],
            source: None,
            attribution: None,
        }
    }

    #[test]
    fn flags_come_from_ingredients_not_tags() {
        let table = FoodTable::builtin();
        let r = Recipe::from_spec(spec(&["200 g spaghetti", "50 g parmesan", "2 eggs"]), table)
            .unwrap();
        assert!(
            !r.suits(Diet::Vegan),
            "tagged vegan but has cheese and eggs"
        );
        assert!(r.suits(Diet::Vegetarian));
        assert!(r.contains(Allergen::Gluten));
        assert!(r.contains(Allergen::Egg));
        assert_eq!(r.spec.id, "test-dish");
    }

    #[test]
    fn nutrition_per_serving_adds_up() {
        let table = FoodTable::builtin();
        let r = Recipe::from_spec(spec(&["200 g rice", "2 tbsp olive oil"]), table).unwrap();
        // 200 g dry rice ≈ 730 kcal, 2 tbsp oil ≈ 240 kcal, over 2 servings.
        assert!(
            (420.0..=540.0).contains(&r.per_serving.kcal),
            "{}",
            r.per_serving.kcal
        );
    }

    #[test]
    fn scaling_keeps_proportions() {
        let table = FoodTable::builtin();
        let r = Recipe::from_spec(spec(&["200 g rice", "1 onion"]), table).unwrap();
        let big = r.scaled(6, table);
        assert_eq!(big.ingredients[0].quantity.unwrap().amount, 600.0);
        assert_eq!(big.ingredients[1].quantity.unwrap().amount, 3.0);
        assert!((big.per_serving.kcal - r.per_serving.kcal).abs() < 5.0);
        assert_eq!(big.spec.ingredients[0], "600 g rice");
    }

    #[test]
    fn rejects_recipes_without_substance() {
        let table = FoodTable::builtin();
        assert!(matches!(
            Recipe::from_spec(spec(&[]), table),
            Err(RecipeError::NoIngredients(_))
        ));
        let mut s = spec(&["1 egg"]);
        s.servings = 0;
        assert!(matches!(
            Recipe::from_spec(s, table),
            Err(RecipeError::NoServings(_))
        ));
    }
}
