//! A catalog of recipes with the facts the planner and search use,
//! computed once: meal types, time, flags, nutrition, cost, cuisine, main
//! protein, the foods each recipe uses and the words it can be found by.

use super::search::SearchIndex;
use crate::domain::flags::{Flag, FoodFlags};
use crate::domain::food::{FoodId, FoodTable};
use crate::domain::recipe::{MealType, Recipe};
use crate::domain::text::fold_name;
use rustc_hash::FxHashMap;

/// What the planner knows about one recipe.
#[derive(Debug, Clone)]
pub struct Facts {
    /// Bit `m as u8` set for each meal type the recipe suits.
    pub meals: u8,
    pub minutes: u32,
    pub flags: FoodFlags,
    pub kcal: f64,
    pub protein_g: f64,
    pub cost: Option<f64>,
    /// Interned cuisine (0 = unknown).
    pub cuisine: u16,
    /// Interned main protein (0 = none/unknown).
    pub protein_kind: u16,
    /// Known foods it uses, sorted, without duplicates.
    pub foods: Vec<FoodId>,
    /// Folded words of its title (both languages) and ingredient names.
    pub words: Vec<Box<str>>,
    /// True when an ingredient is not in the food table: its flags are a
    /// guess, so it is kept from allergies and strict diets.
    pub uncertain: bool,
}

impl Facts {
    /// True when the recipe can be vouched to fit the diet.
    pub fn fits(&self, diet: crate::domain::flags::Diet) -> bool {
        use crate::domain::flags::Diet;
        self.flags.suits(diet)
            && (!self.uncertain || matches!(diet, Diet::Vegetarian | Diet::Pescatarian))
    }

    /// True when the recipe contains the allergen or cannot be vouched free of it.
    pub fn may_contain(&self, allergen: crate::domain::flags::Allergen) -> bool {
        self.flags.contains(allergen) || self.uncertain
    }
}

impl Facts {
    pub fn suits(&self, meal: MealType) -> bool {
        self.meals & (1 << meal as u8) != 0
    }

    pub fn uses(&self, food: FoodId) -> bool {
        self.foods.binary_search(&food).is_ok()
    }
}

/// Recipes plus their facts and a search index.
#[derive(Debug)]
pub struct Catalog {
    pub recipes: Vec<Recipe>,
    pub facts: Vec<Facts>,
    pub index: SearchIndex,
    by_id: FxHashMap<String, usize>,
    cuisines: Vec<String>,
    proteins: Vec<String>,
}

/// Staples every kitchen has; they never make a recipe "use the pantry".
pub const STAPLES: &[&str] = &[
    "salt",
    "black pepper",
    "water",
    "vegetable oil",
    "olive oil",
    "sugar",
];

impl Catalog {
    /// Builds the catalog. Later recipes with an id already present are dropped.
    pub fn new(recipes: Vec<Recipe>, table: &FoodTable) -> Catalog {
        let mut by_id = FxHashMap::default();
        let mut kept = Vec::with_capacity(recipes.len());
        for r in recipes {
            if !by_id.contains_key(r.id()) {
                by_id.insert(r.id().to_string(), kept.len());
                kept.push(r);
            }
        }
        let mut cuisines = vec![String::new()];
        let mut proteins = vec![String::new()];
        let intern = |list: &mut Vec<String>, v: &str| -> u16 {
            if v.is_empty() {
                return 0;
            }
            match list.iter().position(|x| x == v) {
                Some(i) => i as u16,
                None => {
                    list.push(v.to_string());
                    (list.len() - 1) as u16
                }
            }
        };
        let facts: Vec<Facts> = kept
            .iter()
            .map(|r| {
                let mut foods: Vec<FoodId> = r.ingredients.iter().filter_map(|i| i.food).collect();
                foods.sort_unstable();
                foods.dedup();
                let mut words: Vec<Box<str>> = Vec::new();
                let mut add_words = |text: &str| {
                    for w in fold_name(text).split(' ').filter(|w| w.len() > 1) {
                        if !words.iter().any(|x| &**x == w) {
                            words.push(w.into());
                        }
                    }
                };
                add_words(&r.spec.title);
                if let Some(es) = &r.spec.title_es {
                    add_words(es);
                }
                for ing in &r.ingredients {
                    add_words(&ing.name);
                }
                let main = r
                    .spec
                    .main_protein
                    .clone()
                    .unwrap_or_else(|| guess_protein(r.flags));
                Facts {
                    meals: r.spec.meals.iter().fold(0, |m, t| m | (1 << *t as u8)),
                    minutes: r.spec.minutes,
                    flags: r.flags,
                    kcal: r.per_serving.kcal,
                    protein_g: r.per_serving.protein_g,
                    cost: r.cost_per_serving,
                    cuisine: intern(&mut cuisines, r.spec.cuisine.as_deref().unwrap_or("")),
                    protein_kind: intern(&mut proteins, if main == "none" { "" } else { &main }),
                    foods,
                    words,
                    uncertain: r.unknown_foods > 0,
                }
            })
            .collect();
        let index = SearchIndex::build(&kept, &facts, table);
        Catalog {
            recipes: kept,
            facts,
            index,
            by_id,
            cuisines,
            proteins,
        }
    }

    pub fn len(&self) -> usize {
        self.recipes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recipes.is_empty()
    }

    /// Position of a recipe by id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Recipe> {
        self.position(id).map(|i| &self.recipes[i])
    }

    pub fn cuisine_name(&self, i: u16) -> &str {
        &self.cuisines[i as usize]
    }

    pub fn protein_name(&self, i: u16) -> &str {
        &self.proteins[i as usize]
    }
}

/// A main protein from content flags when the recipe does not say.
fn guess_protein(flags: FoodFlags) -> String {
    let kind = if flags.has(Flag::Shellfish) {
        "shellfish"
    } else if flags.has(Flag::Fish) {
        "fish"
    } else if flags.has(Flag::Poultry) {
        "chicken"
    } else if flags.has(Flag::Meat) {
        "meat"
    } else if flags.has(Flag::Egg) {
        "egg"
    } else {
        "none"
    };
    kind.to_string()
}
